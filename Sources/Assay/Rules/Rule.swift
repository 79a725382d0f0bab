/// An entity an example must yield.
package struct ExpectedEntity: Sendable, Equatable {
    package var type: String
    package var text: String
    /// Expected value fields; nil values mean JSON null.
    package var value: [String: String?]
}

/// A rule example (exactly these entities) or counterexample (no entity of the rule's type).
package struct RuleExample: Sendable {
    package var text: String
    package var entities: [ExpectedEntity]
    /// Where the example is written, for E190 reports.
    package var line: Int
    package var column: Int
    /// The language to run it in (the file's, unless the example names one).
    package var language: Language
}

/// One rule from a rule file.
///
/// A class: every match hands its rule to a resolver, and copying a struct of ten fields retained
/// each of them (a visible share of the resolve stage); a rule never changes after loading.
public final class Rule: Sendable {
    /// `<lang>.<dimension>.<slug>`, the same in the output, diagnostics and tests.
    public let id: String
    /// What the rule matches, in words (the rule file's `description`).
    public let description: String
    /// The entity type (or internal dimension, e.g. `metric`).
    public let dimension: String
    /// The file's language; nil for `rules/common`, whose rules run in every language.
    public let language: Language?
    /// Breaks ties between overlapping matches of one type: the higher priority wins.
    public let priority: Int
    /// The pattern as written in the rule file.
    public let pattern: String
    package let examples: [RuleExample]
    package let counterexamples: [RuleExample]
    /// The rule file and the line of the rule's `id`.
    public let path: String
    /// The line of the rule's `id` in `path`.
    public let line: Int

    package init(
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
    /// The rule file.
    public var path: String
    /// The line in `path`, from 1.
    public var line: Int
    /// The column in `line`, from 1.
    public var column: Int
    /// `E1xx` (file errors) or `E190` (a failing example).
    public var code: DiagnosticCode
    /// What is wrong.
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
    /// Every problem found, in file order.
    public var diagnostics: [RuleDiagnostic]
    /// All diagnostics, rendered, one after another.
    public var rendered: String { diagnostics.map(\.rendered).joined(separator: "\n") }
}
