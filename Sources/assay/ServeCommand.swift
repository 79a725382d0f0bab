import ArgumentParser
import Assay
import AssayServer
import Foundation
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve records over HTTP: POST /v1/extract, POST /v1/batch, GET /healthz, /v1/rules, /metrics, /openapi.json.",
        discussion: """
            Rules reload on SIGHUP or POST /v1/rules/reload (the old rules stay when the new ones have errors); \
            SIGTERM or SIGINT stops accepting, finishes the requests in flight and exits 0. Logs go to standard error. \
            Exit status: 2 when the rule files are invalid at start, 1 when the address cannot be bound, 64 for bad arguments.
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port; the bound port is printed).")
    var port = 8080

    @Option(help: "The rule directory.")
    var rules: String = defaultRulesDirectory()

    @Option(help: "Documents processed at once (default: the number of cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Largest /v1/extract body and /v1/batch line, in bytes.")
    var maxBodySize: Int = 16 << 20

    @Option(help: "Seconds from a /v1/extract request's arrival to its record.")
    var timeout: Double = 30

    @Option(help: "Seconds one /v1/batch line may take on its worker (beyond: an E301 record in its place).")
    var lineTimeout: Double = 30

    @Option(help: "Seconds a request waits for a free worker before a 503.")
    var queueTimeout: Double = 5

    @Option(help: "Requests that may wait for a worker at once (beyond: 503 at once).")
    var maxQueue: Int = 1024

    @Option(help: "Seconds before a connection that sends nothing is closed.")
    var idleTimeout: Double = 60

    @Flag(help: "Do not run the rule examples when loading or reloading rules.")
    var skipExamples = false

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port is 0…65535") }
        if workers < 1 { throw ValidationError("--workers must be at least 1") }
        if maxBodySize < 1 { throw ValidationError("--max-body-size must be at least 1") }
        if maxQueue < 0 { throw ValidationError("--max-queue must not be negative") }
        for (name, v) in [
            ("--timeout", timeout), ("--line-timeout", lineTimeout), ("--queue-timeout", queueTimeout),
            ("--idle-timeout", idleTimeout),
        ] where !(v > 0 && v < 1e6) {
            throw ValidationError("\(name) is a number of seconds above 0")
        }
        if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("unknown --log-level '\(logLevel)'") }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "assay.serve")
        logger.logLevel = level
        let snapshot: RuleSnapshot
        switch RuleSnapshot.load(directory: rules, checkExamples: !skipExamples, generation: 1) {
        case .success(let s): snapshot = s
        case .failure(let error):
            FileHandle.standardError.write(Data((error.rendered + "\n").utf8))
            FileHandle.standardError.write(Data("assay: \(error.diagnostics.count) rule-file error(s)\n".utf8))
            throw ExitCode(2)
        }
        let options = ServerOptions(
            host: host, port: port, rulesDirectory: rules, workers: workers, maxBodySize: maxBodySize,
            requestTimeout: .milliseconds(Int64(timeout * 1000)), lineTimeout: .milliseconds(Int64(lineTimeout * 1000)),
            queueTimeout: .milliseconds(Int64(queueTimeout * 1000)),
            maxQueue: maxQueue, idleTimeout: .milliseconds(Int64(idleTimeout * 1000)), checkExamplesOnReload: !skipExamples)
        let server = AssayServer(options: options, rules: snapshot, logger: logger)
        let host = self.host
        let group = server.serviceGroup(reloadOnSIGHUP: true) { port in
            // One line on standard output, for scripts and tests that start the server on port 0.
            FileHandle.standardOutput.write(Data("assay serve: listening on http://\(host):\(port)\n".utf8))
        }
        do {
            try await group.run()
        } catch {
            FileHandle.standardError.write(Data("assay serve: \(error)\n".utf8))
            throw ExitCode(1)
        }
        logger.notice("stopped")
    }
}
