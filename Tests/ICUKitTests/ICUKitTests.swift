import Foundation
import ICUKit
import Testing

@Suite struct ICUKitTests {
    @Test func nfcComposesVietnamese() {
        #expect(NFC.normalize("Vie\u{0323}\u{0302}t") == "Việt")
        #expect(NFC.decompose("Việt").unicodeScalars.count == 6)
    }

    @Test func nfcKeepsNuktaDecomposed() {
        // U+0958 is a composition exclusion: NFC gives क + nukta.
        #expect(Array(NFC.normalize("\u{0958}").unicodeScalars.map(\.value)) == [0x0915, 0x093C])
    }

    @Test func numberSymbolsComeFromLocaleData() {
        let vi = NumberSymbols(locale: "vi")
        #expect(vi.decimal == ",")
        #expect(vi.grouping == ".")
        let en = NumberSymbols(locale: "en")
        #expect(en.decimal == ".")
        #expect(en.grouping == ",")
    }

    @Test func parseReportsConsumption() {
        let vi = NumberSymbols(locale: "vi")
        let r = vi.parse("1.500,5")
        #expect(r?.value == "1500.5")
        #expect(r?.consumed == 7)
        let partial = vi.parse("1,500.5")
        #expect(partial != nil && partial!.consumed < 7)
    }

    @Test func sentenceBoundaries() {
        let text = Array("One sentence. Another one! Third?".utf16)
        let ends = text.withUnsafeBufferPointer { SentenceBreaker.boundaries($0, locale: "en") }
        #expect(ends == [14, 27, 33])
    }

    @Test func windows1258Decodes() {
        // "Việt" in windows-1258: V i ê (0xEA) + dot below (0xF2) t
        let bytes: [UInt8] = [0x56, 0x69, 0xEA, 0xF2, 0x74]
        let d = bytes.withUnsafeBufferPointer { Charset.decode($0, charset: "windows-1258") }
        #expect(d != nil)
        #expect(NFC.normalize(String(decoding: d!.units, as: UTF16.self)) == "Việt")
        #expect(d!.substitutions == 0)
        #expect(Charset.exists("windows-1258"))
        #expect(!Charset.exists("no-such-charset-xyz"))
    }

    @Test func digitValues() {
        #expect(UCharacter.digitValue(0x096A) == 4)
        #expect(UCharacter.digitValue(0x41) == nil)
        #expect(UCharacter.foldCase(0x1EA0) == 0x1EA1)
    }

    /// Foundation's own case mapping must keep working with the system ICU loaded (ICU-NOTES.md).
    @Test func foundationCaseMappingBesideSystemICU() {
        _ = NFC.normalize("x")
        #expect("istanbul".uppercased(with: Locale(identifier: "tr")) == "İSTANBUL")
        #expect("ĐẠI TÁ".lowercased(with: Locale(identifier: "vi")) == "đại tá")
    }
}
