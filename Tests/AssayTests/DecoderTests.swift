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
