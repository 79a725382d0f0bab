/// How exact a money figure is (`value.qualifier` of a money entity, `qualifier` of a fact).
public enum Qualifier: String, Sendable, CaseIterable, CustomStringConvertible {
    /// As written.
    case exact
    /// About (`gần`, `nearly`, `लगभग`).
    case approx
    /// More than (`hơn`, `over`).
    case over
    /// Less than (`dưới`, `under`).
    case under

    /// The JSON string (what `"\(value)"` prints too).
    public var description: String { rawValue }
}
