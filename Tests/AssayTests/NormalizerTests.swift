import AssaySupport
import Foundation
import ICUKit
import Testing

@testable import Assay

@Suite struct NormalizerTests {
    @Test func toneMarkPlacementFolds() {
        #expect(Normalizer.normalize("hoà") == Normalizer.normalize("hòa"))
        #expect(Normalizer.normalize("thuỷ") == Normalizer.normalize("thủy"))
        #expect(Normalizer.normalize("Hoá chất") == Normalizer.normalize("Hóa chất"))
        #expect(Normalizer.normalize("HOÀ") == "HÒA")
        // quý keeps its tone on y; closed syllables are left alone
        #expect(Normalizer.normalize("quý") == "quý")
        #expect(Normalizer.normalize("hoàn") == "hoàn")
    }

    @Test func digitsSpacesDashesQuotes() {
        #expect(Normalizer.normalize("१४") == "14")
        #expect(Normalizer.normalize("2015\u{2013}2020") == "2015-2020")
        #expect(Normalizer.normalize("a\u{00A0}b\u{202F}c") == "a b c")
        #expect(Normalizer.normalize("\u{201C}x\u{201D} \u{2019}") == "\"x\" '")
        #expect(Normalizer.normalize("क\u{094D}\u{200D}ष") == "क\u{094D}ष")
        #expect(Normalizer.normalize("a\r\nb\rc") == "a\nb\nc")
    }

    @Test func nfdNfcAndWindows1258AgreeAfterNormalization() throws {
        let nfc = "Thượng tá Lê Minh Quang, Giám đốc Nhà máy Z131, cho biết doanh thu năm 2023 đạt hoà vốn."
        let nfd = NFC.decompose(nfc)
        #expect(Array(nfd.unicodeScalars) != Array(nfc.unicodeScalars))
        // windows-1258 stores tones as combining marks after precomposed base letters.
        let cp = Array(cp1258Encode(nfc))
        let decoded = DocumentDecoder.decode(cp)
        #expect(decoded.encoding == "windows-1258")
        #expect(decoded.diagnostics.map(\.code) == [.legacyEncoding])
        let a = NormalizedText(nfc).string
        #expect(NormalizedText(nfd).string == a)
        #expect(NormalizedText(original: decoded.units).string == a)
    }

    @Test func spansMapBackExactly() throws {
        let original = "Nha\u{300} ma\u{301}y Z131 \u{2013} १४ hoà"
        let doc = TextDocument(original: Array(original.utf16))
        // The normalized text, with spans marked (one UTF-16 unit per scalar here, so the marked
        // scalar spans are also the normalized text's UTF-16 offsets).
        let normalized = try MarkedText("Nhà ⟦máy⟧ Z131 - 14 h⟦ò⟧a")
        #expect(doc.text.string == normalized.text)
        let scalars = Array(original.unicodeScalars)
        // "máy" in normalized text → "ma\u{301}y" in the original
        let r = doc.scalarRange(normalized.spans[0])
        #expect(String(String.UnicodeScalarView(scalars[r])) == "ma\u{301}y")
        // a span starting inside the rewritten "oà" widens to the pair
        let w = doc.scalarRange(normalized.spans[1])
        #expect(String(String.UnicodeScalarView(scalars[w])) == "oà")
    }

    /// Property: every token of the normalized text maps back to an original substring that
    /// normalizes to the token (DESIGN.md; issue "Foundation").
    @Test func everyTokenMapsBackToItsOriginal() {
        var rng = SplitMix(seed: 20_261_122)
        let pieces: [String] = [
            "Nha\u{300} ma\u{301}y", "Vie\u{323}\u{302}t", "hoà", "thuỷ", "Hóa", "क़", "क\u{093C}", "ज़ेड",
            "\u{200D}", "\u{200C}", "क्\u{200D}ष", "१४", "२०२२", "\u{2013}", "\u{2014}", "\u{2212}", "\r\n", "\r", "\n",
            " ", "\u{00A0}", "Z131", "1.500,5", "đồng", "Đại tá", "e\u{301}\u{302}", "o\u{31B}\u{300}", "\u{201C}",
            "x", "VND240", "😀", "\u{FEFF}", "\u{00AD}", "a\u{301}", "ü", "Ω", "ﬁ", "Å",
        ]
        for _ in 0..<1200 {
            var s = ""
            for _ in 0..<Int(rng.next() % 12 + 1) { s += pieces[Int(rng.next() % UInt64(pieces.count))] }
            let doc = TextDocument(original: Array(s.utf16))
            let norm = doc.text.units
            for t in Tokenizer.tokenize(norm, folded: doc.text.folded, range: 0..<norm.count) {
                let o = doc.originalRange(t.start..<t.end)
                let back = Normalizer.normalize(String(decoding: doc.source.units[o], as: UTF16.self))
                let tokenText = String(decoding: norm[t.start..<t.end], as: UTF16.self)
                #expect(back.contains(tokenText), "token \(tokenText.debugDescription) of \(s.debugDescription) maps to \(back.debugDescription)")
            }
            // The runs cover both texts in order.
            var n = 0
            for r in doc.text.map.runs {
                #expect(r.normStart == n)
                n = r.normEnd
            }
            #expect(n == norm.count)
        }
    }
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// windows-1258 bytes for NFC Vietnamese text: tones as combining marks after the base letter.
func cp1258Encode(_ s: String) -> [UInt8] {
    let special: [UInt32: UInt8] = [
        0x0102: 0xC3, 0x0103: 0xE3, 0x00C2: 0xC2, 0x00E2: 0xE2, 0x0110: 0xD0, 0x0111: 0xF0, 0x00CA: 0xCA,
        0x00EA: 0xEA, 0x00D4: 0xD4, 0x00F4: 0xF4, 0x01A0: 0xD5, 0x01A1: 0xF5, 0x01AF: 0xDD, 0x01B0: 0xFD,
        0x0300: 0xCC, 0x0301: 0xEC, 0x0303: 0xDE, 0x0309: 0xD2, 0x0323: 0xF2,
    ]
    let tones: Set<UInt32> = [0x300, 0x301, 0x303, 0x309, 0x323]
    var out: [UInt8] = []
    for ch in s {
        let d = Array(NFC.decompose(String(ch)).unicodeScalars)
        let base = NFC.normalize(String(String.UnicodeScalarView(d.filter { !tones.contains($0.value) })))
        for u in base.unicodeScalars {
            if u.value < 0x80 { out.append(UInt8(u.value)) } else if let b = special[u.value] { out.append(b) } else { out.append(0x3F) }
        }
        for t in d where tones.contains(t.value) { out.append(special[t.value]!) }
    }
    return out
}
