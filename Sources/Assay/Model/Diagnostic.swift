/// A finding about a document or a rule file, with a stable code (the table in DESIGN.md).
public struct Diagnostic: Codable, Sendable, Equatable, Hashable {
    /// Stable code: `W301` …; services match on it, never on the message.
    public var code: String
    /// Human-readable explanation.
    public var message: String
    /// Unicode scalar offset in the decoded text, or nil for a diagnostic about the whole document.
    public var start: Int?
    /// Unicode scalar offset (exclusive), or nil.
    public var end: Int?

    public init(code: String, message: String, start: Int? = nil, end: Int? = nil) {
        self.code = code
        self.message = message
        self.start = start
        self.end = end
    }

    enum CodingKeys: String, CodingKey { case code, message, start, end }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(message, forKey: .message)
        try c.encode(start, forKey: .start)  // null, never absent
        try c.encode(end, forKey: .end)
    }
}
