import ICUKit

/// The text rules read: NFC plus Assay's folds, a case-folded view of the same length, and the
/// map back to the decoded original.
package struct NormalizedText: Sendable {
    /// Normalized text as UTF-16 code units.
    package let units: [UInt16]
    /// The case-folded matching view; `folded.count == units.count`, offsets shared.
    package let folded: [UInt16]
    /// Normalized offsets → original offsets (UTF-16 code units of the decoded original).
    package let map: OffsetMap

    /// Normalizes decoded original text.
    package init(original: [UInt16]) {
        let (units, map) = Normalizer.normalize(original)
        self.units = units
        self.map = map
        folded = CaseFold.fold(units)
    }

    /// Normalizes a string (a rule literal, a test input).
    package init(_ string: String) {
        self.init(original: Array(string.utf16))
    }

    /// The normalized text as a String.
    package var string: String { String(utf16Units: units) }
    /// The folded view as a String.
    package var foldedString: String { String(utf16Units: folded) }
}

/// NFC with an offset map, then Assay's character folds (DESIGN.md, issue "Foundation").
package enum Normalizer {
    /// Normalizes `original`, returning the text and its map back to `original`.
    package static func normalize(_ original: [UInt16]) -> ([UInt16], OffsetMap) {
        let (nfc, nfcMap) = original.withUnsafeBufferPointer { nfcWithMap($0) }
        let (folded, foldMap) = nfc.withUnsafeBufferPointer { applyFolds($0) }
        return (folded, nfcMap.composed(with: foldMap))
    }

    /// The normalized form of a string (what a rule literal becomes).
    package static func normalize(_ s: String) -> String {
        String(decoding: normalize(Array(s.utf16)).0, as: UTF16.self)
    }

    /// ICU NFC with the quick-check fast path: text already NFC is copied; each stretch that is not
    /// is cut at NFC boundaries and normalized alone, becoming one rewritten run.
    static func nfcWithMap(_ src: UnsafeBufferPointer<UInt16>) -> ([UInt16], OffsetMap) {
        let n = src.count
        var out = [UInt16]()
        out.reserveCapacity(n)
        var map = OffsetMap()
        var i = 0
        var floor = 0
        while i < n {
            let yes = NFC.quickCheckSpan(src, from: i)
            if yes > 0 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: src[i..<(i + yes)]))
                map.copy(origStart: i, count: yes)
                i += yes
            }
            if i >= n { break }
            var q = i
            while q > floor, !NFC.hasBoundaryBefore(codePoint(src, at: q)) { q = previous(src, q) }
            if q < i {
                _ = map.retract(i - q)
                out.removeLast(i - q)
            }
            var r = i + scalarLength(src, at: i)
            while r < n, !NFC.hasBoundaryBefore(codePoint(src, at: r)) { r += scalarLength(src, at: r) }
            let chunk = NFC.normalize(UnsafeBufferPointer(rebasing: src[q..<r]))
            map.rewrite(normCount: chunk.count, origStart: q, origEnd: r)
            out.append(contentsOf: chunk)
            i = r
            floor = r
        }
        return (out, map)
    }

    static func codePoint(_ s: UnsafeBufferPointer<UInt16>, at i: Int) -> UInt32 {
        let c = s[i]
        if c & 0xFC00 == 0xD800, i + 1 < s.count, s[i + 1] & 0xFC00 == 0xDC00 {
            return 0x10000 + (UInt32(c & 0x3FF) << 10) + UInt32(s[i + 1] & 0x3FF)
        }
        return UInt32(c)
    }

    static func scalarLength(_ s: UnsafeBufferPointer<UInt16>, at i: Int) -> Int {
        s[i] & 0xFC00 == 0xD800 && i + 1 < s.count && s[i + 1] & 0xFC00 == 0xDC00 ? 2 : 1
    }

    static func previous(_ s: UnsafeBufferPointer<UInt16>, _ i: Int) -> Int {
        i >= 2 && s[i - 1] & 0xFC00 == 0xDC00 && s[i - 2] & 0xFC00 == 0xD800 ? i - 2 : i - 1
    }

    /// Spaces, line ends, dashes, quotes, zero-width and other format characters (bidi marks),
    /// decimal digits and Vietnamese tone placement, each a rewritten run so offsets stay exact.
    static func applyFolds(_ s: UnsafeBufferPointer<UInt16>) -> ([UInt16], OffsetMap) {
        let n = s.count
        var out = [UInt16]()
        out.reserveCapacity(n)
        var map = OffsetMap()
        let table = FoldTable.shared
        var copyStart = 0
        var j = 0
        @inline(__always) func flush(_ upTo: Int) {
            if upTo > copyStart {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: s[copyStart..<upTo]))
                map.copy(origStart: copyStart, count: upTo - copyStart)
            }
        }
        while j < n {
            let c = s[j]
            if c >= 0x20 && c < 0x80 { j += 1; continue }
            if c == 0x0D {
                flush(j)
                let len = j + 1 < n && s[j + 1] == 0x0A ? 2 : 1
                out.append(0x0A)
                map.rewrite(normCount: 1, origStart: j, origEnd: j + len)
                j += len
                copyStart = j
                continue
            }
            if c < 0x80 { j += 1; continue }
            let action = table.action[Int(c)]
            switch action {
            case FoldTable.keep:
                j += 1
            case FoldTable.drop:
                flush(j)
                map.rewrite(normCount: 0, origStart: j, origEnd: j + 1)
                j += 1
                copyStart = j
            case FoldTable.tone:
                // Old-style tone placement (hoà, thuỷ) → new style (hòa, thủy) at a syllable's end.
                if j > copyStart, let pair = VietnameseTone.shift(previous: s[j - 1], toned: c, before: j >= 2 ? s[j - 2] : 0),
                    j + 1 >= n || !VietnameseTone.isLetter(s[j + 1])
                {
                    flush(j - 1)
                    out.append(pair.0)
                    out.append(pair.1)
                    map.rewrite(normCount: 2, origStart: j - 1, origEnd: j + 1)
                    j += 1
                    copyStart = j
                } else {
                    j += 1
                }
            default:
                flush(j)
                out.append(action)
                map.rewrite(normCount: 1, origStart: j, origEnd: j + 1)
                j += 1
                copyStart = j
            }
        }
        flush(n)
        return (out, map)
    }
}

