/// A finding about a document or a rule file, with a stable code (the table in DESIGN.md).
public struct Diagnostic: Sendable, Equatable, Hashable {
    /// Stable code: `W301` …; services match on it, never on the message.
    public var code: DiagnosticCode
    /// Human-readable explanation.
    public var message: String
    /// Unicode scalar offset in the decoded text, or nil for a diagnostic about the whole document.
    public var start: Int?
    /// Unicode scalar offset (exclusive), or nil.
    public var end: Int?

    /// A diagnostic; `start` and `end` nil for one about the whole document.
    public init(code: DiagnosticCode, message: String, start: Int? = nil, end: Int? = nil) {
        self.code = code
        self.message = message
        self.start = start
        self.end = end
    }
}
