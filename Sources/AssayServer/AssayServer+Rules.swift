import Assay
import Dispatch
import Hummingbird

extension AssayServer {
    /// Reloads the rules off the event loops and logs and counts the outcome.
    public func reload(trigger: String) async -> ReloadOutcome {
        let store = self.store
        let outcome = await withCheckedContinuation { (c: CheckedContinuation<ReloadOutcome, Never>) in
            DispatchQueue.global().async { c.resume(returning: store.reload()) }
        }
        switch outcome {
        case .reloaded(let s):
            metrics.reload(succeeded: true)
            logger.notice(
                "rules reloaded",
                metadata: [
                    "trigger": .string(trigger), "rules_version": .string(s.version), "rules": .stringConvertible(s.ruleCount),
                    "generation": .stringConvertible(s.generation),
                ])
        case .refused(let error, let current):
            metrics.reload(succeeded: false)
            logger.error(
                "rules reload refused; the previous rules stay in force",
                metadata: [
                    "trigger": .string(trigger), "errors": .stringConvertible(error.diagnostics.count), "rules_version": .string(current.version),
                    "report": .string(error.rendered),
                ])
        }
        return outcome
    }

    /// `POST /v1/rules/reload`: 200 with the new rule set, or 422 listing every problem.
    func reloadResponse() async throws -> Response {
        switch await reload(trigger: "http") {
        case .reloaded(let s):
            return Self.json(.object([("reloaded", .bool(true)), ("rules", s.json)]))
        case .refused(let error, let current):
            let problems: [JSONValue] = error.diagnostics.map { d in
                .object([
                    ("path", .string(d.path)), ("line", .number(String(d.line))), ("column", .number(String(d.column))),
                    ("code", .string(d.code.rawValue)), ("message", .string(d.message)), ("rendered", .string(d.rendered)),
                ])
            }
            throw APIError(
                .unprocessableContent, code: "rules_invalid",
                "\(error.diagnostics.count) rule-file error(s); the previous rules (\(current.version)) stay in force",
                details: .object([("errors", .array(problems)), ("rules", current.json)]))
        }
    }
}
