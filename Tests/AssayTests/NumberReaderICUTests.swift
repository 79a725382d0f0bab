import Foundation
import ICUKit
import Testing

@testable import Assay

/// Release builds read a number without asking ICU when the byte reader covers its form
/// (``NumberReader/CrossCheck/uncovered``). That is only sound if the byte reader answers what ICU
/// answers: this suite reads every number of the corpus and of the rule examples both ways, in
/// every language's marks, and requires the same result (the same value, or the same rejection).
@Suite struct NumberReaderICUTests {
    /// Every text under `corpus/` the pipeline reads (`.txt` and `.html`), decoded as `assay run`
    /// decodes it.
    static func corpusTexts() -> [[UInt16]] {
        let root = packageRoot.appendingPathComponent("corpus")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return files.sorted { $0.path < $1.path }.compactMap { url -> [UInt16]? in
            let format: DocumentFormat
            switch url.pathExtension {
            case "txt": format = .text
            case "html", "htm": format = .html
            default: return nil
            }
            guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
            return DocumentReader.decode(bytes: Array(data), format: format).units
        }
    }

    /// Every example and counterexample text of every shipped rule.
    static func exampleTexts() throws -> [[UInt16]] {
        try shippedRules.rules.flatMap { r in (r.examples + r.counterexamples).map { Array($0.text.utf16) } }
    }

    /// The number strings of `texts`: every number token, and every capture the money resolver hands
    /// to ``NumberReader`` (an amount capture without a lexicon value; it may span several tokens).
    static func numbers(in texts: [[UInt16]]) throws -> Set<String> {
        let rules = try shippedRules
        let extractor = Extractor(rules: rules)
        let amountCaptures: Set<String> = ["amount", "amount_2", "low", "low_amount"]
        var out = Set<String>()
        for units in texts {
            let doc = TextDocument(original: units)
            for t in doc.tokens where t.kind == .number { out.insert(String(utf16Units: doc.text.units, t.start..<t.end)) }
            for ms in extractor.matches(doc) {
                for m in ms where extractor.rules.rules[m.rule].dimension == EntityType.money.rawValue {
                    for (name, base, lexicons) in extractor.plans[m.rule].captures where amountCaptures.contains(name) {
                        let s = m.slots[base], e = m.slots[base + 1]
                        guard s >= 0, e > s else { continue }
                        if let lexicons, rules.matcher.lexiconValue(keys: doc.keys[s..<e], lexicons: lexicons) != nil { continue }
                        out.insert(String(utf16Units: doc.text.units, doc.tokens[s].start..<doc.tokens[e - 1].end))
                    }
                }
            }
        }
        return out
    }

    /// Reads each number in each language both ways; returns how many readings the byte reader made
    /// alone, after recording every disagreement.
    static func compare(_ numbers: Set<String>) -> (covered: Int, disagreements: [String]) {
        var covered = 0
        var disagreements: [String] = []
        for n in numbers.sorted() {
            for language in [Language.vi, .en, .hi] {
                let reader = NumberReader.reader(for: language)
                let checked = reader.read(n, crossCheck: .always)
                let fast = reader.read(n, crossCheck: .uncovered)
                if checked != fast { disagreements.append("\(language.rawValue) '\(n)': ICU \(checked), fast \(fast)") }
                if case .success = fast, NumberReader.plainASCII(n) != nil { covered += 1 }
            }
        }
        return (covered, disagreements)
    }

    @Test func everyCorpusNumberReadsAsICUReadsIt() throws {
        let numbers = try Self.numbers(in: Self.corpusTexts())
        // The corpus holds hundreds of figures: an empty or tiny set means the enumeration broke.
        #expect(numbers.count > 300, "\(numbers.count) numbers")
        let (covered, disagreements) = Self.compare(numbers)
        #expect(covered > 300)
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
    }

    @Test func everyRuleExampleNumberReadsAsICUReadsIt() throws {
        let numbers = try Self.numbers(in: Self.exampleTexts())
        // About 150 distinct number strings in the rule files.
        #expect(numbers.count > 100, "\(numbers.count) numbers")
        let (covered, disagreements) = Self.compare(numbers)
        #expect(covered > 100)
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
    }

    /// The forms that decide between the marks, beside the corpus: both readings must agree here too.
    @Test func awkwardFormsReadAsICUReadsThem() {
        let forms: Set<String> = [
            "1.500", "1,500", "1.500,5", "1,500.5", "13,12,100", "1,00,000", "1,00,00,000", "35.000", "1,000", "1.50", "1,50",
            "0", "0,5", "0.5", "007", "1.000.000", "1,000,000", "12,34,567.8", "1..5", ",5", "5,", "1,2,3", "999,999,999,999,999,999,999",
            "1.2.3", "10,00", "100,0000", "1,0000",
        ]
        let (_, disagreements) = Self.compare(forms)
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
    }
}
