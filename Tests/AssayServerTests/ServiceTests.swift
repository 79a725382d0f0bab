import Assay
import Foundation
import Testing

@testable import AssayServer

@Suite struct ServiceTests {
    @Test func metricsCountRequestsDocumentsAndEntities() async throws {
        try await withServer { port, _ in
            let text = "Thượng tá Lê Minh Quang cho biết năm 2023 Nhà máy Z131 đạt doanh thu gần 1.500 tỷ đồng."
            for _ in 0..<3 { _ = try await http(port, "POST", "/v1/extract", contentType: "text/plain", body: text) }
            _ = try await http(port, "POST", "/v1/batch", contentType: "application/x-ndjson", body: "{\"text\":\"Z121 Factory\"}\nnot json\n")
            _ = try await http(port, "GET", "/nowhere")
            let m = try await http(port, "GET", "/metrics")
            #expect(m.status == 200)
            #expect(m.header("Content-Type")?.hasPrefix("text/plain") == true)
            let t = m.text
            #expect(t.contains(#"assay_http_requests_total{method="POST",path="/v1/extract",status="200"} 3"#))
            #expect(t.contains(#"assay_http_requests_total{method="POST",path="/v1/batch",status="200"} 1"#))
            #expect(t.contains(#"assay_http_requests_total{method="GET",path="unmatched",status="404"} 1"#))
            #expect(t.contains(#"assay_documents_total{outcome="ok"} 4"#))
            #expect(t.contains(#"assay_documents_total{outcome="error"} 1"#))
            #expect(t.contains(#"assay_entities_total{type="officer"} 3"#))
            #expect(t.contains(#"assay_entities_total{type="money"} 3"#))
            #expect(t.contains(#"assay_entities_total{type="factory"} 4"#))
            #expect(t.contains(#"assay_http_request_duration_seconds_bucket{method="POST",path="/v1/extract",le="+Inf"} 3"#))
            #expect(t.contains(#"assay_http_request_duration_seconds_count{method="POST",path="/v1/extract"} 3"#))
            // The /metrics request itself is in flight while it renders.
            #expect(t.contains("assay_http_requests_in_flight 1.0\n"))
            #expect(t.contains("assay_document_bytes_total \(3 * text.utf8.count + "Z121 Factory".utf8.count)"))
        }
    }

    @Test func theOpenAPIDocumentIsValidAndMatchesTheRoutes() async throws {
        try await withServer { port, _ in
            let r = try await http(port, "GET", "/openapi.json")
            #expect(r.status == 200)
            let doc = r.json
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = doc["paths"] as? [String: [String: Any]] ?? [:]
            var documented: Set<String> = []
            for (path, ops) in paths {
                for method in ops.keys { documented.insert("\(method.uppercased()) \(path)") }
            }
            let served = Set(AssayServer.routes.map { "\($0.method.rawValue) \($0.path)" })
            #expect(documented == served)
            // The error codes the server sends are listed, the shutdown one included.
            let schemas = (doc["components"] as? [String: Any])?["schemas"] as? [String: Any]
            let errorProps = ((schemas?["Error"] as? [String: Any])?["properties"] as? [String: Any])
            let code = ((errorProps?["error"] as? [String: Any])?["properties"] as? [String: Any])?["code"] as? [String: Any]
            let codes = Set(code?["examples"] as? [String] ?? [])
            for expected in ["overloaded", "shutting_down", "request_timeout", "timeout", "payload_too_large"] {
                #expect(codes.contains(expected), "\(expected)")
            }
            // Every documented route is answered (not 404/405); a path not documented is not.
            for route in documented.sorted() {
                let parts = route.split(separator: " ")
                let reply = try await http(port, String(parts[0]), String(parts[1]), headers: [("Content-Type", "application/x-ndjson")], body: [])
                #expect(reply.status != 404 && reply.status != 405, "\(route)")
            }
            #expect(try await http(port, "GET", "/v1/batch").status == 405)
            // The document is valid OpenAPI 3.1 (Python's openapi-spec-validator).
            let file = tempDir().appendingPathComponent("openapi.json")
            try Data(r.body).write(to: file)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = [
                "python3", "-c",
                "import sys; from openapi_spec_validator import validate; from openapi_spec_validator.readers import read_from_filename; d, _ = read_from_filename(sys.argv[1]); validate(d); print('valid')",
                file.path,
            ]
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
            #expect(printed == "valid\n")
        }
    }

    @Test func gracefulShutdownFinishesTheRequestInFlight() async throws {
        let document = slowDocument
        let (reply, port) = try await withServerReturningDuringShutdown(document)
        #expect(reply.status == 200)
        #expect(reply.body == expectedRecord(document, source: "slow"))
        // And the port no longer accepts.
        #expect(throws: (any Error).self) { _ = try HTTPConnection(port: port) }
    }
}

/// Starts a slow request, shuts the server down while it runs, and returns its reply.
func withServerReturningDuringShutdown(_ document: [UInt8]) async throws -> (HTTPReply, Int) {
    let box = PortBox()
    let reply = try await withServer(ServerOptions(rulesDirectory: rulesPath, workers: 1)) { port, server in
        box.port = port
        // The test holds the only worker, so the request is seen in flight (waiting for it) however fast
        // the machine: polling for a busy worker could miss a document that had already finished.
        #expect(await server.pool.acquire(waitingAtMost: .zero))
        let slow = Task { try await http(port, "POST", "/v1/extract?source=slow", headers: [("Content-Type", "text/plain")], body: document) }
        let waiting = try await eventually { try await http(port, "GET", "/healthz").json["waiting"] as? Int == 1 }
        #expect(waiting)
        server.pool.release()
        // Returning starts the shutdown while `slow` is still in flight.
        return slow
    }
    return (try await reply.value, box.port)
}

final class PortBox: @unchecked Sendable {
    var port = 0
}
