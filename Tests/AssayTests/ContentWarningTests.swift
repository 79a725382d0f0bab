import Foundation
import Testing

@testable import Assay

/// The original text at a record's scalar span.
func slice(_ text: String, _ start: Int?, _ end: Int?) -> String? {
    guard let start, let end else { return nil }
    let scalars = Array(text.unicodeScalars)
    guard start <= end, end <= scalars.count else { return nil }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[start..<end])
    return String(view)
}

/// W2xx: forms that looked like entities but that their resolvers rejected, on the record.
@Suite struct ContentWarningTests {
    static var pipeline: Pipeline {
        get throws { Pipeline(rules: try shippedRules) }
    }

    func warnings(_ text: String, pipeline: Pipeline? = nil) throws -> [(code: DiagnosticCode, span: String?, message: String)] {
        let r = try (pipeline ?? Self.pipeline).process(bytes: Array(text.utf8), source: "t")
        return r.diagnostics.filter { $0.code.rawValue.hasPrefix("W2") }.map { ($0.code, slice(text, $0.start, $0.end), $0.message) }
    }

    @Test func anAmbiguousNumberIsW201WithItsSpan() throws {
        // NFD Vietnamese and a BOM-less CRLF line before it: the span is in scalars of the original.
        let text = "Tho\u{302}ng tin:\r\nDoanh thu đạt 1.50 tỷ đồng."
        let w = try warnings(text)
        #expect(w.map(\.code) == [.invalidNumber])
        #expect(w.first?.span == "1.50 tỷ đồng")
        #expect(
            w.first?.message
                == "money \"1.50 tỷ đồng\" not extracted (vi.money.number-currency): '1.50' has a grouping impossible in vi and reads as 1.5 only with the other marks: ambiguous"
        )
    }

    @Test func impossiblePeriodsAreW202() throws {
        let w = try warnings("Doanh thu quý 5 năm 2023 và tháng 13/2021 tăng.")
        #expect(w.map(\.code) == [.impossiblePeriod, .impossiblePeriod])
        // `13/2021` alone is rejected too, inside the longer `tháng 13/2021`: one warning.
        #expect(w.map(\.span) == ["quý 5 năm 2023", "tháng 13/2021"])
        #expect(w[0].message.hasSuffix("quarter 5 does not exist"))
        let en = try warnings("Exports grew from 2021 to 2019, the ministry said.")
        #expect(en.map(\.code) == [.impossiblePeriod])
        #expect(en.first?.span == "from 2021 to 2019")
    }

    @Test func validFiguresAndCorpusLikeTextGiveNoWarning() throws {
        #expect(try warnings("Nhà máy Z131 đạt doanh thu gần 1.500 tỷ đồng năm 2023.").isEmpty)
        #expect(try warnings("Z121 Factory earned VND240 billion in March 2018.").isEmpty)
    }

    @Test func aRejectionOverlappingAKeptEntityIsNotReported() throws {
        // A money rule rejects `1.50 tỷ đồng` while a rule of another type keeps `tỷ đồng` inside
        // it: the text does say something there, so the rejection is not reported.
        var registry = ResolverRegistry()
        registry.register(.money, MoneyResolver())
        registry.register(.factory, CaptureResolver())  // an emitting dimension of another type
        let money = """
            language: vi
            dimension: money
            lexicons:
              scale: {tỷ: "1000000000"}
              cur: {đồng: VND}
            rules:
              - id: vi.money.whole
                pattern: "amount:NUM scale:@scale currency:@cur"
                examples: [{text: x, entities: []}]
            """
        func pipeline(_ words: String) throws -> Pipeline {
            let test = """
                language: vi
                dimension: factory
                rules:
                  - id: vi.factory.words
                    pattern: "\(words)"
                    examples: [{text: x, entities: []}]
                """
            return Pipeline(rules: try RuleSet.load(sources: [("rules/vi/money.yaml", money), ("rules/vi/factory.yaml", test)], resolvers: registry))
        }
        let record = try pipeline("'tỷ' 'đồng'").process(bytes: Array("đạt 1.50 tỷ đồng".utf8), source: "t")
        #expect(record.entities.map(\.text) == ["tỷ đồng"])
        #expect(record.diagnostics.isEmpty)
        // Without the overlapping entity the same rejection is reported.
        #expect(try warnings("đạt 1.50 tỷ đồng", pipeline: pipeline("'triệu' 'đồng'")).map(\.span) == ["1.50 tỷ đồng"])
    }

    @Test func atMostOneHundredPerDocumentAndTheSameInWindows() throws {
        let text = (0..<150).map { "Năm \(2000 + $0 % 20) doanh thu đạt 1.\($0 % 9 + 1)0 tỷ đồng." }.joined(separator: "\n")
        let whole = try Pipeline(rules: shippedRules, windows: .init(threshold: .max, size: 1)).process(bytes: Array(text.utf8), source: "t")
        let windowed = try Pipeline(rules: shippedRules, windows: .init(threshold: 0, size: 700)).process(bytes: Array(text.utf8), source: "t")
        let a = whole.diagnostics.filter { $0.code == .invalidNumber }
        #expect(a.count == ContentWarning.perDocument)
        #expect(a.allSatisfy { slice(text, $0.start, $0.end)?.hasSuffix("0 tỷ đồng") == true })
        #expect(windowed.diagnostics == whole.diagnostics)
    }

    @Test func explainShowsTheCode() throws {
        let doc = TextDocument(original: Array("Doanh thu quý 5 năm 2023.".utf16))
        #expect(try Explanation.render(doc, rules: shippedRules).contains("rejected: quarter 5 does not exist [W202]"))
    }
}
