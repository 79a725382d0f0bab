import Foundation
import Testing

@testable import Assay

@Suite struct DecoderTests {
    @Test func utf8WithAndWithoutBOM() {
        let plain = DocumentDecoder.decode(Array("Nhà máy".utf8))
        #expect(plain.encoding == "utf-8")
        #expect(plain.diagnostics.isEmpty)
        let bom = DocumentDecoder.decode([0xEF, 0xBB, 0xBF] + Array("Nhà máy".utf8))
        #expect(bom.units == plain.units)
    }

    /// The one-pass transcoder of valid UTF-8 gives the units the standard library gives, for every
    /// sequence length at every position against the eight-byte ASCII blocks.
    @Test func validUTF8TranscodesAsTheStandardLibraryDoes() {
        let pieces = ["a", "Z131 ", "đ", "ạ", "ờ", "क्", "़", "😀", "\u{10FFFF}", "\u{FFFD}", "\u{FEFF}", "\r\n", "abcdefgh"]
        var state: UInt64 = 1  // a fixed linear congruential sequence: the same texts every run
        for length in 0..<40 {
            for _ in 0..<25 {
                var text = ""
                for _ in 0..<length {
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    text += pieces[Int(state >> 33) % pieces.count]
                }
                let bytes = Array(text.utf8)
                let units = bytes.withUnsafeBufferPointer { DocumentDecoder.utf16(validUTF8: $0) }
                #expect(units == Array(text.utf16), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
        let decoded = DocumentDecoder.decode(Array("Nhà máy Z131 đạt 1.500 tỷ đồng 😀 — कर्नल".utf8))
        #expect(String(decoding: decoded.units, as: UTF16.self) == "Nhà máy Z131 đạt 1.500 tỷ đồng 😀 — कर्नल")
    }

    /// The eight-bytes-at-a-time binary check and UTF-8 scan count what a byte-by-byte pass counts:
    /// every byte value at every position of a block, between printable ASCII.
    @Test func blockScansCountEveryByte() {
        func reference(_ bytes: [UInt8]) -> Bool {
            var controls = 0
            for b in bytes {
                if b == 0 { return true }
                if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C || b == 0x7F { controls += 1 }
            }
            return controls * 10 > bytes.count
        }
        for value in 0...255 {
            for position in 0..<9 {
                for count in [1, 3] {
                    var bytes = Array(repeating: UInt8(ascii: "a"), count: 9)
                    for k in 0..<count where position + k < bytes.count { bytes[position + k] = UInt8(value) }
                    let fewControls = bytes + Array(repeating: UInt8(ascii: "z"), count: 40)
                    for sample in [bytes, fewControls] {
                        let binary = sample.withUnsafeBufferPointer { DocumentDecoder.looksBinary($0) }
                        #expect(binary == reference(sample), "byte \(value) at \(position) ×\(count)")
                    }
                }
            }
        }
        let text = Array("Nhà máy Z131 ".utf8) + [0xC3] + Array("abcdefghijklmnop".utf8) + [0xE2, 0x82] + Array(" đạt 😀".utf8)
        let scan = text.withUnsafeBufferPointer { UTF8Scan($0) }
        #expect(scan.invalidSequences == 3)
        #expect(scan.firstInvalid == 15)
        #expect(scan.validMultibyte == 5)
    }

    @Test func utf16WithBOM() {
        let le = DocumentDecoder.decode([0xFF, 0xFE] + Array("Z131 đ".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(le.encoding == "utf-16le")
        #expect(String(decoding: le.units, as: UTF16.self) == "Z131 đ")
        let be = DocumentDecoder.decode([0xFE, 0xFF] + Array("Z131 đ".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        #expect(be.encoding == "utf-16be")
        #expect(be.units == le.units)
    }

    @Test func fewBadBytesAreReplacedWithW301() {
        let bytes = Array("Nhà máy Z131 đạt ".utf8) + [0xFF] + Array(" tỷ đồng".utf8)
        let d = DocumentDecoder.decode(bytes)
        #expect(d.encoding == "utf-8")
        #expect(d.diagnostics.map(\.code) == [.invalidBytes])
        let text = String(decoding: d.units, as: UTF16.self)
        let fffd = Array(text.unicodeScalars).firstIndex(of: "\u{FFFD}")
        #expect(d.diagnostics[0].start == fffd)
        #expect(d.diagnostics[0].message.contains("offset \(Array("Nhà máy Z131 đạt ".utf8).count)"))
    }

    @Test func binaryAndEmpty() {
        let bin = DocumentDecoder.decode([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x41])
        #expect(bin.isBinary)
        #expect(bin.diagnostics.map(\.code) == [.binarySkipped])
        let controls = DocumentDecoder.decode([UInt8](repeating: 0x01, count: 50) + Array("abc".utf8))
        #expect(controls.isBinary)
        let empty = DocumentDecoder.decode([])
        #expect(empty.diagnostics.map(\.code) == [.emptyDocument])
        #expect(!empty.isBinary)
    }

    @Test func latin1EnglishIsNotTakenForVietnamese() {
        // Not UTF-8, not Vietnamese: stays UTF-8 with replacements.
        let bytes: [UInt8] =
            Array("The caf".utf8) + [0xE9]
            + Array(
                " near the factory gate opened in 2020 and serves coffee to the workers of the night shift; its owner, a retired engineer, calls it a caf".utf8)
            + [0xE9] + Array(" for everyone.".utf8)
        let d = DocumentDecoder.decode(bytes)
        #expect(d.encoding == "utf-8")
        #expect(d.diagnostics.first?.code == .invalidBytes)
    }

    @Test func forcedEncoding() {
        let d = DocumentDecoder.decode(cp1258Encode("Đại tá"), forcedEncoding: "windows-1258")
        #expect(d.encoding == "windows-1258")
        #expect(NormalizedText(original: d.units).string == "Đại tá")
    }
}

@Suite struct LanguageTests {
    func languages(_ s: String) -> [Language] {
        TextDocument(original: Array(s.utf16)).paragraphs.map(\.language)
    }

    @Test func paragraphsGetTheirOwnLanguage() {
        let text = """
            Senior Lieutenant Colonel Phạm Quốc Hưng said the factory earned VND2,300 billion in 2020.
            Ảnh: Nhà máy Z131 đạt doanh thu 1.500 tỷ đồng trong năm qua.
            कर्नल फाम वान लोंग ने कहा कि कारखाने का राजस्व बढ़ा।

            2015-2020
            """
        #expect(languages(text) == [.en, .vi, .hi, .und])
    }

    @Test func documentLanguageIsTheMajorityByCharacters() {
        let doc = TextDocument(
            original: Array("A short English caption here.\nĐây là một đoạn văn tiếng Việt dài hơn nhiều so với dòng chú thích tiếng Anh ở trên.".utf16))
        #expect(doc.language == .vi)
    }

    @Test func sentencesDoNotBreakAfterRankAbbreviations() {
        let doc = TextDocument(original: Array("Sr. Lt. Col. Tran Van Hai spoke. Gen. Hai left. Then ThS. Hoàng Văn Lực came.".utf16))
        let p = doc.paragraphs[0]
        let s = Sentences.split(doc, range: p.range, language: .en)
        #expect(s.count == 3)
    }
}
