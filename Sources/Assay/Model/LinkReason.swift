/// How a fact's period was linked to its money figure (`period_by`).
public enum PeriodLink: String, Sendable, CaseIterable, CustomStringConvertible {
    /// A period in the figure's sentence.
    case sentence
    /// The last period before the figure in its paragraph.
    case paragraph

    /// The JSON string (what `"\(value)"` prints too).
    public var description: String { rawValue }
}

/// How a fact's factory was linked to its money figure (`factory_by`).
public enum FactoryLink: String, Sendable, CaseIterable, CustomStringConvertible {
    /// A factory in the figure's sentence.
    case sentence
    /// The nearest factory named earlier in the same paragraph (a reference such as `the factory`
    /// in a document with several factories and no main one).
    case paragraph
    /// The document's only or main factory.
    case document

    /// The JSON string (what `"\(value)"` prints too).
    public var description: String { rawValue }
}
