import AssaySupport
import Foundation
import Testing

@testable import Assay

/// A kept match of the `test` dimension, where it lies in the original text and its captures.
struct TestMatch {
    var rule: String
    var text: String
    var start: Int
    var end: Int
    var value: EntityValue
}

/// Builds a rule set of one `test` file from a list of (slug, pattern, priority) and returns the kept
/// matches in `text` (the `test` dimension is internal: entities have the contract's types only).
func extract(_ patterns: [(String, String, Int)], lexicons: String = "", language: Language = .vi, _ text: String) -> [TestMatch] {
    var yaml = "language: \(language.rawValue)\ndimension: test\n"
    if !lexicons.isEmpty { yaml += "lexicons:\n" + lexicons + "\n" }
    yaml += "rules:\n"
    for (slug, pattern, priority) in patterns {
        yaml += """
              - id: \(language.rawValue).test.\(slug)
                pattern: "\(pattern.replacingOccurrences(of: "\"", with: "\\\""))"
                priority: \(priority)
                examples: [{text: x, entities: []}]

            """
    }
    let set = try! RuleSet.load(sources: [("rules/t.yaml", yaml)], resolvers: testRegistry)
    let doc = TextDocument(original: Array(text.utf16), forcedLanguage: language)
    return Extractor(rules: set).candidates(doc).filter { $0.status == .kept }.map { c in
        let o = doc.originalRange(c.range)
        return TestMatch(
            rule: c.ruleID, text: doc.source.string(o), start: doc.source.scalarOffset(o.lowerBound),
            end: doc.source.scalarOffset(o.upperBound), value: c.value ?? EntityValue([]))
    }.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
}

func spans(_ matches: [TestMatch]) -> [String] { matches.map(\.text) }

@Suite struct MatcherTests {
    let lex = """
          scale:
            triệu: "1000000"
            tỷ: "1000000000"
            nghìn tỷ: "1000000000000"
          cur:
            đồng: VND
            vnd: VND
        """

    @Test func literalsMatchAnyCaseAndToneStyle() {
        #expect(spans(extract([("a", "'hoà bình'", 0)], "Hòa Bình và HOÀ BÌNH")) == ["Hòa Bình", "HOÀ BÌNH"])
    }

    @Test func lexiconsCaptureTheirValues() {
        let e = extract([("m", "n:NUM s:@scale c:@cur", 0)], lexicons: lex, "đạt 1.500 nghìn tỷ đồng và 2 triệu VND")
        #expect(spans(e) == ["1.500 nghìn tỷ đồng", "2 triệu VND"])
        #expect(e[0].value["s"] == "1000000000000")
        #expect(e[0].value["c"] == "VND")
        #expect(e[0].value["n"] == "1.500")
    }

    @Test func classesOptionalAndBoundedRepeats() {
        let e = extract([("o", "'đại' 'tá' name:(CAP{2,4})", 0)], "Đại tá Lê Minh Quang Hải Nam phát biểu, đại tá Lê")
        #expect(spans(e) == ["Đại tá Lê Minh Quang Hải"])
        let y = extract([("y", "'năm'? y:YEAR", 0)], "năm 2020, 1700 và 2031")
        #expect(spans(y) == ["năm 2020", "2031"])
    }

    @Test func alternativesAndOneOrMore() {
        let e = extract([("f", "('factory' | 'plant') 'z' ~ code:INT", 0)], language: .en, "Factory Z121 and plant Z 131 and Plant Z175")
        #expect(spans(e) == ["Factory Z121", "Plant Z175"])
        let d = extract([("h", "'कर्नल' name:DEVA+", 0)], language: .hi, "कर्नल फाम वान लोंग, और")
        #expect(d.first?.value["name"] == "फाम वान लोंग")
    }

    @Test func contextsStayOutsideTheSpan() {
        let e = extract([("c", "[<q:@qual] n:NUM 'tỷ'", 0)], lexicons: "  qual:\n    gần: approx\n    hơn: over", "gần 8,5 tỷ và 9 tỷ")
        #expect(spans(e) == ["8,5 tỷ"])
        #expect(e.first?.value["q"] == "approx")
        let forbid = extract([("z", "[!<~'.'] 'z' ~ code:INT [!>~WORD]", 0)], language: .en, "Z121 www.z121.vn Z121A Z131.")
        #expect(spans(forbid) == ["Z121", "Z131"])
    }

    @Test func longestSpanWinsThenPriority() {
        let e = extract([("short", "'nhà' 'máy'", 5), ("long", "'nhà' 'máy' 'z' ~ c:INT", 0)], "Nhà máy Z131")
        #expect(e.map(\.rule) == ["vi.test.long"])
        let p = extract([("low", "'nhà' 'máy'", 0), ("high", "'nhà' WORD", 3)], "Nhà máy")
        #expect(p.map(\.rule) == ["vi.test.high"])
    }

    @Test func offsetsPointIntoTheOriginal() throws {
        // Decomposed Vietnamese after a zero-width joiner: the span is marked, not counted.
        let input = try MarkedText("Ông \u{200D}⟦Nha\u{300} ma\u{301}y Z131⟧ và ⟦NHÀ MÁY Z 175⟧")
        let e = extract([("f", "'nhà' 'máy' 'z' c:INT", 0)], input.text)
        #expect(e.map { $0.start..<$0.end } == input.spans)
        #expect(e.map(\.text) == input.marked)
    }

    @Test func matchesNeverCrossParagraphs() {
        #expect(extract([("a", "'nhà' 'máy'", 0)], "nhà\nmáy").isEmpty)
    }

    /// The literal class bits the per-token mask uses are the classes' positions in `allCases`.
    @Test func classMaskBitsFollowTheClassOrder() {
        let literal: [TokenClass: UInt16] = [
            .NUM: TokenClassMask.num, .INT: TokenClassMask.int, .YEAR: TokenClassMask.year, .CAP: TokenClassMask.cap,
            .UPPER: TokenClassMask.upper, .WORD: TokenClassMask.word, .LATIN: TokenClassMask.latin,
            .DEVA: TokenClassMask.deva, .PUNCT: TokenClassMask.punct, .ANY: TokenClassMask.any,
        ]
        #expect(literal.count == TokenClass.allCases.count)
        for c in TokenClass.allCases { #expect(literal[c] == TokenClassMask.bit(c)) }
    }

    /// White space is read from the property only for separators and controls: no other unit has it.
    @Test func whiteSpaceIsOnlySeparatorsAndControls() {
        for c in UInt32(0)..<0x10000 {
            guard let s = Unicode.Scalar(c), s.properties.isWhitespace else { continue }
            #expect([.spaceSeparator, .lineSeparator, .paragraphSeparator, .control].contains(s.properties.generalCategory))
        }
    }
}
