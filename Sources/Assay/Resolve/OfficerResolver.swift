import ICUKit

/// Officers: a military rank and a personal name (DESIGN.md, record contract v1).
///
/// Captures: `rank` (a rank lexicon phrase whose value is a canonical rank id) and `name` (the name's
/// tokens; an academic title between rank and name stays outside it); `post`, a word just before the
/// rank that makes a bare `general` part of a post (`Director General`, `डायरेक्टर जनरल`), and `known`,
/// a known given name that lets a Hindi everyday rank word (`कैप्टन`) take a name that is not Vietnamese. The value's `name` is the
/// name's original text with zero-width characters removed, whitespace collapsed and NFC applied;
/// `name_ascii` is its lowercase ASCII key (``LatinFold``, or ``DevanagariRomanizer`` for Devanagari).
package struct OfficerResolver: Resolver {
    /// The canonical rank ids, lowest first.
    package static let ranks: [String] = [
        "second_lieutenant", "lieutenant", "senior_lieutenant", "captain", "major", "lieutenant_colonel",
        "senior_lieutenant_colonel", "colonel", "senior_colonel", "major_general", "lieutenant_general",
        "senior_lieutenant_general", "general",
        // Naval flag ranks, lowest first (Chuẩn Đô đốc, Phó Đô đốc, Đô đốc).
        "rear_admiral", "vice_admiral", "admiral",
    ]

    package init() {}

    package func resolve(_ input: ResolverInput) -> Resolution {
        guard let rankCapture = input["rank"] else { return .reject("no 'rank' capture") }
        guard let rank = rankCapture.lexiconValue, Self.ranks.contains(rank) else {
            return .reject("'\(rankCapture.text)' has no canonical rank id")
        }
        if rank == "general", let post = input["post"] {
            return .reject("'\(post.text) \(rankCapture.text)' is a post, not a rank")
        }
        guard let nameCapture = input["name"], !nameCapture.tokens.isEmpty else { return .reject("no 'name' capture") }
        let name = Self.originalText(of: nameCapture, in: input.document)
        let key = Self.asciiKey(name)
        guard !key.isEmpty else { return .reject("name '\(name)' has no letters to key") }
        if input.language == .en, Self.commonWordRanks.contains(rankCapture.folded),
            !key.split(separator: " ").allSatisfy({ Self.isVietnameseSyllable($0) })
        {
            return .reject("'\(rankCapture.text)' before words that are not Vietnamese name syllables is a common word")
        }
        if input.language == .hi, input["known"] == nil, Self.commonWordRanksHindi.contains(rankCapture.folded),
            !key.split(separator: " ").allSatisfy({ Self.isVietnameseSyllable($0, romanized: true) })
        {
            return .reject("'\(rankCapture.text)' before words that are neither a Vietnamese name nor a known name is a common word")
        }
        return .accept(EntityValue(fields: [.init("rank", rank), .init("name", name), .init("name_ascii", key)]))
    }

    /// English rank words that are also everyday words (`Major Projects Approved`, `Captain America`,
    /// `General Motors`): after one of them the name must read as Vietnamese syllables.
    static let commonWordRanks: Set<String> = ["major", "captain", "general"]

    /// Hindi rank words that are also everyday words (`जनरल मैनेजर`, `कप्तान` of a team): after one of
    /// them the name must read as a transliterated Vietnamese name, or start with a known given name
    /// (a rule's `known` capture, from the rule file's list).
    static let commonWordRanksHindi: Set<String> = Set(["जनरल", "मेजर", "मेज़र", "कैप्टन", "कप्तान"].map { NFC.normalize($0) })

    static let syllableOnsets = [
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
        "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
    ]
    static let syllableCodas: Set<Substring> = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]
    /// Onsets a Vietnamese name takes in Devanagari, as ``DevanagariRomanizer`` gives them back
    /// (`क्वांग` → `kvang`, `जुंग` → `jung` for Dũng), tried besides the plain ones.
    static let romanizedOnsets = ["kv", "kw", "ngv", "khv", "th", "sh", "f", "j", "z"]
    /// Codas a Vietnamese name takes in Devanagari romanized (`क्वोक` → `kvok` for Quốc).
    static let romanizedCodas: Set<Substring> = ["k"]

    /// Whether a lowercase ASCII word (a name's `name_ascii` part) is one Vietnamese syllable: an
    /// onset, one to three vowels and a coda (`nguyen`, `quoc`, `huong`, `anh`); `vietnamese`,
    /// `america` and `projects` are not.
    static func isVietnameseSyllable(_ w: Substring, romanized: Bool = false) -> Bool {
        if w.utf8.allSatisfy({ $0 < 0x80 }) {
            return w.utf8.withContiguousStorageIfAvailable { isVietnameseSyllableASCII($0, romanized: romanized) }
                ?? isVietnameseSyllableASCII(Array(w.utf8), romanized: romanized)
        }
        for onset in syllableOnsets + (romanized ? romanizedOnsets : []) where w.hasPrefix(onset) {
            let rest = w.dropFirst(onset.count)
            let vowels = rest.prefix { "aeiouy".contains($0) }
            guard (1...3).contains(vowels.count) else { continue }
            let coda = rest.dropFirst(vowels.count)
            if syllableCodas.contains(coda) || (romanized && romanizedCodas.contains(coda)) { return true }
        }
        return false
    }

    /// ``isVietnameseSyllable(_:romanized:)`` on an ASCII word's bytes (where a byte is a Character):
    /// the same onsets in the same order, vowels and codas, with no String work.
    static func isVietnameseSyllableASCII<Bytes: RandomAccessCollection<UInt8>>(_ w: Bytes, romanized: Bool) -> Bool
    where Bytes.Index == Int {
        func isVowel(_ b: UInt8) -> Bool { b == 0x61 || b == 0x65 || b == 0x69 || b == 0x6F || b == 0x75 || b == 0x79 }
        let onsets = romanized ? asciiOnsetsRomanized : asciiOnsets
        let lo = w.startIndex, n = w.count
        for onset in onsets where onset.count <= n && w[lo..<(lo + onset.count)].elementsEqual(onset) {
            var k = lo + onset.count
            let vowelStart = k
            while k < lo + n, isVowel(w[k]) { k += 1 }
            guard (1...3).contains(k - vowelStart) else { continue }
            let coda = w[k..<(lo + n)]
            if asciiCodas.contains(where: { $0.elementsEqual(coda) }) || (romanized && asciiRomanizedCodas.contains(where: { $0.elementsEqual(coda) })) {
                return true
            }
        }
        return false
    }

    static let asciiOnsets: [[UInt8]] = syllableOnsets.map { Array($0.utf8) }
    static let asciiOnsetsRomanized: [[UInt8]] = (syllableOnsets + romanizedOnsets).map { Array($0.utf8) }
    static let asciiCodas: [[UInt8]] = syllableCodas.map { Array($0.utf8) }
    static let asciiRomanizedCodas: [[UInt8]] = romanizedCodas.map { Array($0.utf8) }

    /// The capture's original text (not the normalized one), cleaned by ``cleanName(_:)``.
    static func originalText(of capture: Capture, in doc: TextDocument) -> String {
        let normalized = doc.tokens[capture.tokens.lowerBound].start..<doc.tokens[capture.tokens.upperBound - 1].end
        let original = doc.originalRange(normalized)
        if let fast = doc.source.units.withUnsafeBufferPointer({ cleanSimpleName(UnsafeBufferPointer(rebasing: $0[original])) }) {
            return fast
        }
        return cleanName(doc.source.string(original))
    }

    /// ``cleanName(_:)`` straight from UTF-16, for the usual name: ASCII, Latin letters and
    /// Devanagari, where a whitespace unit is a whole character (no mark follows it) so cutting at
    /// units cuts where `Character.isWhitespace` would. nil for anything else.
    static func cleanSimpleName(_ raw: UnsafeBufferPointer<UInt16>) -> String? {
        var out: [UInt16] = []
        out.reserveCapacity(raw.count)
        var pendingSpace = false
        for (i, u) in raw.enumerated() {
            if isZeroWidth(UInt32(u)) { continue }
            guard u < 0x80 || (0xC0...0x24F).contains(u) || (0x1E00...0x1EFF).contains(u) || (0x0900...0x097F).contains(u) else {
                return nil
            }
            if u == 0x20 || (0x09...0x0D).contains(u) {
                // A mark after whitespace (zero-width characters are gone by then) joins it into one
                // character that `split` drops whole, mark included: leave that to the general path.
                var j = i + 1
                while j < raw.count, isZeroWidth(UInt32(raw[j])) { j += 1 }
                if j < raw.count, isMark(raw[j]) { return nil }
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20) }
            pendingSpace = false
            out.append(u)
        }
        return out.withUnsafeBufferPointer { u in
            NFC.quickCheckSpan(u, from: 0) == u.count ? String(utf16Units: u) : String(utf16Units: NFC.normalize(u))
        }
    }

    /// Zero-width characters removed, runs of whitespace collapsed to one space, NFC.
    static func cleanName(_ raw: String) -> String {
        let visible = String(String.UnicodeScalarView(raw.unicodeScalars.filter { !isZeroWidth($0.value) }))
        let words = visible.split(whereSeparator: { $0.isWhitespace })
        return NFC.normalize(words.joined(separator: " "))
    }

    /// Lowercase ASCII: Devanagari romanized, Latin folded; other characters dropped, words kept apart.
    static func asciiKey(_ name: String) -> String {
        let hasDevanagari = name.unicodeScalars.contains { (0x0900...0x097F).contains($0.value) }
        let raw = hasDevanagari ? DevanagariRomanizer.romanize(name) : LatinFold.fold(name)
        if let key = asciiWords(raw) { return key }
        let kept = raw.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "'" ? $0 : " " }
        return String(kept).split(separator: " ").joined(separator: " ")
    }

    /// Whether a BMP unit is a combining or spacing mark (the only units of ``cleanSimpleName(_:)``'s
    /// scripts that extend a character; Devanagari vowel signs among them).
    static func isMark(_ u: UInt16) -> Bool {
        guard let s = Unicode.Scalar(u) else { return false }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// ``asciiKey(_:)``'s last step for ASCII text (what folding gives): ASCII letters, digits, `-`
    /// and `'` kept, runs of anything else one space, none at the ends. nil for other text.
    static func asciiWords(_ raw: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(raw.utf8.count)
        var gap = false
        for b in raw.utf8 {
            guard b < 0x80 else { return nil }
            let kept = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x27
            if !kept {
                gap = true
                continue
            }
            if gap && !out.isEmpty { out.append(0x20) }
            gap = false
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `v` is one of ``zeroWidth`` (the same set, tested by ranges instead of hashed: a
    /// test checks every scalar of the BMP).
    @inline(__always)
    static func isZeroWidth(_ v: UInt32) -> Bool {
        switch v {
        case 0x00AD, 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    /// ZERO WIDTH SPACE, NON-JOINER, JOINER, WORD JOINER, BYTE ORDER MARK, SOFT HYPHEN, and the
    /// other invisible format characters the normalizer drops (bidi marks U+200E, U+200F, U+061C,
    /// embeddings and isolates U+202A–U+202E, U+2066–U+2069).
    static let zeroWidth: Set<UInt32> = [
        0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x200E, 0x200F, 0x061C, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
        0x2066, 0x2067, 0x2068, 0x2069, 0x2061, 0x2062, 0x2063, 0x2064,
    ]
}
