import ICUKit

/// Sentence boundaries from ICU, with no break after rank and title abbreviations.
package enum Sentences {
    /// Abbreviations (folded, without the dot) after which a sentence never ends.
    static let abbreviations: Set<String> = [
        "sr", "lt", "col", "gen", "dr", "ths", "ts", "capt", "maj", "brig", "mr", "mrs", "ms", "no", "pgs", "gs",
        "st", "jr", "prof", "sgt", "cpt", "adm", "vs", "co", "ltd", "dt", "tp", "q", "p", "tr", "đ", "ks", "bs",
        "डॉ", "श्री", "लेफ्टि", "ले",
    ]

    /// The longest abbreviation in UTF-16 units: a longer word before a dot is not looked up.
    static let longestAbbreviation = abbreviations.map { $0.utf16.count }.max() ?? 0

    /// Sentence ranges (normalized UTF-16) covering `range` of the document's text.
    package static func split(_ doc: TextDocument, range: Range<Int>, language: Language) -> [Range<Int>] {
        let u = doc.text.units
        guard !range.isEmpty else { return [] }
        let locale = language == .und ? "en" : language.rawValue
        let ends = u.withUnsafeBufferPointer { p in
            SentenceBreaker.boundaries(UnsafeBufferPointer(rebasing: p[range]), locale: locale).map { $0 + range.lowerBound }
        }
        var out: [Range<Int>] = []
        var start = range.lowerBound
        for e in ends {
            if e < range.upperBound, endsWithAbbreviation(doc, upTo: e) { continue }
            if e > start { out.append(start..<e) }
            start = e
        }
        if start < range.upperBound { out.append(start..<range.upperBound) }
        return out
    }

    static func endsWithAbbreviation(_ doc: TextDocument, upTo e: Int) -> Bool {
        let f = doc.text.folded
        var j = e
        while j > 0, f[j - 1] == 0x20 { j -= 1 }
        guard j > 0, f[j - 1] == 0x2E else { return false }
        var k = j - 1
        while k > 0, CharClass.table[Int(f[k - 1])] != CharClass.space, f[k - 1] != 0x2E, f[k - 1] != 0x28 { k -= 1 }
        guard k < j - 1, j - 1 - k <= longestAbbreviation else { return false }
        let word = f[k..<(j - 1)]
        // An ASCII word equals an abbreviation (as a String, canonically) exactly when their units
        // are the same: compared without making a String or hashing one.
        if word.allSatisfy({ $0 < 0x80 }) { return asciiAbbreviations.contains { $0.elementsEqual(word) } }
        return abbreviations.contains(String(decoding: word, as: UTF16.self))
    }

    /// The ASCII ``abbreviations`` as UTF-16 units.
    static let asciiAbbreviations: [[UInt16]] = abbreviations.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.map { Array($0.utf16) }
}
