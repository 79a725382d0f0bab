/// Decides a paragraph's language by its words (DESIGN.md "Text units"): Devanagari → `hi`; Latin
/// text whose words are mostly Vietnamese → `vi`; other Latin text → `en`; else `und`.
package enum LanguageDetector {
    /// Vietnamese words written without diacritics that are frequent in news prose.
    static let functionWords: Set<String> = [
        "va", "cac", "cho", "voi", "la", "co", "nam", "theo", "tai", "ban", "anh", "chi", "thi", "nhu", "tin",
        "sang", "con", "sau", "trong", "tham", "kinh", "doanh", "san", "xuat", "quan", "tu", "ha", "noi", "thanh",
        "pho", "cong", "ty", "can", "bo", "chinh", "tri", "hoa", "chat", "nha", "may", "cuc", "ky", "thuat",
    ]

    /// ``functionWords`` packed by ``packedASCII(_:_:)`` in an open-addressing table, so a token is
    /// looked up without building a String or hashing it with SipHash.
    static let packedFunctionWords: KeyTable = {
        var table = KeyTable(capacity: functionWords.count)
        for w in functionWords {
            table.insert(Array(w.utf16).withUnsafeBufferPointer { packedASCII($0, 0..<$0.count)! }, value: 1)
        }
        return table
    }()

    /// A word of at most eight ASCII units as one integer (a unit per byte, length in the high byte
    /// so prefixes differ), or nil when it is longer or not ASCII: no function word is either.
    @inline(__always)
    static func packedASCII(_ u: UnsafeBufferPointer<UInt16>, _ r: Range<Int>) -> UInt64? {
        guard r.count <= 7 else { return nil }
        var key = UInt64(r.count) << 56
        for i in r {
            guard u[i] < 0x80 else { return nil }
            key |= UInt64(u[i]) << UInt64(8 * (i - r.lowerBound))
        }
        return key
    }

    /// Whether a word has letters only Vietnamese uses (ă â đ ê ô ơ ư or a tone mark); `table` is
    /// ``vietnameseLetters``.
    @inline(__always)
    static func hasVietnameseLetter(
        _ u: UnsafeBufferPointer<UInt16>, _ r: Range<Int>, _ table: UnsafeBufferPointer<Bool>
    ) -> Bool {
        for i in r where Int(u[i]) < table.count && table[Int(u[i])] { return true }
        return false
    }

    /// Per UTF-16 unit below U+1F00, whether it is a letter or mark only Vietnamese uses: one load
    /// per unit instead of a chain of range tests.
    static let vietnameseLetters: [Bool] = {
        var t = [Bool](repeating: false, count: 0x1F00)
        let units: [ClosedRange<Int>] = [
            0x0102...0x0103, 0x00C2...0x00C2, 0x00E2...0x00E2, 0x0110...0x0111, 0x00CA...0x00CA, 0x00EA...0x00EA,
            0x00D4...0x00D4, 0x00F4...0x00F4, 0x01A0...0x01A1, 0x01AF...0x01B0, 0x00C0...0x00C3, 0x00C8...0x00CA,
            0x00CC...0x00CD, 0x00D2...0x00D5, 0x00D9...0x00DA, 0x00DD...0x00DD, 0x00E0...0x00E3, 0x00E8...0x00EA,
            0x00EC...0x00ED, 0x00F2...0x00F5, 0x00F9...0x00FA, 0x00FD...0x00FD, 0x0128...0x0129, 0x0168...0x0169,
            0x1EA0...0x1EF9, 0x0300...0x0301, 0x0303...0x0303, 0x0309...0x0309, 0x0323...0x0323,
        ]
        for r in units { for c in r { t[c] = true } }
        return t
    }()

    /// The language of the tokens `tokens` over `folded`.
    package static func detect(tokens: ArraySlice<Token>, folded: [UInt16]) -> Language {
        var deva = 0, latin = 0, latinWords = 0, viWords = 0
        let functionWords = packedFunctionWords
        folded.withUnsafeBufferPointer { u in
            vietnameseLetters.withUnsafeBufferPointer { letters in
                for t in tokens where t.kind == .word {
                    let len = t.end - t.start
                    switch t.script {
                    case .devanagari: deva += len
                    case .latin:
                        latin += len
                        if len < 2 { continue }  // initials say nothing
                        let vietnamese = hasVietnameseLetter(u, t.start..<t.end, letters)
                        // Codes and acronyms say nothing, but an all-caps heading (`NHÀ MÁY Z176`) still
                        // shows its Vietnamese letters.
                        if t.allCaps && !vietnamese { continue }
                        latinWords += 1
                        if vietnamese {
                            viWords += 1
                        } else if len <= 6, let key = packedASCII(u, t.start..<t.end), functionWords.find(key) >= 0 {
                            viWords += 1
                        }
                    default: break
                    }
                }
            }
        }
        if deva == 0 && latin == 0 { return .und }
        if deva >= latin { return .hi }
        // Vietnamese when at least 40% of its Latin words read as Vietnamese; an English sentence
        // naming a Vietnamese person stays English.
        return latinWords > 0 && viWords * 5 >= latinWords * 2 ? .vi : .en
    }

    /// Whether decoded text reads as Vietnamese (used to accept a windows-1258 decoding).
    package static func looksVietnamese(_ units: [UInt16]) -> Bool {
        let text = NormalizedText(original: units)
        let tokens = Tokenizer.tokenize(text.units, folded: text.folded, range: 0..<text.units.count)
        return detect(tokens: tokens[...], folded: text.folded) == .vi
    }
}
