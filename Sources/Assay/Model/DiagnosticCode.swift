/// A stable diagnostic code (the table in DESIGN.md). Services match on the code, never on the
/// message; the raw value is what the record and the rule-file report print.
public enum DiagnosticCode: String, Sendable, CaseIterable, CustomStringConvertible, Comparable {
    // E1xx: rule files.
    /// Invalid YAML, an unreadable rule file or no rule directory.
    case invalidYAML = "E100"
    /// A rule file whose structure is wrong (missing or unknown keys, wrong kinds).
    case badStructure = "E101"
    /// A pattern's syntax.
    case patternSyntax = "E102"
    /// A rule id used twice.
    case duplicateRuleID = "E103"
    /// A pattern names a lexicon no file defines.
    case unknownLexicon = "E104"
    /// A pattern names an unknown token class.
    case unknownTokenClass = "E105"
    /// An empty pattern, alternative, literal or lexicon phrase.
    case emptyPattern = "E106"
    /// A pattern that can match the empty string.
    case emptyMatch = "E107"
    /// A rule id not of the form `<lang>.<dimension>.<slug>`.
    case badRuleID = "E108"
    /// A lexicon defined twice for one language.
    case duplicateLexicon = "E109"
    /// A context that holds more than one literal, lexicon or class.
    case badContext = "E110"
    /// A dimension no resolver is registered for.
    case unknownDimension = "E111"
    /// A pattern that nests unbounded repetition, or repeats without bound a part that can match nothing.
    case unboundedRepeat = "E112"
    /// A pattern that compiles to too many instructions.
    case patternTooLarge = "E113"
    /// A rule example or counterexample that does not yield what it says.
    case failingExample = "E190"
    // W2xx: content (``ContentWarning``).
    /// A figure that is not a number in its language's marks, or whose marks are ambiguous.
    case invalidNumber = "W201"
    /// A period or date that cannot exist.
    case impossiblePeriod = "W202"
    // W3xx: input.
    /// Invalid bytes replaced by U+FFFD.
    case invalidBytes = "W301"
    /// A binary file, skipped.
    case binarySkipped = "W302"
    /// A legacy encoding detected (windows-1258).
    case legacyEncoding = "W303"
    /// An empty document.
    case emptyDocument = "W304"
    // E3xx: unreadable documents.
    /// A document that is unreadable or vanished.
    case unreadable = "E301"
    /// A path that is not a regular file.
    case notRegularFile = "E302"
    /// A malformed `--stdin-jsonl` line.
    case malformedStreamLine = "E303"

    /// Whether the code is a warning (`W…`), which `--strict` turns into a failure.
    public var isWarning: Bool { rawValue.utf8.first == UInt8(ascii: "W") }

    /// Orders by the code's text (`E100` < `W301`), as summaries list them.
    public static func < (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.rawValue < b.rawValue }

    /// The JSON string (what `"\(value)"` prints too).
    public var description: String { rawValue }
}
