import ICUKit

/// Officers: a military rank and a personal name (DESIGN.md, record contract v1).
///
/// Captures: `rank` (a rank lexicon phrase whose value is a canonical rank id) and `name` (the name's
/// tokens; an academic title between rank and name stays outside it). The value's `name` is the
/// name's original text with zero-width characters removed, whitespace collapsed and NFC applied;
/// `name_ascii` is its lowercase ASCII key (``LatinFold``, or ``DevanagariRomanizer`` for Devanagari).
public struct OfficerResolver: Resolver {
    /// The canonical rank ids, lowest first.
    public static let ranks: [String] = [
        "second_lieutenant", "lieutenant", "senior_lieutenant", "captain", "major", "lieutenant_colonel",
        "senior_lieutenant_colonel", "colonel", "senior_colonel", "major_general", "lieutenant_general",
        "senior_lieutenant_general", "general",
    ]

    public init() {}

    public func resolve(_ input: ResolverInput) -> Resolution {
        guard let rankCapture = input["rank"] else { return .reject("no 'rank' capture") }
        guard let rank = rankCapture.lexiconValue, Self.ranks.contains(rank) else {
            return .reject("'\(rankCapture.text)' has no canonical rank id")
        }
        guard let nameCapture = input["name"], !nameCapture.tokens.isEmpty else { return .reject("no 'name' capture") }
        let name = Self.originalText(of: nameCapture, in: input.document)
        let key = Self.asciiKey(name)
        guard !key.isEmpty else { return .reject("name '\(name)' has no letters to key") }
        return .accept(EntityValue(["rank": rank, "name": name, "name_ascii": key]))
    }

    /// The capture's original text (not the normalized one), cleaned by ``cleanName(_:)``.
    static func originalText(of capture: Capture, in doc: TextDocument) -> String {
        let normalized = doc.tokens[capture.tokens.lowerBound].start..<doc.tokens[capture.tokens.upperBound - 1].end
        return cleanName(doc.source.string(doc.originalRange(normalized)))
    }

    /// Zero-width characters removed, runs of whitespace collapsed to one space, NFC.
    static func cleanName(_ raw: String) -> String {
        let visible = String(String.UnicodeScalarView(raw.unicodeScalars.filter { !zeroWidth.contains($0.value) }))
        let words = visible.split(whereSeparator: { $0.isWhitespace })
        return NFC.normalize(words.joined(separator: " "))
    }

    /// Lowercase ASCII: Devanagari romanized, Latin folded; other characters dropped, words kept apart.
    static func asciiKey(_ name: String) -> String {
        let hasDevanagari = name.unicodeScalars.contains { (0x0900...0x097F).contains($0.value) }
        let raw = hasDevanagari ? DevanagariRomanizer.romanize(name) : LatinFold.fold(name)
        let kept = raw.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "'" ? $0 : " " }
        return String(kept).split(separator: " ").joined(separator: " ")
    }

    /// ZERO WIDTH SPACE, NON-JOINER, JOINER, WORD JOINER, BYTE ORDER MARK, SOFT HYPHEN.
    static let zeroWidth: Set<UInt32> = [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD]
}
