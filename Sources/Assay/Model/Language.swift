/// A language tag of a paragraph or document.
public enum Language: String, Sendable, CaseIterable, Comparable {
    /// Hindi.
    case hi
    /// Vietnamese.
    case vi
    /// English.
    case en
    /// Undetermined: the text decides no language (an empty or binary document, for one).
    case und

    /// Orders by the code (`en` < `hi` < `und` < `vi`).
    public static func < (a: Language, b: Language) -> Bool { a.rawValue < b.rawValue }
}
