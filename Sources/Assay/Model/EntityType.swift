/// The type of an entity in a record (`entities[].type`); the raw value is the JSON string and the
/// dimension name of the rules and resolver that produce it.
public enum EntityType: String, Sendable, CaseIterable, CustomStringConvertible, Comparable {
    /// A factory: `{code}`.
    case factory
    /// An officer: `{rank, name, name_ascii}`.
    case officer
    /// A money figure: `{amount, currency, qualifier, per}`.
    case money
    /// A period: `{start, end}`.
    case period

    /// Orders by the JSON string, the order entities at one span are written in.
    public static func < (a: EntityType, b: EntityType) -> Bool { a.rawValue < b.rawValue }

    /// The JSON string (what `"\(value)"` prints too).
    public var description: String { rawValue }
}
