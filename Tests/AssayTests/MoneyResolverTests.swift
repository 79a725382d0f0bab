import Foundation
import Testing

@testable import Assay

@Suite struct MoneyResolverTests {
    func resolve(_ language: Language, _ captures: [String: (String, String?)]) -> Resolution {
        MoneyResolver().resolve(ResolverTestSupport.input("money", language, captures))
    }

    func fields(_ r: Resolution) -> [String?]? {
        guard case .accept(let v) = r else { return nil }
        return v.fields.map(\.value)
    }

    @Test func figureFieldsInContractOrder() {
        let r = resolve(
            .vi,
            [
                "amount": ("8,5", nil), "scale": ("triệu", "1000000"), "currency": ("đồng", "VND"), "per": ("/người/tháng", "person_month"),
                "q": ("gần", "approx"),
            ])
        guard case .accept(let v) = r else {
            Issue.record("rejected: \(r)")
            return
        }
        #expect(v.fields.map(\.key) == ["amount", "currency", "qualifier", "per"])
        #expect(fields(r) == ["8500000", "VND", "approx", "person_month"])
    }

    @Test func scaleWordsPerLanguage() {
        #expect(fields(resolve(.vi, ["amount": ("1,2", nil), "scale": ("nghìn tỷ", "1000000000000"), "currency": ("đồng", "VND")]))?.first == "1200000000000")
        #expect(fields(resolve(.en, ["amount": ("17.6", nil), "scale": ("billion", "1000000000"), "currency": ("VND", "VND")]))?.first == "17600000000")
        #expect(fields(resolve(.hi, ["amount": ("45", nil), "scale": ("लाख", "100000"), "currency": ("वीएनडी", "VND")]))?.first == "4500000")
        #expect(fields(resolve(.hi, ["amount": ("1,200", nil), "scale": ("करोड़", "10000000"), "currency": ("वीएनडी", "VND")]))?.first == "12000000000")
        #expect(fields(resolve(.hi, ["amount": ("2", nil), "scale": ("खरब", "100000000000"), "currency": ("VND", "VND")]))?.first == "200000000000")
    }

    @Test func amountsUpToTenToTheTwentyFourKeepEveryDigit() {
        let r = resolve(.en, ["amount": ("999,999,999,999.999999999999", nil), "scale": ("trillion", "1000000000000"), "currency": ("VND", "VND")])
        #expect(fields(r)?.first == "999999999999999999999999")
        let big = resolve(.vi, ["amount": ("1.000.000", nil), "scale": ("triệu tỷ", "1000000000000000000"), "currency": ("đồng", "VND")])
        #expect(fields(big)?.first == "1000000000000000000000000")
    }

    @Test func abbreviatedScaleImpliesTheCurrency() {
        #expect(
            fields(resolve(.vi, ["amount": ("15", nil), "scale": ("tr", "1000000 VND"), "per": ("/tháng", "month")])) == ["15000000", "VND", "exact", "month"])
    }

    @Test func ambiguousNumberIsRejectedWithItsReason() {
        guard case .reject(let why, let warning) = resolve(.vi, ["amount": ("1.50", nil), "scale": ("tỷ", "1000000000"), "currency": ("đồng", "VND")]) else {
            Issue.record("expected a rejection")
            return
        }
        #expect(why.contains("ambiguous"))
        #expect(warning == .invalidNumber)
    }

    @Test func rangeSplitsAndBorrowsUnits() {
        let r = resolve(
            .vi,
            [
                "low": ("1.200", nil), "high": ("2.400 tỷ đồng", nil), "amount": ("2.400", nil), "scale": ("tỷ", "1000000000"),
                "currency": ("đồng", "VND"), "q": ("khoảng", "approx"),
            ])
        guard case .split(let parts) = r else {
            Issue.record("expected a split: \(r)")
            return
        }
        #expect(parts.map(\.capture) == ["low", "high"])
        #expect(parts.map { $0.value["amount"] } == ["1200000000000", "2400000000000"])
        #expect(parts.map { $0.value["qualifier"] } == ["exact", "exact"])
        let backwards = resolve(
            .vi, ["low": ("15", nil), "high": ("12 tỷ đồng", nil), "amount": ("12", nil), "scale": ("tỷ", "1000000000"), "currency": ("đồng", "VND")])
        #expect(backwards == .reject("range '15' does not rise to '12000000000'", warning: .invalidNumber))
    }

    @Test func averageIncomeIsPerPerson() {
        #expect(MoneyResolver.perPerson("month", cueUnit: "") == "person_month")
        #expect(MoneyResolver.perPerson("year", cueUnit: "") == "person_year")
        #expect(MoneyResolver.perPerson("person_month", cueUnit: "") == "person_month")
        #expect(MoneyResolver.perPerson(nil, cueUnit: "month") == "person_month")
        #expect(MoneyResolver.perPerson(nil, cueUnit: "") == nil)
    }
}

/// The "Done when" cases of the money issue, through the whole extraction with the real rules.
@Suite struct MoneyExplainTests {
    struct Case: Sendable, CustomStringConvertible {
        var text: String
        var language: Language
        var span: String
        var value: [String?]
        var description: String { text }
    }

    static let cases: [Case] = [
        Case(text: "Revenue reached VND2,300 billion.", language: .en, span: "VND2,300 billion", value: ["2300000000000", "VND", "exact", nil]),
        Case(text: "Doanh thu đạt 2.300 tỷ đồng.", language: .vi, span: "2.300 tỷ đồng", value: ["2300000000000", "VND", "exact", nil]),
        Case(text: "Lợi nhuận 12,4 tỷ đồng.", language: .vi, span: "12,4 tỷ đồng", value: ["12400000000", "VND", "exact", nil]),
        Case(text: "निर्यात 9,870 बिलियन VND से अधिक रहा।", language: .hi, span: "9,870 बिलियन VND", value: ["9870000000000", "VND", "over", nil]),
        Case(
            text: "अनुभवी कर्मी 11 मिलियन VND प्रति माह से अधिक कमाते हैं।", language: .hi, span: "11 मिलियन VND प्रति माह",
            value: ["11000000", "VND", "over", "month"]),
        Case(
            text: "Thu nhập đạt gần 8,5 triệu đồng/người/tháng.", language: .vi, span: "8,5 triệu đồng/người/tháng",
            value: ["8500000", "VND", "approx", "person_month"]),
    ]

    @Test(arguments: cases)
    func explainShowsTheValueAReaderWouldWriteDown(_ c: Case) throws {
        let doc = TextDocument(original: Array(c.text.utf16), forcedLanguage: c.language)
        let entities = try Extractor(rules: shippedRules).entities(doc).filter { $0.type == .money }
        #expect(entities.count == 1)
        #expect(entities.first?.text == c.span)
        #expect(entities.first?.value.fields.map(\.value) == c.value)
        let explained = try Explanation.render(doc, rules: shippedRules)
        #expect(explained.contains("amount: \"\(c.value[0]!)\""))
    }
}
