import Assay
import Foundation
import Testing

@testable import AssayServer

@Suite struct ErrorTests {
    /// Every error is `{"error": {"code": …, "message": …}}` with a JSON content type.
    func expectError(_ r: HTTPReply, _ status: Int, _ code: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == status, sourceLocation: sourceLocation)
        #expect(r.header("Content-Type") == "application/json", sourceLocation: sourceLocation)
        #expect(r.errorCode == code, "\(r.text)", sourceLocation: sourceLocation)
        let message = (r.json["error"] as? [String: Any])?["message"] as? String
        #expect(message?.isEmpty == false, sourceLocation: sourceLocation)
    }

    @Test func badQueriesAndContentTypes() async throws {
        try await withServer { port, _ in
            let text = "Nhà máy Z131"
            expectError(try await http(port, "POST", "/v1/extract?lang=fr", contentType: "text/plain", body: text), 400, "bad_request")
            expectError(try await http(port, "POST", "/v1/extract?lang=und", contentType: "text/plain", body: text), 400, "bad_request")
            expectError(try await http(port, "POST", "/v1/extract?encoding=klingon", contentType: "text/plain", body: text), 400, "bad_request")
            expectError(try await http(port, "POST", "/v1/extract?colour=red", contentType: "text/plain", body: text), 400, "bad_request")
            expectError(try await http(port, "POST", "/v1/extract?source=", contentType: "text/plain", body: text), 400, "bad_request")
            expectError(try await http(port, "POST", "/v1/extract", contentType: "text/plain; charset=klingon", body: text), 400, "bad_request")
            expectError(try await http(port, "POST", "/v1/extract", contentType: "text/plain; format=flowed", body: text), 400, "bad_request")
            expectError(
                try await http(port, "POST", "/v1/extract?encoding=utf-8", contentType: "text/plain; charset=windows-1258", body: text), 400,
                "bad_request")
            expectError(try await http(port, "POST", "/v1/extract", contentType: "text", body: text), 400, "bad_request")
            expectError(try await http(port, "POST", "/v1/extract?lang=vi", contentType: "application/json", body: #"{"text":"x"}"#), 400, "bad_request")
            expectError(
                try await http(port, "POST", "/v1/extract", contentType: "application/json; charset=latin1", body: #"{"text":"x"}"#), 400, "bad_request")
            expectError(try await http(port, "POST", "/v1/batch?lang=vi", contentType: "application/x-ndjson", body: #"{"text":"x"}"#), 400, "bad_request")
            expectError(try await http(port, "POST", "/v1/extract", contentType: "image/png", body: text), 415, "unsupported_media_type")
            expectError(
                try await http(port, "POST", "/v1/extract", contentType: "application/x-www-form-urlencoded", body: text), 415, "unsupported_media_type")
            expectError(try await http(port, "POST", "/v1/batch", contentType: "multipart/form-data; boundary=x", body: text), 415, "unsupported_media_type")
        }
    }

    @Test func unknownRoutesAndMethods() async throws {
        try await withServer { port, _ in
            expectError(try await http(port, "GET", "/v2/extract"), 404, "not_found")
            expectError(try await http(port, "GET", "/"), 404, "not_found")
            let wrong = try await http(port, "GET", "/v1/extract")
            expectError(wrong, 405, "method_not_allowed")
            #expect(wrong.header("Allow") == "POST")
            expectError(try await http(port, "DELETE", "/v1/rules"), 405, "method_not_allowed")
        }
    }

    @Test func garbageOnTheWireDoesNotStopTheServer() async throws {
        try await withServer { port, _ in
            // Not HTTP at all, and a head that breaks off: the connection is dropped, the server goes on.
            for junk in ["\u{0}\u{1}\u{2}garbage\r\n\r\n", "POST /v1/extract HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc"] {
                _ = try await offPool {
                    let c = try HTTPConnection(port: port)
                    c.send(junk)
                    shutdown(c.fd, Int32(SHUT_WR))
                    return try? c.readReply()
                }
            }
            #expect(try await http(port, "GET", "/healthz").status == 200)
        }
    }
}

/// Timing-dependent: one at a time, so the suites beside them do not steal the workers.
@Suite(.serialized) struct LimitTests {
    @Test func busyWorkersMeanA503WithRetryAfter() async throws {
        var options = ServerOptions(rulesDirectory: rulesPath, workers: 1)
        options.queueTimeout = .milliseconds(50)
        try await withServer(options) { port, server in
            // The test holds the only worker, as a long document would.
            #expect(await server.pool.acquire(waitingAtMost: .zero))
            #expect(try await http(port, "GET", "/healthz").json["busy"] as? Int == 1)
            let refused = try await http(port, "POST", "/v1/extract", contentType: "text/plain", body: "Nhà máy Z131")
            #expect(refused.status == 503)
            #expect(refused.errorCode == "overloaded")
            #expect(refused.header("Retry-After") == "1")
            let batch = try await http(port, "POST", "/v1/batch", contentType: "application/x-ndjson", body: #"{"text":"x"}"#)
            #expect(batch.status == 503)
            server.pool.release()
            // Free again: the same request goes through.
            #expect(try await http(port, "POST", "/v1/extract", contentType: "text/plain", body: "Nhà máy Z131").status == 200)
        }
    }

    @Test func requestsWaitForAWorkerWithinTheQueueTimeout() async throws {
        var options = ServerOptions(rulesDirectory: rulesPath, workers: 1)
        options.queueTimeout = .seconds(60)
        try await withServer(options) { port, _ in
            let text = "Nhà máy Z131 đạt 1.500 tỷ đồng"
            let replies = try await withThrowingTaskGroup(of: HTTPReply.self) { group in
                for i in 0..<12 {
                    group.addTask { try await http(port, "POST", "/v1/extract?source=\(i)", contentType: "text/plain", body: text) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(replies.count == 12)
            #expect(replies.allSatisfy { $0.status == 200 })
        }
    }

    @Test func aFullQueueIsRefusedAtOnce() async throws {
        var options = ServerOptions(rulesDirectory: rulesPath, workers: 1)
        options.maxQueue = 0
        options.queueTimeout = .seconds(60)
        try await withServer(options) { port, server in
            #expect(await server.pool.acquire(waitingAtMost: .zero))
            let started = ContinuousClock.now
            let refused = try await http(port, "POST", "/v1/extract", contentType: "text/plain", body: "x")
            #expect(refused.status == 503)
            #expect(ContinuousClock.now - started < .seconds(30))
            server.pool.release()
            #expect(try await http(port, "POST", "/v1/extract", contentType: "text/plain", body: "x").status == 200)
        }
    }

    /// A document of 6 MB (over the window threshold: processed in windows of 1 Mi units, tens
    /// of seconds of CPU in a debug build) against a 2 s timeout with one worker: the 504 goes
    /// out, the pipeline stops at its next check (counted as `outcome="timeout"` only when it
    /// stopped short of the record), the worker is free again, and the next request is served
    /// while the cancelled document would still be running.
    @Test func aDocumentOverTheRequestTimeoutIsA504AndStopsFreeingItsWorker() async throws {
        var options = ServerOptions(rulesDirectory: rulesPath, workers: 1)
        options.requestTimeout = .seconds(2)
        options.queueTimeout = .seconds(60)
        let long = longDocument(atLeast: 6_000_000)
        try await withServer(options) { port, _ in
            let r = try await http(port, "POST", "/v1/extract", headers: [("Content-Type", "text/plain")], body: long)
            #expect(r.status == 504)
            #expect(r.errorCode == "timeout")
            // The worker stops at the pipeline's next check: the document is counted as stopped
            // (it never completed) and the only worker is free.
            #expect(try await eventually { try await documentCount(port, "timeout") == 1 })
            #expect(try await busyWorkers(port, 0))
            #expect(try await documentCount(port, "ok") == 0)
            // The next request gets the only worker and its record (its own 2 s budget).
            let next = try await http(port, "POST", "/v1/extract", contentType: "text/plain", body: "Nhà máy Z131 đạt 1.500 tỷ đồng")
            #expect(next.status == 200)
            #expect(next.body == expectedRecord(Array("Nhà máy Z131 đạt 1.500 tỷ đồng".utf8), source: "http"))
            #expect(try await documentCount(port, "ok") == 1)
        }
    }

    /// A batch line over `--line-timeout` becomes an `E301` record in its place (with its id and
    /// metadata); the lines around it get their records, in order, and the worker goes on.
    @Test func aBatchLineOverTheLineTimeoutIsAnErrorRecordInPlace() async throws {
        var options = ServerOptions(rulesDirectory: rulesPath, workers: 1)
        options.lineTimeout = .milliseconds(500)
        let slowText = String(decoding: longDocument(atLeast: 3_000_000), as: UTF8.self)
        var slowLine = #"{"id":"slow","batch":7,"text":""#
        slowLine += slowText.replacingOccurrences(of: "\n", with: "\\n") + "\"}"
        let lines = [
            #"{"id":"a","text":"Nhà máy Z131 đạt 1.500 tỷ đồng"}"#,
            slowLine,
            #"{"id":"b","text":"Z121 Factory earned VND240 billion in 2020."}"#,
        ]
        try await withServer(options) { port, _ in
            let r = try await http(
                port, "POST", "/v1/batch", headers: [("Content-Type", "application/x-ndjson")], body: Array(lines.joined(separator: "\n").utf8))
            #expect(r.status == 200)
            let records = r.lines
            #expect(records.map { $0["source"] as? String ?? "?" } == ["a", "slow", "b"])
            let stopped = records.count == 3 ? records[1] : [:]
            let error = stopped["error"] as? [String: Any]
            #expect(error?["code"] as? String == "E301")
            #expect(error?["message"] as? String == "line 2: not processed within the line timeout of 0.5 s (--line-timeout)")
            #expect((stopped["meta"] as? [String: Any])?["batch"] as? Int == 7)
            #expect(stopped["id"] is NSNull)
            #expect((stopped["entities"] as? [Any])?.isEmpty == true)
            // The lines around it: exactly what --stdin-jsonl writes.
            let parts = r.body.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            #expect(parts.count == 4)
            if parts.count == 4 {
                #expect(parts[0] + [0x0A] == expectedStreamRecord(lines[0], line: 1))
                #expect(parts[2] + [0x0A] == expectedStreamRecord(lines[2], line: 3))
            }
            #expect(try await documentCount(port, "timeout") == 1)
            #expect(try await documentCount(port, "ok") == 2)
            #expect(try await busyWorkers(port, 0))
        }
    }

    @Test func aBodyThatStopsArrivingIsA408() async throws {
        var options = ServerOptions(rulesDirectory: rulesPath)
        options.requestTimeout = .milliseconds(300)
        try await withServer(options) { port, _ in
            let r = try await offPool {
                let c = try HTTPConnection(port: port)
                c.sendHead("POST", "/v1/extract", headers: [("Content-Type", "text/plain")], length: 100)
                c.send("only part of it")
                return try c.readReply()
            }
            #expect(r.status == 408)
            #expect(r.errorCode == "request_timeout")
        }
    }
}
