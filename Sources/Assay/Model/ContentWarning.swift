/// The `W2xx` content warnings: a form that looked like an entity but that its resolver rejected,
/// reported on the record's `diagnostics` with the form's span so a reader sees what was dropped
/// and why. Every code is defined here (README.md and rules/README.md list them).
package enum ContentWarning: String, Sendable, CaseIterable, Equatable {
    /// W201: a figure that is not a number in its language's marks, whose marks are ambiguous
    /// (`1.50 tỷ đồng`: a broken `1.500` or an English `1.50`?), or a money range that does not rise.
    case invalidNumber = "W201"
    /// W202: a period or date that cannot exist: month 13, 30 February, quarter 5, a range that
    /// runs backwards, a year out of range.
    case impossiblePeriod = "W202"

    /// The stable code.
    package var code: DiagnosticCode {
        switch self {
        case .invalidNumber: .invalidNumber
        case .impossiblePeriod: .impossiblePeriod
        }
    }

    /// The most W2xx warnings one record carries (the first ones in the text): a document that is
    /// nothing but malformed figures must not grow its record without bound.
    package static let perDocument = 100
}
