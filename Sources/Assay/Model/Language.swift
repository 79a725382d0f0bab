/// A language tag of a paragraph or document.
public enum Language: String, Sendable, CaseIterable, Comparable {
    case hi, vi, en, und

    public static func < (a: Language, b: Language) -> Bool { a.rawValue < b.rawValue }
}
