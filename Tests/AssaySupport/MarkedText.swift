/// A test input whose spans are marked in the text itself: `⟦` opens a span and `⟧` closes it, so a
/// test never counts offsets by hand (which goes wrong in Devanagari and decomposed Vietnamese).
///
/// `try MarkedText("Ông \u{200D}⟦Nha\u{300} ma\u{301}y Z131⟧ nói")` gives the text without the
/// markers and the span `[5, 19)` in Unicode scalars, the offsets records use.
public struct MarkedText: Sendable {
    /// The text with the markers removed.
    public let text: String
    /// Each marked span, half-open, in Unicode scalars of ``text``, in the order they open.
    public let spans: [Range<Int>]

    /// The opening marker, `⟦` (U+27E6).
    public static let open: Unicode.Scalar = "\u{27E6}"
    /// The closing marker, `⟧` (U+27E7).
    public static let close: Unicode.Scalar = "\u{27E7}"

    /// A marker out of place, with the scalar offset (in the marked input) where it was found.
    public struct MarkerError: Error, Sendable, CustomStringConvertible {
        /// Where the marker is, in Unicode scalars of the marked input.
        public let offset: Int
        /// What is wrong with it.
        public let problem: String
        /// The offset and the problem, for a test failure.
        public var description: String { "marked text: \(problem) at scalar \(offset)" }
    }

    /// Reads the markers out of `marked`. Spans do not nest; every `⟦` needs its `⟧`.
    public init(_ marked: String) throws(MarkerError) {
        var scalars = String.UnicodeScalarView()
        var spans: [Range<Int>] = []
        var opened: Int? = nil
        var count = 0
        for (i, s) in marked.unicodeScalars.enumerated() {
            switch s {
            case Self.open:
                guard opened == nil else { throw MarkerError(offset: i, problem: "'⟦' inside a span") }
                opened = count
            case Self.close:
                guard let start = opened else { throw MarkerError(offset: i, problem: "'⟧' without '⟦'") }
                spans.append(start..<count)
                opened = nil
            default:
                scalars.append(s)
                count += 1
            }
        }
        if opened != nil { throw MarkerError(offset: marked.unicodeScalars.count, problem: "'⟦' not closed") }
        text = String(scalars)
        self.spans = spans
    }

    /// The text of each span.
    public var marked: [String] {
        let scalars = Array(text.unicodeScalars)
        return spans.map { String(String.UnicodeScalarView(scalars[$0])) }
    }

    /// The text as UTF-16 code units (what `TextDocument(original:)` takes).
    public var utf16: [UInt16] { Array(text.utf16) }
}
