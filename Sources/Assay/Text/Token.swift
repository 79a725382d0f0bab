/// One of Assay's tokens over the normalized UTF-16 text (DESIGN.md "Text units").
package struct Token: Sendable, Equatable {
    /// What a token is made of.
    package enum Kind: UInt8, Sendable { case word, number, punct }
    /// The script of a word token.
    package enum Script: UInt8, Sendable { case latin, devanagari, other, none }

    /// Normalized UTF-16 offsets, half-open.
    package var start: Int
    package var end: Int
    package var kind: Kind
    package var script: Script
    /// Whitespace (or the paragraph start) precedes the token.
    package var spaceBefore: Bool
    /// The first letter is upper case.
    package var capitalized: Bool
    /// Every cased letter is upper case.
    package var allCaps: Bool
}

/// Character classes for tokenizing, one byte per BMP unit, built once.
enum CharClass {
    static let space: UInt8 = 0
    static let punct: UInt8 = 1
    static let digit: UInt8 = 2
    static let latin: UInt8 = 3
    static let devanagari: UInt8 = 4
    static let otherLetter: UInt8 = 5
    static let mark: UInt8 = 6

    static let table: [UInt8] = {
        var t = [UInt8](repeating: punct, count: 0x10000)
        for c in 0..<0x10000 {
            if (0xD800..<0xE000).contains(c) { t[c] = otherLetter; continue }
            guard let s = Unicode.Scalar(UInt32(c)) else { continue }
            let p = s.properties
            // White space is only ever a separator or a control character, so the property (as
            // costly as the category, over 65 536 units at start-up) is read only for those.
            let category = p.generalCategory
            let maybeSpace =
                category == .spaceSeparator || category == .lineSeparator || category == .paragraphSeparator
                || category == .control
            if (maybeSpace && p.isWhitespace) || (c < 0x20) { t[c] = space; continue }
            if c >= 0x30 && c <= 0x39 { t[c] = digit; continue }
            if (0x0900...0x097F).contains(c) {
                t[c] = (c == 0x0964 || c == 0x0965 || c == 0x0970) ? punct : devanagari
                continue
            }
            if (0xA8E0...0xA8FF).contains(c) { t[c] = devanagari; continue }
            switch category {
            case .nonspacingMark, .spacingMark, .enclosingMark: t[c] = mark
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
                let isLatin =
                    (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || (0xC0...0x24F).contains(c)
                    || (0x1E00...0x1EFF).contains(c) || (0x2C60...0x2C7F).contains(c) || (0xA720...0xA7FF).contains(c)
                t[c] = isLatin ? CharClass.latin : otherLetter
            case .decimalNumber, .otherNumber, .letterNumber: t[c] = otherLetter
            default: t[c] = punct
            }
        }
        return t
    }()
}

/// Assay's tokenizer: boundaries at spaces and punctuation and where the script or the
/// letter/digit class changes; a number keeps inner `.` and `,` between digits.
package enum Tokenizer {
    /// Tokens of `units[range]`; `folded` is the case-folded view (same offsets).
    package static func tokenize(_ units: [UInt16], folded: [UInt16], range: Range<Int>) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(range.count / 5)
        tokenize(units, folded: folded, range: range, into: &tokens)
        return tokens
    }

    /// Appends the tokens of `units[range]` to `tokens` (a document's paragraphs go into one array,
    /// without an array per paragraph and its copy).
    package static func tokenize(_ units: [UInt16], folded: [UInt16], range: Range<Int>, into tokens: inout [Token]) {
        let table = CharClass.table
        units.withUnsafeBufferPointer { u in
            folded.withUnsafeBufferPointer { f in
                var i = range.lowerBound
                let end = range.upperBound
                var space = true
                while i < end {
                    let cls = table[Int(u[i])]
                    if cls == CharClass.space { space = true; i += 1; continue }
                    let start = i
                    var kind = Token.Kind.punct
                    var script = Token.Script.none
                    if cls == CharClass.digit {
                        kind = .number
                        i += 1
                        while i < end {
                            let c = u[i]
                            if c >= 0x30 && c <= 0x39 { i += 1; continue }
                            if c == 0x2E || c == 0x2C, i + 1 < end, u[i + 1] >= 0x30 && u[i + 1] <= 0x39 { i += 2; continue }
                            break
                        }
                    } else if cls == CharClass.latin || cls == CharClass.devanagari || cls == CharClass.otherLetter {
                        kind = .word
                        script = cls == CharClass.latin ? .latin : cls == CharClass.devanagari ? .devanagari : .other
                        i += 1
                        while i < end {
                            let k = table[Int(u[i])]
                            if k == cls || k == CharClass.mark { i += 1 } else { break }
                        }
                    } else if cls == CharClass.mark {
                        kind = .word
                        script = .other
                        i += 1
                        while i < end, table[Int(u[i])] == CharClass.mark { i += 1 }
                    } else {
                        i += (u[i] & 0xFC00 == 0xD800 && i + 1 < end) ? 2 : 1
                    }
                    var capitalized = false, allCaps = false
                    if kind == .word {
                        capitalized = u[start] != f[start]
                        if capitalized {
                            allCaps = true
                            for k in start..<i where u[k] == f[k] && table[Int(u[k])] == CharClass.latin {
                                allCaps = false
                                break
                            }
                        }
                    }
                    tokens.append(
                        Token(
                            start: start, end: i, kind: kind, script: script, spaceBefore: space,
                            capitalized: capitalized, allCaps: allCaps))
                    space = false
                }
            }
        }
    }
}
