import ICUKit

/// Vietnamese tone-mark placement. In open syllables with `oa`, `oe` and `uy`, the old style puts
/// the tone on the second vowel (`hoà`, `thuỷ`) and the new style on the first (`hòa`, `thủy`). NFC
/// keeps them apart; Assay folds the old style to the new one.
enum VietnameseTone {
    /// The five tone marks: grave, acute, hook above, tilde, dot below.
    static let tones: [UInt16] = [0x0300, 0x0301, 0x0309, 0x0303, 0x0323]

    /// toned second vowel → (plain vowel, tone index)
    static let secondVowels: [UInt16: (UInt16, Int)] = {
        var m: [UInt16: (UInt16, Int)] = [:]
        for base in "aeyAEY".utf16 {
            for (k, t) in tones.enumerated() {
                let composed = NFC.normalize(String(decoding: [base, t], as: UTF16.self))
                let u = Array(composed.utf16)
                if u.count == 1 { m[u[0]] = (base, k) }
            }
        }
        return m
    }()

    /// (first vowel, tone index) → toned first vowel
    static let firstVowels: [UInt32: UInt16] = {
        var m: [UInt32: UInt16] = [:]
        for base in "ouOU".utf16 {
            for (k, t) in tones.enumerated() {
                let u = Array(NFC.normalize(String(decoding: [base, t], as: UTF16.self)).utf16)
                if u.count == 1 { m[UInt32(base) << 8 | UInt32(k)] = u[0] }
            }
        }
        return m
    }()

    static var tonedSecondVowels: [UInt16] { Array(secondVowels.keys) }

    /// The new-style pair for `previous` + `toned`, or nil when they are not an old-style pair.
    static func shift(previous: UInt16, toned: UInt16, before: UInt16) -> (UInt16, UInt16)? {
        guard let (plain, tone) = secondVowels[toned] else { return nil }
        let p = previous | 0x20, v = plain | 0x20
        switch (p, v) {
        case (0x6F, 0x61), (0x6F, 0x65): break  // oa, oe
        case (0x75, 0x79):  // uy, but not after q (quý keeps the tone on y in both styles)
            if before | 0x20 == 0x71 { return nil }
        default: return nil
        }
        guard let first = firstVowels[UInt32(previous) << 8 | UInt32(tone)] else { return nil }
        return (first, plain)
    }

    /// Whether a unit continues a Latin word (a letter or a combining mark).
    static func isLetter(_ c: UInt16) -> Bool {
        switch c {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x300...0x36F, 0x1E00...0x1EFF: return c != 0xD7 && c != 0xF7
        default: return false
        }
    }
}

/// Simple case folding unit by unit, so the folded view keeps every offset.
enum CaseFold {
    static let table: [UInt16] = {
        var t = [UInt16](repeating: 0, count: 0x10000)
        for c in 0..<0x10000 {
            if (0xD800..<0xE000).contains(c) { t[c] = UInt16(c); continue }
            let f = UCharacter.foldCase(UInt32(c))
            t[c] = f <= 0xFFFF ? UInt16(f) : UInt16(c)
        }
        return t
    }()

    static func fold(_ units: [UInt16]) -> [UInt16] {
        let t = table
        var out = [UInt16](repeating: 0, count: units.count)
        units.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for i in 0..<src.count {
                    let c = src[i]
                    dst[i] = c < 0x80 ? (c &- 0x41 < 26 ? c | 0x20 : c) : t[Int(c)]
                }
            }
        }
        return out
    }
}
