import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The built `assay` binary (`make test` builds it before the tests).
let binary: String = {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("assay").path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    return root.appendingPathComponent(".build/debug/assay").path
}()

/// `assay serve` as a child process on a free loopback port.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let errPipe = Pipe()
    private let errData = DataBox()

    init(_ extra: [String] = [], rules: String = rulesPath) throws {
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--port", "0", "--rules", rules] + extra
        process.currentDirectoryURL = root
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errPipe
        try process.run()
        let reader = errPipe.fileHandleForReading
        let box = errData
        // A thread of its own: it blocks for the server's whole life (see offPool).
        Thread { box.data = reader.readDataToEndOfFile() }.start()
        // "assay serve: listening on http://127.0.0.1:PORT"
        var line: [UInt8] = []
        let handle = out.fileHandleForReading
        while true {
            let b = handle.readData(ofLength: 1)
            if b.isEmpty || b[0] == 0x0A { break }
            line.append(b[0])
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let p = text.split(separator: ":").last.flatMap({ Int($0) }) else {
            process.terminate()
            throw ClientError(description: "no listening line, got '\(text)'")
        }
        port = p
    }

    /// Sends `signal` and waits for the exit; the exit status and everything logged.
    func stop(_ signal: Int32 = SIGTERM) -> (Int32, String) {
        kill(process.processIdentifier, signal)
        return waitForExit()
    }

    /// Waits for the exit (after a signal already sent); the exit status and everything logged.
    func waitForExit() -> (Int32, String) {
        process.waitUntilExit()
        Thread.sleep(forTimeInterval: 0.1)
        return (process.terminationStatus, String(decoding: errData.data, as: UTF8.self))
    }
}

final class DataBox: @unchecked Sendable {
    var data = Data()
}

/// Runs the binary to the end; its status and standard output.
func runAssay(_ args: [String]) throws -> (Int32, Data) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: binary)
    p.arguments = args
    p.currentDirectoryURL = root
    var env = ProcessInfo.processInfo.environment
    env["ASSAY_RULES"] = rulesPath
    p.environment = env
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, data)
}

@Suite(.serialized) struct ServeCommandTests {
    /// Issue 15's contract: for the same bytes and source, the service's record is byte for byte
    /// the one `assay extract` prints — over every document of the corpus.
    @Test func theRecordIsTheOneExtractGivesForEveryCorpusDocument() async throws {
        let fm = FileManager.default
        var files: [String] = []
        let e = fm.enumerator(atPath: root.appendingPathComponent("corpus").path)
        while let p = e?.nextObject() as? String {
            if p.hasSuffix(".txt") { files.append("corpus/" + p) }
        }
        files.sort()
        #expect(files.count >= 50)
        let server = try ServeProcess(["--workers", "2", "--skip-examples"])
        defer { _ = server.stop() }
        // Two at a time: each `assay extract` is a process of its own.
        let mismatches = try await withThrowingTaskGroup(of: String?.self) { group in
            var out: [String] = []
            for (k, file) in files.enumerated() {
                if k >= 2, let done = try await group.next(), let m = done { out.append(m) }
                group.addTask {
                    let bytes = try [UInt8](Data(contentsOf: root.appendingPathComponent(file)))
                    let reply = try await http(server.port, "POST", "/v1/extract?source=\(file)", headers: [("Content-Type", "text/plain")], body: bytes)
                    let (status, cli) = try await offPool { try runAssay(["extract", "--compact", file]) }
                    if status != 0 || reply.status != 200 { return "\(file): extract \(status), serve \(reply.status)" }
                    return reply.body == [UInt8](cli) ? nil : "\(file): records differ"
                }
            }
            for try await m in group { if let m { out.append(m) } }
            return out
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test func sighupReloadsAndSigtermFinishesInFlightThenExitsZero() async throws {
        let dir = try copyOfRules()
        let server = try ServeProcess(["--workers", "1", "--skip-examples"], rules: dir.path)
        let text = "Colonel Tran Quoc Bao said Z121 Factory earned VND240 billion in 2020."
        let before = try await http(server.port, "POST", "/v1/extract", contentType: "text/plain", body: text)
        #expect(entityTypes(before.json).contains("officer"))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("en/officer.yaml"))
        kill(server.process.processIdentifier, SIGHUP)
        #expect(try await eventually { try await http(server.port, "GET", "/v1/rules").json["generation"] as? Int == 2 })
        let after = try await http(server.port, "POST", "/v1/extract", contentType: "text/plain", body: text)
        #expect(!entityTypes(after.json).contains("officer"))
        // SIGTERM while a request is in flight: it still gets its record. The request is held in
        // flight by its body, half of which is sent before the signal and the rest after, so it
        // is in flight however fast the machine (polling for a busy worker could miss a document
        // that had already finished).
        let document = slowDocument
        let half = document.count / 2
        let connection = try HTTPConnection(port: server.port)
        connection.sendHead("POST", "/v1/extract?source=slow", headers: [("Content-Type", "text/plain")], length: document.count)
        #expect(connection.send(Array(document[..<half])))
        // In flight: this request and the /metrics request that reports it.
        #expect(try await eventually { try await http(server.port, "GET", "/metrics").text.contains("assay_http_requests_in_flight 2.0\n") })
        kill(server.process.processIdentifier, SIGTERM)
        let reply = try await offPool { () throws -> HTTPReply in
            _ = connection.send(Array(document[half...]))
            return try connection.readReply()
        }
        let (status, log) = try await offPool { server.waitForExit() }
        #expect(reply.status == 200)
        #expect(reply.json["source"] as? String == "slow")
        #expect(status == 0)
        // Structured log lines, each request's with its id.
        let id = try #require(reply.header("X-Request-Id"))
        #expect(log.contains("hb.request.id=\(id)"))
        #expect(log.contains("rules reloaded"))
        #expect(log.contains("trigger=SIGHUP"))
    }

    @Test func invalidRulesAtStartExitTwo() throws {
        let dir = tempDir()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("vi"), withIntermediateDirectories: true)
        try "language: vi\ndimension: money\nrules:\n  - id: vi.money.x\n    pattern: \"@nope\"\n".write(
            to: dir.appendingPathComponent("vi/money.yaml"), atomically: true, encoding: .utf8)
        let (status, _) = try runAssay(["serve", "--port", "0", "--rules", dir.path])
        #expect(status == 2)
        #expect(try runAssay(["serve", "--workers", "0"]).0 == 64)
        #expect(try runAssay(["serve", "--port", "70000"]).0 == 64)
    }
}
