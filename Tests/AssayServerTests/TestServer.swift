import Assay
import AssayServer
import Foundation
import Logging
import ServiceLifecycle

/// The repository root (for `rules/` and `corpus/`).
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let rulesPath = root.appendingPathComponent("rules").path

/// The repository's rules, loaded once for every test.
let sharedRules: RuleSnapshot = {
    switch RuleSnapshot.load(directory: rulesPath, checkExamples: false, generation: 1) {
    case .success(let s): return s
    case .failure(let e): fatalError("the repository's rules do not load: \(e.rendered)")
    }
}()

/// Starts a server on a free loopback port, runs `body` against it, then shuts it down gracefully
/// (and fails when the shutdown does not finish).
func withServer<T: Sendable>(
    _ options: ServerOptions = ServerOptions(port: 0, rulesDirectory: rulesPath), rules: RuleSnapshot = sharedRules,
    _ body: @Sendable (Int, AssayServer) async throws -> T
) async throws -> T {
    var logger = Logger(label: "assay.serve.test")
    logger.logLevel = .warning
    var options = options
    options.port = 0
    options.host = "127.0.0.1"
    let server = AssayServer(options: options, rules: rules, logger: logger)
    let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
    let group = server.serviceGroup(signals: []) { port in portSink.yield(port) }
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        var it = ports.makeAsyncIterator()
        guard let port = await it.next() else { throw ClientError(description: "the server did not start") }
        do {
            let result = try await body(port, server)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        } catch {
            await group.triggerGracefulShutdown()
            try? await tasks.waitForAll()
            throw error
        }
    }
}

/// A temporary directory.
func tempDir() -> URL {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("assay-serve-test-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
    return d
}

/// The record bytes `assay extract --compact` prints for `bytes` (the same library call).
func expectedRecord(_ bytes: [UInt8], source: String, encoding: String? = nil, language: Language? = nil) -> [UInt8] {
    sharedRules.pipeline.process(bytes: bytes, source: source, forcedEncoding: encoding, forcedLanguage: language).json() + [0x0A]
}

/// The record line `assay run --stdin-jsonl` writes for line `line`.
func expectedStreamRecord(_ text: String, line: Int) -> [UInt8] {
    StreamLine.process(text, line: line, pipeline: sharedRules.pipeline, encoding: nil).0.json() + [0x0A]
}

func codes(_ record: [String: Any]) -> [String] {
    (record["diagnostics"] as? [[String: Any]] ?? []).map { $0["code"] as? String ?? "?" }
}

/// Bad inputs of every class the CLI tests use.
enum BadInput {
    static let empty: [UInt8] = []
    static let binary: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0x00]
    static let invalidUTF8: [UInt8] = Array("Nhà máy Z131 đạt ".utf8) + [0xC3, 0x28] + Array(" tỷ đồng".utf8)
    /// "Nhà máy Z131 công nghiệp quốc phòng" in windows-1258.
    static let windows1258: [UInt8] = [
        0x4E, 0x68, 0xE0, 0x20, 0x6D, 0xE1, 0x79, 0x20, 0x5A, 0x31, 0x33, 0x31, 0x20, 0x63, 0xF4, 0x6E, 0x67, 0x20, 0x6E, 0x67, 0x68, 0x69,
        0xEA, 0xF2, 0x70, 0x20, 0x71, 0x75, 0x6F, 0xD2, 0x63, 0x20, 0x70, 0x68, 0xF4, 0xF2, 0x6E, 0x67,
    ]
    static let utf16WithBOM: [UInt8] = [0xFF, 0xFE] + Array("Nhà máy Z131 đạt 1.500 tỷ đồng".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    static let crlfBOM: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Z121 Factory earned VND240 billion in 2020.\r\nSecond line.\r\n".utf8)
    static let nulInText: [UInt8] = Array("Nhà máy Z131".utf8) + [0x00] + Array(" đạt 1.500 tỷ đồng".utf8)
}

/// Whether `check` comes true within `limit` (polled every few milliseconds).
func eventually(within limit: Duration = .seconds(60), _ check: () async throws -> Bool) async throws -> Bool {
    let end = ContinuousClock.now + limit
    while ContinuousClock.now < end {
        if try await check() { return true }
        try await Task.sleep(for: .milliseconds(5))
    }
    return false
}

/// Whether the server shows `busy` workers at work within a minute.
func busyWorkers(_ port: Int, _ busy: Int = 1) async throws -> Bool {
    try await eventually { try await http(port, "GET", "/healthz").json["busy"] as? Int == busy }
}

/// A copy of the repository's rules that a test may change.
func copyOfRules() throws -> URL {
    let dir = tempDir().appendingPathComponent("rules")
    try FileManager.default.copyItem(at: URL(fileURLWithPath: rulesPath), to: dir)
    return dir
}

/// The rules in `dir`, loaded without running their examples.
func loadSnapshot(_ dir: URL) throws -> RuleSnapshot {
    try RuleSnapshot.load(directory: dir.path, checkExamples: false, generation: 1).get()
}

/// The `type` of each entity of a record.
func entityTypes(_ record: [String: Any]) -> [String] {
    (record["entities"] as? [[String: Any]] ?? []).map { $0["type"] as? String ?? "" }
}

/// A document that keeps a worker busy for a while (about a second of CPU in a debug build).
let slowDocument = longDocument(atLeast: 500_000)

/// A document over `bytes` long, in lines of a few sentences (slow: seconds of CPU in a debug build
/// for a few megabytes).
func longDocument(atLeast bytes: Int) -> [UInt8] {
    let sentence = Array("Nhà máy Z131 đạt doanh thu 1.500 tỷ đồng năm 2020, Thượng tá Lê Minh Quang cho biết. ".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes + 2 * sentence.count)
    var n = 0
    while out.count < bytes {
        out += sentence
        n += 1
        if n % 8 == 0 { out.append(0x0A) }
    }
    return out
}

/// `assay_documents_total{outcome=…}` on the server's metrics (0 when absent).
func documentCount(_ port: Int, _ outcome: String) async throws -> Int {
    let prefix = "assay_documents_total{outcome=\"\(outcome)\"} "
    let line = try await http(port, "GET", "/metrics").text.split(separator: "\n").first { $0.hasPrefix(prefix) }
    return line.flatMap { Int($0.dropFirst(prefix.count)) } ?? 0
}
