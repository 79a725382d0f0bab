/// A stage of the pipeline, in the order a document goes through them; the raw value is the name
/// `assay run --profile` and `--stats` print.
package enum Stage: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Bytes to UTF-16 (charset, byte-order mark, bad bytes).
    case decode
    /// NFC and the language folds, with the offset map.
    case normalize
    /// Paragraphs, their language, tokens.
    case segment
    /// The token automaton over every paragraph.
    case match
    /// Resolvers and the overlap policy.
    case resolve
    /// Facts: money linked to period and factory.
    case link
    /// The record as JSON.
    case encode

    /// The stage's position in ``allCases`` (its slot in ``StageProfile/nanos``).
    package var index: Int {
        switch self {
        case .decode: 0
        case .normalize: 1
        case .segment: 2
        case .match: 3
        case .resolve: 4
        case .link: 5
        case .encode: 6
        }
    }

    /// The JSON string (what `"\(value)"` prints too).
    package var description: String { rawValue }
}
