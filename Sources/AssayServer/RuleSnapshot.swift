import Assay
import Foundation
import Synchronization

/// One loaded rule set and the pipeline built on it, never changed after it is made. A request
/// takes the current snapshot once, when it starts, and keeps it to its end: a reload swaps in a
/// new snapshot for later requests while earlier ones finish on the rules they started with.
public struct RuleSnapshot: Sendable {
    /// The pipeline over these rules.
    public let pipeline: Pipeline
    /// ``RuleSources/digest``: `sha256:` over the rule files' relative paths and bytes.
    public let version: String
    /// The rule directory as configured.
    public let directory: String
    /// How many rule files and rules were loaded.
    public let fileCount: Int
    /// The number of rules.
    public let ruleCount: Int
    /// How many examples were run (0 when examples were not checked).
    public let exampleCount: Int
    /// When the snapshot was loaded.
    public let loadedAt: Date
    /// 1 for the rules loaded at start, then one more per successful reload.
    public let generation: Int

    /// Reads, compiles and (when `checkExamples`) checks every example of the rules in `directory`;
    /// every E1xx problem at once when any.
    public static func load(directory: String, checkExamples: Bool, generation: Int) -> Result<RuleSnapshot, RuleProblems> {
        let sources = RuleSources.read(directory: directory)
        let set: RuleSet
        do {
            set = try RuleSet.load(sources)
        } catch {
            return .failure(RuleProblems(diagnostics: error.diagnostics))
        }
        var examples = 0
        if checkExamples {
            let outcomes = ExampleRunner(rules: set).runAll()
            let failed = outcomes.compactMap(\.failure)
            if !failed.isEmpty { return .failure(RuleProblems(diagnostics: failed)) }
            examples = outcomes.count
        }
        return .success(
            RuleSnapshot(
                pipeline: Pipeline(rules: set), version: sources.digest, directory: directory, fileCount: set.files.count,
                ruleCount: set.rules.count, exampleCount: examples, loadedAt: Date(), generation: generation))
    }

    /// The snapshot as the `GET /v1/rules` body.
    var json: JSONValue {
        .object([
            ("version", .string(version)),
            ("directory", .string(directory)),
            ("files", .number(String(fileCount))),
            ("rules", .number(String(ruleCount))),
            ("examples_checked", .number(String(exampleCount))),
            ("generation", .number(String(generation))),
            ("loaded_at", .string(ISO8601DateFormatter().string(from: loadedAt))),
        ])
    }
}

/// Every problem that kept a rule directory from loading: `E1xx` file errors or `E190` examples.
public struct RuleProblems: Error, Sendable {
    /// The problems, in file order.
    public var diagnostics: [RuleDiagnostic]
    /// All of them, compiler-style, one after another.
    public var rendered: String { diagnostics.map(\.rendered).joined(separator: "\n") }
}

/// What a reload did: the new snapshot, or the problems that kept the old one in force.
public enum ReloadOutcome: Sendable {
    /// The new rules are live.
    case reloaded(RuleSnapshot)
    /// The rules had errors; `current` (the old rules) stays in force.
    case refused(RuleProblems, current: RuleSnapshot)
}

/// The current rule snapshot, swapped atomically by reloads. Reloads are serialized: two at once
/// would otherwise race to set the generation.
public final class RuleStore: Sendable {
    /// The rule directory.
    public let directory: String
    let checkExamplesOnReload: Bool
    private let snapshot: Mutex<RuleSnapshot>
    private let reloadLock = Mutex<Void>(())

    /// A store holding `initial`.
    public init(initial: RuleSnapshot, checkExamplesOnReload: Bool) {
        directory = initial.directory
        self.checkExamplesOnReload = checkExamplesOnReload
        snapshot = Mutex(initial)
    }

    /// The rules in force now.
    public var current: RuleSnapshot { snapshot.withLock { $0 } }

    /// Loads and checks the directory again (blocking: call it off the event loops); on success the
    /// new snapshot goes live for every request that starts afterwards.
    public func reload() -> ReloadOutcome {
        reloadLock.withLock { _ in
            let next = current.generation + 1
            switch RuleSnapshot.load(directory: directory, checkExamples: checkExamplesOnReload, generation: next) {
            case .success(let fresh):
                snapshot.withLock { $0 = fresh }
                return .reloaded(fresh)
            case .failure(let error):
                return .refused(error, current: current)
            }
        }
    }
}
