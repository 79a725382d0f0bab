import Testing

@testable import Assay

@Suite struct FactoryResolverTests {
    typealias F = FactoryOfficerFixture

    /// A resolver input with the given captures over a throwaway document.
    static func input(_ captures: [String: (String, String?)]) -> ResolverInput {
        let doc = TextDocument(original: Array("x".utf16))
        let rule = Rule(
            id: "common.factory.test", description: "", dimension: "factory", language: nil, priority: 0, pattern: "'x'",
            examples: [], counterexamples: [], path: "test", line: 1)
        let caps = captures.mapValues { Capture(tokens: 0..<1, text: $0.0, folded: $0.0.lowercased(), lexiconValue: $0.1) }
        return ResolverInput(rule: rule, language: .en, tokens: 0..<1, captures: caps, document: doc)
    }

    @Test func codeDigits() {
        let r = FactoryResolver()
        #expect(r.resolve(Self.input(["code": ("131", nil)])) == .accept(EntityValue(["code": "Z131"])))
        #expect(r.resolve(Self.input(["code": ("99", nil)])) == .accept(EntityValue(["code": "Z99"])))
        #expect(r.resolve(Self.input(["code": ("2023", nil)])) == .reject("'2023' is not two or three digits"))
        #expect(r.resolve(Self.input(["code": ("1", nil)])) == .reject("'1' is not two or three digits"))
    }

    @Test func aliasTakesTheLexiconValue() {
        let r = FactoryResolver()
        let name = "Công ty TNHH MTV Hóa chất 21"
        #expect(r.resolve(Self.input(["alias": (name, "Z121")])) == .accept(EntityValue(["code": "Z121"])))
        #expect(r.resolve(Self.input(["alias": (name, nil)])) == .reject("alias '\(name)' has no factory code"))
    }

    @Test func codeForms() throws {
        #expect(
            try F.factories("Z131 launches a line; a Z-121 product; the Z 125 report.", language: .en) == [
                ["Z131", "Z131"], ["Z-121", "Z121"], ["Z 125", "Z125"],
            ])
        #expect(
            try F.factories("Factories Z173 and Z189 signed; the Z121 Factory (Z121) grew.", language: .en) == [
                ["Factories Z173", "Z173"], ["Z189", "Z189"], ["Z121 Factory", "Z121"], ["Z121", "Z121"],
            ])
        #expect(
            try F.factories("Nhà máy Z131 và nhà máy Z113; NHÀ MÁY Z176", language: .vi) == [
                ["Nhà máy Z131", "Z131"], ["nhà máy Z113", "Z113"], ["NHÀ MÁY Z176", "Z176"],
            ])
        #expect(
            try F.factories("जेड175 कारखाने, ज़ेड-175 और जेड १७५ तथा फैक्ट्री Z131", language: .hi) == [
                ["जेड175 कारखाने", "Z175"], ["ज़ेड-175", "Z175"], ["जेड १७५", "Z175"], ["फैक्ट्री Z131", "Z131"],
            ])
    }

    @Test func notInsideIdentifiers() throws {
        #expect(try F.factories("the Z121A detonator, www.z121.vn, tender@z121.vn, XZ121 and 5Z121", language: .en).isEmpty)
    }

    @Test func companyNamesOfZ121() throws {
        let names = [
            "21 Chemical One Member Limited Liability Company", "Công ty TNHH MTV Hóa chất 21",
            "Công ty TNHH MTV Hoá chất 21", "Công ty TNHH Một thành viên Hoá chất 21",
        ]
        for n in names {
            #expect(try F.factories("Lãnh đạo \(n) cho biết.") == [[n, "Z121"]])
        }
    }

    /// An all-caps Vietnamese heading is read as Vietnamese, so its head noun is found.
    @Test func allCapsVietnameseHeading() throws {
        let doc = TextDocument(original: Array("NHÀ MÁY Z176".utf16))
        #expect(doc.paragraphs.map(\.language) == [.vi])
        #expect(try F.factories("NHÀ MÁY Z176") == [["NHÀ MÁY Z176", "Z176"]])
    }
}
