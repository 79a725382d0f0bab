import ICUKit
import Testing

@testable import Assay

/// Forms of another language inside a paragraph, invisible format characters inside a figure, and
/// facts that refer back to "the factory" (issue 19).
@Suite struct CrossLanguageTests {
    static func money(_ text: String) throws -> [[String?]] {
        try FactoryOfficerFixture.entities(text, type: .money).map { [$0.text, $0.value["amount"], $0.language.rawValue] }
    }

    @Test func aFormIsReadByTheLanguageOfItsRule() throws {
        // An English form in a Vietnamese paragraph: English marks, and the whole figure.
        #expect(
            try Self.money("Nhà máy Z131 đạt doanh thu VND240 billion trong năm 2023.") == [["VND240 billion", "240000000000", "en"]])
        #expect(
            try Self.money("Theo báo cáo, doanh thu của nhà máy đạt VND 1,500 billion trong năm qua.")
                == [["VND 1,500 billion", "1500000000000", "en"]])
        // A Vietnamese form quoted in an English paragraph: Vietnamese marks.
        #expect(
            try Self.money("The director said the plant's revenue reached 1.500 tỷ đồng last year, well above the plan.")
                == [["1.500 tỷ đồng", "1500000000000", "vi"]])
        // An English form in a Hindi paragraph.
        #expect(
            try Self.money("रिपोर्ट के अनुसार अनुबंधों का मूल्य VND 2,300 billion है और कारखाना विस्तार करेगा।")
                == [["VND 2,300 billion", "2300000000000", "en"]])
        // The paragraph's own forms keep their own reading.
        #expect(
            try Self.money("Doanh thu đạt 2.300 tỷ đồng, lợi nhuận 12,4 tỷ đồng.") == [
                ["2.300 tỷ đồng", "2300000000000", "vi"], ["12,4 tỷ đồng", "12400000000", "vi"],
            ])
    }

    @Test func periodsAndFactoriesOfAnotherLanguageAreFound() throws {
        let text = "The report said: \"Nhà máy Z189 đạt doanh thu cao trong 6 tháng đầu năm 2024\", the Navy noted."
        #expect(try FactoryOfficerFixture.factories(text) == [["Nhà máy Z189", "Z189"]])
        let periods = try FactoryOfficerFixture.entities(text, type: .period).map { [$0.text, $0.value["start"], $0.value["end"]] }
        #expect(periods == [["6 tháng đầu năm 2024", "2024-01", "2024-06"]])
    }

    @Test func bidiMarksInsideAFigureFoldAndOffsetsStayExact() throws {
        for mark in ["\u{200E}", "\u{200F}", "\u{061C}", "\u{2066}"] {
            let text = "Doanh thu của nhà máy đạt \(mark)1.500\(mark) tỷ đồng trong năm 2023."
            let found = try FactoryOfficerFixture.entities(text, type: .money)
            #expect(found.count == 1)
            guard let e = found.first else { continue }
            #expect(e.value["amount"] == "1500000000000")
            let scalars = Array(text.unicodeScalars)
            #expect(String(String.UnicodeScalarView(scalars[e.start..<e.end])) == e.text)
            #expect(e.text == "1.500\(mark) tỷ đồng")
        }
        #expect(Normalizer.normalize("1\u{200E}.\u{200F}500\u{202C}") == "1.500")
    }

    static func facts(_ text: String, windows: Pipeline.Windows = .standard) throws -> [[String?]] {
        let record = try Pipeline(rules: shippedRules, windows: windows).process(bytes: Array(text.utf8), source: "t")
        return record.facts.map { f in
            [record.entities[f.money].text, f.factory.map { record.entities[$0].value["code"] ?? "?" }, f.factoryBy?.rawValue]
        }
    }

    @Test func theFactoryRefersToTheDocumentsOnlyFactory() throws {
        let en =
            "Factory Z183 held its annual review on Monday.\n"
            + "In the first six months of 2024, the factory's revenue reached nearly VND 1,000 billion."
        #expect(try Self.facts(en) == [["VND 1,000 billion", "Z183", "document"]])
        let vi = "Nhà máy Z131 tổ chức hội nghị tổng kết.\nNăm 2023, doanh thu của nhà máy đạt 1.250 tỷ đồng."
        #expect(try Self.facts(vi) == [["1.250 tỷ đồng", "Z131", "document"]])
        let hi = "Z183 कारखाने ने समीक्षा बैठक की।\n2024 में कारखाने का राजस्व 1,000 बिलियन VND रहा।"
        #expect(try Self.facts(hi) == [["1,000 बिलियन VND", "Z183", "document"]])
        // Without a reference word, one mention is no main factory.
        let bare = "Factory Z183 held its annual review on Monday.\nIn 2024, revenue reached VND 1,000 billion."
        #expect(try Self.facts(bare) == [["VND 1,000 billion", nil, nil]])
    }

    @Test func withSeveralFactoriesTheNearestEarlierMentionInTheParagraph() throws {
        let text =
            "Factory Z189 and Factory Z173 were inspected.\n"
            + "Z173 built the hulls. Z189 delivered four boats. The shipyard's revenue came to VND 1,150 billion.\n"
            + "The factory paid VND 85 billion in taxes."
        #expect(try Self.facts(text) == [["VND 1,150 billion", "Z189", "paragraph"], ["VND 85 billion", nil, nil]])
    }

    @Test func aGroupFigureStillLinksToNoFactory() throws {
        let text = "Factory Z183 held its review.\nAll factories of the General Department earned VND 9,000 billion, the factory said."
        #expect(try Self.facts(text) == [["VND 9,000 billion", nil, nil]])
    }

    @Test func windowsLinkTheReferenceOverTheWholeDocument() throws {
        let text =
            "Factory Z183 held its annual review on Monday.\n" + String(repeating: "The meeting went on for hours.\n", count: 40)
            + "In the first six months of 2024, the factory's revenue reached nearly VND 1,000 billion."
        let small = Pipeline.Windows(threshold: 0, size: 300)
        #expect(try Self.facts(text, windows: small) == [["VND 1,000 billion", "Z183", "document"]])
        #expect(try Self.facts(text, windows: small) == (try Self.facts(text)))
    }

    @Test func hindiRankWordsBeforeCommonNounsAreNotOfficers() throws {
        #expect(try FactoryOfficerFixture.officers("जनरल मैनेजर राहुल वर्मा ने अनुबंध पर हस्ताक्षर किए।").isEmpty)
        #expect(try FactoryOfficerFixture.officers("डायरेक्टर जनरल सुरेश कुमार ने मेले का उद्घाटन किया।").isEmpty)
        #expect(try FactoryOfficerFixture.officers("टीम के कप्तान विराट सिंह ने ट्रॉफी उठाई।").isEmpty)
        #expect(
            try FactoryOfficerFixture.officers("कप्तान गुयेन वान थान्ह को पुरस्कार मिला।")
                == [["कप्तान गुयेन वान थान्ह", "captain", "गुयेन वान थान्ह", "guyen van thanh"]])
        #expect(
            try FactoryOfficerFixture.officers("कैप्टन अरविंद नायर ने दल का नेतृत्व किया।")
                == [["कैप्टन अरविंद नायर", "captain", "अरविंद नायर", "aravind nayar"]])
        #expect(OfficerResolver.isVietnameseSyllable("kvang", romanized: true))
        #expect(!OfficerResolver.isVietnameseSyllable("kvang"))
        #expect(!OfficerResolver.isVietnameseSyllable("virat", romanized: true))
    }

    @Test func navalRanksAndTongCompounds() throws {
        #expect(
            try FactoryOfficerFixture.officers("Phó Đô đốc Nguyễn Văn Bổng và Chuẩn Đô đốc Trần Thanh Hải dự lễ.") == [
                ["Phó Đô đốc Nguyễn Văn Bổng", "vice_admiral", "Nguyễn Văn Bổng", "nguyen van bong"],
                ["Chuẩn Đô đốc Trần Thanh Hải", "rear_admiral", "Trần Thanh Hải", "tran thanh hai"],
            ])
        #expect(try FactoryOfficerFixture.officers("Thiếu tướng Tổng Giám Đốc Tổng Công Ty phát biểu tại hội nghị.").isEmpty)
        #expect(OfficerResolver.ranks.suffix(3) == ["rear_admiral", "vice_admiral", "admiral"])
    }
}