/// Per-UTF-16-unit fold actions, built once from ICU's character data.
final class FoldTable: Sendable {
    static let keep: UInt16 = 0
    static let drop: UInt16 = 1
    static let tone: UInt16 = 2
    static let shared = FoldTable()

    /// For each BMP unit: keep, drop, tone (maybe a tone shift), or the replacement unit.
    let action: [UInt16]

    private init() {
        var a = [UInt16](repeating: FoldTable.keep, count: 0x10000)
        for c in [0x00A0, 0x2007, 0x2008, 0x2009, 0x200A, 0x202F, 0x205F, 0x3000, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x0085, 0x1680] {
            a[c] = 0x20
        }
        a[0x0085] = 0x0A
        a[0x2028] = 0x0A
        a[0x2029] = 0x0A
        for c in [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE63, 0xFF0D] { a[c] = 0x2D }
        for c in [0x2018, 0x2019, 0x201A, 0x201B, 0x2032] { a[c] = 0x27 }
        for c in [0x201C, 0x201D, 0x201E, 0x201F, 0x2033] { a[c] = 0x22 }
        for c in [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD] { a[c] = FoldTable.drop }
        // Every other format character (General_Category Cf) is as invisible inside a figure or a
        // name: bidi marks (U+200E, U+200F, U+061C), embeddings and isolates (U+202A–U+202E,
        // U+2066–U+2069), invisible operators (U+2061–U+2064).
        for c in 0x80..<0x10000 where !(0xD800..<0xE000).contains(c) && a[c] == FoldTable.keep {
            if Unicode.Scalar(UInt32(c))?.properties.generalCategory == .format { a[c] = FoldTable.drop }
        }
        for c in 0x80..<0x10000 where !(0xD800..<0xE000).contains(c) && a[c] == FoldTable.keep {
            if let d = UCharacter.digitValue(UInt32(c)) { a[c] = UInt16(0x30 + d) }
        }
        for c in VietnameseTone.tonedSecondVowels { a[Int(c)] = FoldTable.tone }
        action = a
    }
}
