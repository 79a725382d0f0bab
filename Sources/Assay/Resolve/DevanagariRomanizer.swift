/// A best-effort, table-driven romanization of Devanagari names: a key for linking mentions of one
/// person across documents and scripts (`फाम वान लोंग` → `pham van long`), not a spelling.
///
/// A consonant carries the inherent vowel `a` unless a vowel sign or virama follows it, or it ends
/// the word (`राजीव` → `rajiv`, `शर्मा` → `sharma`). A nukta after a consonant selects its nukta form
/// (`ज़` → `z`); anusvara and candrabindu are `n`, visarga `h`. Characters outside the tables pass
/// through the Latin fold of ``LatinFold``; anything else is dropped.
package enum DevanagariRomanizer {
    /// Lowercase ASCII for `text`, word by word; spaces between words are kept single.
    package static func romanize(_ text: String) -> String {
        romanizeSimple(text) ?? romanizeCharacters(text)
    }

    /// ``romanize(_:)`` with words split at Characters: for any text.
    static func romanizeCharacters(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).map { romanizeWord(Array($0.unicodeScalars)) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// ``romanize(_:)`` with words split at whitespace scalars, for text of ASCII, precomposed Latin
    /// letters and Devanagari in which no mark follows a whitespace scalar; nil for other text. There
    /// a whitespace scalar is a Character of its own (no mark joins it, and these blocks hold no
    /// prepended character), so the words are the ones Character splitting gives, without breaking
    /// the text into grapheme clusters.
    static func romanizeSimple(_ text: String) -> String? {
        var words: [String] = []
        var word: [Unicode.Scalar] = []
        var afterSpace = false
        for s in text.unicodeScalars {
            let v = s.value
            guard v < 0x80 || (0xC0...0x24F).contains(v) || (0x1E00...0x1EFF).contains(v) || (0x0900...0x097F).contains(v) else { return nil }
            if v == 0x20 || (0x09...0x0D).contains(v) {
                if !word.isEmpty {
                    let w = romanizeWord(word)
                    if !w.isEmpty { words.append(w) }
                    word.removeAll(keepingCapacity: true)
                }
                afterSpace = true
                continue
            }
            if afterSpace, v >= 0x0900 {
                switch s.properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark: return nil
                default: break
                }
            }
            afterSpace = false
            word.append(s)
        }
        if !word.isEmpty {
            let w = romanizeWord(word)
            if !w.isEmpty { words.append(w) }
        }
        return words.joined(separator: " ")
    }

    static func romanizeWord(_ s: [Unicode.Scalar]) -> String {
        // The pieces' UTF-8 bytes in one buffer: the same string as concatenating them (String
        // concatenation keeps every scalar), without a String per piece; the tables are read as
        // arrays over the Devanagari block (``Table``) instead of hashed.
        var out: [UInt8] = []
        out.reserveCapacity(2 * s.count)
        var i = 0
        while i < s.count {
            let c = s[i]
            if var consonant = Table.consonants[c.value] {
                i += 1
                if i < s.count, s[i].value == nukta {
                    consonant = Table.nuktaForms[c.value] ?? consonant
                    i += 1
                }
                out.append(contentsOf: consonant)
                // The vowel the consonant takes from what follows it (consuming a vowel sign or virama).
                if i < s.count {
                    let next = s[i].value
                    if next == virama {
                        i += 1
                    } else if let m = Table.matras[next] {
                        out.append(contentsOf: m)
                        i += 1
                    } else {
                        out.append(0x61)
                    }
                }
            } else if let v = Table.independentVowels[c.value] ?? Table.signs[c.value] ?? Table.matras[c.value] {
                out.append(contentsOf: v)
                i += 1
            } else {
                out.append(contentsOf: LatinFold.fold(String(c)).utf8)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One of the tables below as an array over U+0900–U+097F of the values' UTF-8 bytes.
    struct Table: Sendable {
        let entries: [[UInt8]?]
        let outside: [UInt32: [UInt8]]

        init(_ d: [UInt32: String]) {
            var e = [[UInt8]?](repeating: nil, count: 0x80)
            var o: [UInt32: [UInt8]] = [:]
            for (k, v) in d {
                if k >= 0x0900 && k < 0x0980 { e[Int(k - 0x0900)] = Array(v.utf8) } else { o[k] = Array(v.utf8) }
            }
            entries = e
            outside = o
        }

        @inline(__always)
        subscript(_ v: UInt32) -> [UInt8]? {
            v >= 0x0900 && v < 0x0980 ? entries[Int(v - 0x0900)] : outside.isEmpty ? nil : outside[v]
        }

        static let consonants = Table(DevanagariRomanizer.consonants)
        static let nuktaForms = Table(DevanagariRomanizer.nuktaForms)
        static let matras = Table(DevanagariRomanizer.matras)
        static let independentVowels = Table(DevanagariRomanizer.independentVowels)
        static let signs = Table(DevanagariRomanizer.signs)
    }

    static let virama: UInt32 = 0x094D
    static let nukta: UInt32 = 0x093C

    static let consonants: [UInt32: String] = [
        0x0915: "k", 0x0916: "kh", 0x0917: "g", 0x0918: "gh", 0x0919: "n",
        0x091A: "ch", 0x091B: "chh", 0x091C: "j", 0x091D: "jh", 0x091E: "n",
        0x091F: "t", 0x0920: "th", 0x0921: "d", 0x0922: "dh", 0x0923: "n",
        0x0924: "t", 0x0925: "th", 0x0926: "d", 0x0927: "dh", 0x0928: "n",
        0x092A: "p", 0x092B: "ph", 0x092C: "b", 0x092D: "bh", 0x092E: "m",
        0x092F: "y", 0x0930: "r", 0x0932: "l", 0x0933: "l", 0x0935: "v",
        0x0936: "sh", 0x0937: "sh", 0x0938: "s", 0x0939: "h",
        // Precomposed nukta letters (NFC decomposes them, but input may not be NFC).
        0x0958: "q", 0x0959: "kh", 0x095A: "g", 0x095B: "z", 0x095C: "r", 0x095D: "rh", 0x095E: "f", 0x095F: "y",
    ]

    /// Consonant + nukta.
    static let nuktaForms: [UInt32: String] = [
        0x0915: "q", 0x0916: "kh", 0x0917: "g", 0x091C: "z", 0x0921: "r", 0x0922: "rh", 0x092B: "f", 0x092F: "y",
    ]

    /// Vowel signs (matras).
    static let matras: [UInt32: String] = [
        0x093E: "a", 0x093F: "i", 0x0940: "i", 0x0941: "u", 0x0942: "u", 0x0943: "ri", 0x0944: "ri",
        0x0945: "e", 0x0946: "e", 0x0947: "e", 0x0948: "ai", 0x0949: "o", 0x094A: "o", 0x094B: "o", 0x094C: "au",
    ]

    static let independentVowels: [UInt32: String] = [
        0x0905: "a", 0x0906: "a", 0x0907: "i", 0x0908: "i", 0x0909: "u", 0x090A: "u", 0x090B: "ri",
        0x090D: "e", 0x090E: "e", 0x090F: "e", 0x0910: "ai", 0x0911: "o", 0x0912: "o", 0x0913: "o", 0x0914: "au",
    ]

    /// Signs that stand after a vowel: candrabindu and anusvara (`n`), visarga (`h`); a stray nukta,
    /// virama or avagraha maps to nothing.
    static let signs: [UInt32: String] = [
        0x0901: "n", 0x0902: "n", 0x0903: "h", 0x093C: "", 0x094D: "", 0x093D: "",
    ]
}
