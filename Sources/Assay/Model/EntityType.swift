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
    public static func < (a: EntityType, b: EntityType) -> Bool { a.rank < b.rank }

    /// The position of the raw value among all raw values sorted (`factory`, `money`, `officer`,
    /// `period`): ``<`` without comparing strings (a test checks it against the raw values).
    var rank: Int {
        switch self {
        case .factory: return 0
        case .money: return 1
        case .officer: return 2
        case .period: return 3
        }
    }

    /// The JSON string (what `"\(value)"` prints too).
    public var description: String { rawValue }
}
