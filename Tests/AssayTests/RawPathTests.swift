import Testing

@testable import Assay

/// `source` escaping of file names that are bytes (README, the record table).
struct RawPathTests {
    @Test(
        arguments: [
            ([UInt8]("corpus/vi/nhà-máy.txt".utf8), "corpus/vi/nhà-máy.txt"),
            ([UInt8]("a\\b".utf8), "a\\\\b"),
            ([0x63, 0x61, 0x66, 0xE9, 0x2E], "caf\\xE9."),  // Latin-1 é
            ([0xC0, 0xAF], "\\xC0\\xAF"),  // an overlong '/'
            ([0xED, 0xA0, 0x80], "\\xED\\xA0\\x80"),  // a UTF-16 surrogate
            ([0xF4, 0x90, 0x80, 0x80], "\\xF4\\x90\\x80\\x80"),  // above U+10FFFF
            ([0xE2, 0x82], "\\xE2\\x82"),  // cut short
            ([0xE2, 0x82, 0xAC, 0xFF], "€\\xFF"),
            ([0x5C, 0x78, 0x46, 0x46], "\\\\xFF"),  // the text `\xFF` itself stays distinguishable
        ] as [([UInt8], String)])
    func display(_ bytes: [UInt8], _ expected: String) {
        #expect(RawPath(bytes: bytes).display == expected)
    }

    @Test func appendingAddsOneSlash() {
        #expect(RawPath("dir").appending([0x61]).bytes == Array("dir/a".utf8))
        #expect(RawPath("dir/").appending([0x61]).bytes == Array("dir/a".utf8))
    }

    @Test(arguments: [
        ("*.txt", true), ("*.[tT]xt", true), ("[]x]*", true), ("[!a]*", true), ("a\\*", true),
        ("[", false), ("*.[txt", false), ("a\\", false), ("[!", false),
    ])
    func glob(_ pattern: String, _ valid: Bool) {
        #expect(InputCollector.isValidGlob(pattern) == valid)
    }
}
