import ICUKit
import Testing

@testable import Assay

/// The speed work added fast paths beside general ones (issue 9); each must answer exactly what the
/// general path answers, so records stay byte for byte the same.
@Suite struct FastPathEquivalenceTests {
    /// Texts with the awkward cases: NFD, lone surrogates, CR LF, marks after spaces, zero-width
    /// characters, Devanagari, Latin beyond Vietnamese.
    static let texts: [String] = [
        "", "Lê Minh Quang", "TRẦN QUỐC BẢO", "Đặng Hữu Phước", "Søren Łukasz ßæœ ı", "Le\u{0301} Van", " a\r\nb ",
        "  Lê\u{00A0}Văn \u{200D}Thịnh ", "राजीव शर्मा", "राजीव \u{093E}शर्मा", "a \u{200D}\u{0301}b", "x\u{0300}y",
        "Z131 1.500,5 13,12,100", "ǅemal Ǽ ḁ ỹ", "\u{1F600} emoji", "tab\tsep\u{0B}x\u{0C}y", "\u{0958}ादिर खान",
        "Nguyê\u{0303}n Văn", "राम \u{200C}\u{094D}लाल", "अ\u{0902} ब", " \u{0902}x", "Ông\r\n Ba",
    ]

    @Test func utf16TranscodingMatchesTheStandardLibrary() {
        var cases = Self.texts.map { Array($0.utf16) }
        cases.append([0xD800])
        cases.append([0x41, 0xDC00, 0xD800, 0xD800, 0xDC00, 0x42])
        cases.append([0xDBFF])
        for units in cases {
            #expect(String(utf16Units: units) == String(decoding: units, as: UTF16.self))
            #expect(Array(String(utf16Units: units).utf8) == Array(String(decoding: units, as: UTF16.self).utf8))
        }
    }

    @Test func latinFoldFastPathMatchesCharacterFold() {
        for t in Self.texts {
            if let fast = LatinFold.foldLatin(t) { #expect(fast == LatinFold.foldCharacters(t), "\(t)") }
        }
        for v in LatinBase.ranges.flatMap({ $0 }) {
            let s = String(Character(Unicode.Scalar(v)!))
            #expect(LatinFold.foldLatin(s) == LatinFold.foldCharacters(s), "U+\(String(v, radix: 16))")
        }
    }

    @Test func entityTypeRankOrdersAsTheRawValues() {
        for a in EntityType.allCases {
            for b in EntityType.allCases { #expect((a < b) == (a.rawValue < b.rawValue), "\(a) \(b)") }
        }
    }

    @Test func zeroWidthRangesAreTheZeroWidthSet() {
        for v in UInt32(0)...0xFFFF {
            #expect(OfficerResolver.isZeroWidth(v) == OfficerResolver.zeroWidth.contains(v), "U+\(String(v, radix: 16))")
        }
    }

    @Test func devanagariRomanizationFastSplitMatchesCharacterSplit() {
        let names =
            Self.texts + [
                "फाम वान लोंग", "राजीव  शर्मा", "क्वांग\tजुंग", "अ\u{0902} ब", "राम \u{093E}लाल", "Nguyễn वान", "ज़ैदी\r\nखान", " न ",
            ]
        for t in names {
            if let fast = DevanagariRomanizer.romanizeSimple(t) { #expect(fast == DevanagariRomanizer.romanizeCharacters(t), "\(t)") }
        }
        #expect(DevanagariRomanizer.romanizeSimple("फाम वान लोंग") == "pham van long")
        #expect(DevanagariRomanizer.romanizeSimple("राम \u{093E}लाल") == nil)
    }

    @Test func simpleNameCleaningMatchesCleanName() {
        for t in Self.texts {
            let units = Array(t.utf16)
            let fast = units.withUnsafeBufferPointer { OfficerResolver.cleanSimpleName($0) }
            if let fast { #expect(fast == OfficerResolver.cleanName(t), "\(t)") }
        }
    }

    @Test func asciiNumberStructureMatchesCharacterStructure() {
        let numbers = ["1.500", "1.500,5", "13,12,100", "1,00,000", "240", "1.50", "1..5", ",5", "5,", "1,2,3", "12,34,567.8", "1.234.567", "a1", "1 000"]
        for n in numbers {
            for (d, g) in [(Character("."), Character(",")), (Character(","), Character("."))] {
                for indian in [false, true] {
                    let fast = NumberReader.plainASCII(n).flatMap {
                        NumberReader.asciiStructure($0, decimal: d.asciiValue!, grouping: g.asciiValue!, indian: indian)
                    }
                    let slow = NumberReader.characterStructure(n, decimal: d, grouping: g, indian: indian)
                    #expect(fast?.value == slow?.value && fast?.grouping == slow?.grouping, "\(n) \(d) \(g) \(indian)")
                }
            }
        }
    }
}
