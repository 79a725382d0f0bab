/// An entity an example must yield.
public struct ExpectedEntity: Sendable, Equatable {
    public var type: String
    public var text: String
    /// Expected value fields; nil values mean JSON null.
    public var value: [String: String?]
}

/// A rule example (exactly these entities) or counterexample (no entity of the rule's type).
public struct RuleExample: Sendable {
    public var text: String
    public var entities: [ExpectedEntity]
    /// Where the example is written, for E190 reports.
    public var line: Int
    public var column: Int
    /// The language to run it in (the file's, unless the example names one).
    public var language: Language
}

/// One rule from a rule file.
///
/// A class: every match hands its rule to a resolver, and copying a struct of ten fields retained
/// each of them (a visible share of the resolve stage); a rule never changes after loading.
public final class Rule: Sendable {
    /// `<lang>.<dimension>.<slug>`, the same in the output, diagnostics and tests.
    public let id: String
    public let description: String
    /// The entity type (or internal dimension, e.g. `metric`).
    public let dimension: String
    /// The file's language; nil for `rules/common`, whose rules run in every language.
    public let language: Language?
    public let priority: Int
    public let pattern: String
    public let examples: [RuleExample]
    public let counterexamples: [RuleExample]
    /// The rule file and the line of the rule's `id`.
    public let path: String
    public let line: Int

    public init(
        id: String, description: String, dimension: String, language: Language?, priority: Int, pattern: String,
        examples: [RuleExample], counterexamples: [RuleExample], path: String, line: Int
    ) {
        self.id = id
        self.description = description
        self.dimension = dimension
        self.language = language
        self.priority = priority
        self.pattern = pattern
        self.examples = examples
        self.counterexamples = counterexamples
        self.path = path
        self.line = line
    }
}

/// A problem in a rule file, rendered like a compiler message.
public struct RuleDiagnostic: Error, Sendable, Equatable {
    public var path: String
    public var line: Int
    public var column: Int
    /// `E1xx` (file errors) or `E190` (a failing example).
    public var code: DiagnosticCode
    public var message: String
    /// The source line, for the caret.
    public var sourceLine: String?

    /// `rules/vi/money.yaml:12:9: error[E104]: unknown lexicon 'scale'`, the source line and a caret.
    public var rendered: String {
        var s = "\(path):\(line):\(column): error[\(code.rawValue)]: \(message)"
        if let src = sourceLine {
            s += "\n" + src + "\n" + String(repeating: " ", count: max(0, column - 1)) + "^"
        }
        return s
    }
}

/// Rule files that could not be loaded: every problem found, in file order.
public struct RuleLoadError: Error, Sendable {
    public var diagnostics: [RuleDiagnostic]
    /// All diagnostics, rendered, one after another.
    public var rendered: String { diagnostics.map(\.rendered).joined(separator: "\n") }
}
