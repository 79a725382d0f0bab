import ICUKit
import Testing

@testable import Assay

@Suite struct OfficerResolverTests {
    typealias F = FactoryOfficerFixture

    /// The "Done when" case, through the whole extraction with the real rules.
    @Test func reportSignedByOfficerOfZ121() throws {
        let text = "The report was signed by Senior Lieutenant Colonel NGUYEN VAN AN – Director of 21 Chemical One Member Limited Liability Company."
        #expect(try F.officers(text) == [["Senior Lieutenant Colonel NGUYEN VAN AN", "senior_lieutenant_colonel", "NGUYEN VAN AN", "nguyen van an"]])
        #expect(try F.factories(text) == [["21 Chemical One Member Limited Liability Company", "Z121"]])
    }

    /// The rank id follows the rank word (DESIGN.md).
    @Test(arguments: [
        ("First Lieutenant Kieu Van Nam", "lieutenant"),
        ("Colonel General To Hoai Nam", "senior_lieutenant_general"),
        ("Sr. Col. Dang Thanh Son", "senior_colonel"),
        ("Lt. Gen. Luong Duc Tam", "lieutenant_general"),
        ("SR. LT. COL. QUACH VAN BINH", "senior_lieutenant_colonel"),
        ("Thượng tá Lê Minh Quang", "senior_lieutenant_colonel"),
        ("Trung úy Lê Thị Thu Trang", "lieutenant"),
        ("Thượng tướng Lương Quang Vinh", "senior_lieutenant_general"),
        ("सीनियर कर्नल त्रान क्वोक बाओ", "senior_colonel"),
        ("लेफ़्टिनेंट कर्नल फुंग थी न्गोक", "lieutenant_colonel"),
    ])
    func rankIDs(_ text: String, _ rank: String) throws {
        #expect(try F.officers(text).map { $0[1] } == [rank])
    }

    @Test func academicTitleInSpanNotInName() throws {
        #expect(
            try F.officers("Thượng tá, Tiến sĩ Phạm Quốc Hưng phát biểu.") == [
                ["Thượng tá, Tiến sĩ Phạm Quốc Hưng", "senior_lieutenant_colonel", "Phạm Quốc Hưng", "pham quoc hung"]
            ])
        #expect(
            try F.officers("Colonel, Dr. Ngo Quang Vinh said so.") == [
                ["Colonel, Dr. Ngo Quang Vinh", "colonel", "Ngo Quang Vinh", "ngo quang vinh"]
            ])
        #expect(
            try F.officers("सीनियर कर्नल डॉ. त्रान क्वोक बाओ ने कहा।") == [
                ["सीनियर कर्नल डॉ. त्रान क्वोक बाओ", "senior_colonel", "त्रान क्वोक बाओ", "tran kvok bao"]
            ])
    }

    /// `name` is the original text made NFC; zero-width characters go, spaces collapse.
    @Test func nameIsCleanedOriginalText() throws {
        let nfd = NFC.decompose("Đại tá Lê Văn Thịnh cho biết.")
        #expect(try F.officers(nfd) == [[NFC.decompose("Đại tá Lê Văn Thịnh"), "colonel", "Lê Văn Thịnh", "le van thinh"]])
        let zwj = "कर\u{094D}\u{200D}नल फाम  वान लो\u{200B}ंग ने कहा।"
        let got = try F.officers(zwj)
        #expect(got.map { $0[2] } == ["फाम वान लोंग"])
        #expect(got.map { $0[3] } == ["pham van long"])
        #expect(OfficerResolver.cleanName(" Lê\u{00A0}Văn \u{200D}Thịnh ") == "Lê Văn Thịnh")
    }

    @Test func notOfficers() throws {
        let texts = [
            "After the tour the Colonel said the line was ready.", "President Ho Chi Minh visited the plant.",
            "Director Vu Dinh Khoa presented the plan.", "Photo: Tran Hoa", "The General Department of Defence Industry met.",
            "Thưa Đại tá, nhà máy đã sẵn sàng.", "Giám đốc Nguyễn Văn An phát biểu.", "Ảnh: Minh Đức",
            "राष्ट्रपति हो ची मिन्ह ने दौरा किया।", "लेफ्टिनेंट जनरल ने कारखाने का दौरा किया।",
        ]
        for t in texts { #expect(try F.officers(t).isEmpty, "\(t)") }
    }

    @Test func dongChiStaysOutside() throws {
        #expect(
            try F.officers("đồng chí Thiếu tá Nguyễn Văn Dũng") == [
                ["Thiếu tá Nguyễn Văn Dũng", "major", "Nguyễn Văn Dũng", "nguyen van dung"]
            ])
    }

    @Test func givenNameOnly() throws {
        #expect(try F.officers("Gen. Hai praised the workers.") == [["Gen. Hai", "general", "Hai", "hai"]])
        #expect(try F.officers("जनरल लुओंग ने कहा।") == [["जनरल लुओंग", "general", "लुओंग", "luong"]])
    }

    @Test func rejectsAnUnknownRankValue() {
        let doc = TextDocument(original: Array("Colonel Tran".utf16))
        let rule = Rule(
            id: "en.officer.test", description: "", dimension: "officer", language: .en, priority: 0, pattern: "'x'",
            examples: [], counterexamples: [], path: "test", line: 1)
        let caps = [
            "rank": Capture(tokens: 0..<1, text: "Colonel", folded: "colonel", lexiconValue: "brigadier"),
            "name": Capture(tokens: 1..<2, text: "Tran", folded: "tran", lexiconValue: nil),
        ]
        let input = ResolverInput(rule: rule, language: .en, tokens: 0..<2, captures: caps, document: doc)
        #expect(OfficerResolver().resolve(input) == .reject("'Colonel' has no canonical rank id"))
        var ok = input
        ok.captures["rank"]?.lexiconValue = "colonel"
        #expect(OfficerResolver().resolve(ok) == .accept(EntityValue(["rank": "colonel", "name": "Tran", "name_ascii": "tran"])))
    }

    @Test(arguments: ["nguyen", "tran", "quoc", "huong", "anh", "thi", "ngoc", "nghia", "gia", "khanh", "uyen", "y", "duc"])
    func vietnameseSyllables(_ w: String) {
        #expect(OfficerResolver.isVietnameseSyllable(w[...]))
    }

    @Test(arguments: ["vietnamese", "america", "projects", "report", "higher", "sanders", "john", "defence", "bw", ""])
    func notVietnameseSyllables(_ w: String) {
        #expect(!OfficerResolver.isVietnameseSyllable(w[...]))
    }
}
