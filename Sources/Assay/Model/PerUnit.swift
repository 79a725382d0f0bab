/// What a money figure is counted per (`value.per` of a money entity, `per` of a fact); a figure
/// with no unit has `per: null`.
public enum PerUnit: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Per month.
    case month
    /// Per year.
    case year
    /// Per person.
    case person
    /// Per person and month.
    case personMonth = "person_month"
    /// Per person and year.
    case personYear = "person_year"

    /// Whether the figure is counted per head (`person`, `person_month`, `person_year`).
    package var isPerPerson: Bool { self == .person || self == .personMonth || self == .personYear }

    /// The JSON string (what `"\(value)"` prints too).
    public var description: String { rawValue }
}
