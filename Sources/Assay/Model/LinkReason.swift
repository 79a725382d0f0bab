/// How a fact's period was linked to its money figure (`period_by`).
public enum PeriodLink: String, Sendable, CaseIterable {
    /// A period in the figure's sentence.
    case sentence
    /// The last period before the figure in its paragraph.
    case paragraph
}

/// How a fact's factory was linked to its money figure (`factory_by`).
public enum FactoryLink: String, Sendable, CaseIterable {
    /// A factory in the figure's sentence.
    case sentence
    /// The document's main factory.
    case document
}
