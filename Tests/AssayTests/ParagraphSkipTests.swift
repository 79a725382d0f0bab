import Testing

@testable import Assay

/// A paragraph none of whose tokens can start a rule is not matched (issue 18): the skip must lose no
/// match, and it must happen on real text.
@Suite struct ParagraphSkipTests {
    static func describe(_ ms: [RawMatch]) -> [String] { ms.map { "\($0.rule) \($0.start)..<\($0.end) \($0.slots)" } }

    /// Every paragraph of the corpus and of the rule examples, with its own language's rules and every
    /// language's foreign rules: the matches with the skip are the matches without it, and a paragraph
    /// the skip leaves out has none.
    @Test func skippingLosesNoMatch() throws {
        let matcher = try shippedRules.matcher
        var skipped = 0, runs = 0
        for units in NumberReaderICUTests.corpusTexts() + (try NumberReaderICUTests.exampleTexts()) {
            let doc = TextDocument(original: units)
            let scratch = MatchScratch(matcher)
            for p in doc.paragraphs {
                for (language, foreign) in [(p.language, false)] + Language.allCases.map({ ($0, true) }) {
                    runs += 1
                    let all = matcher.matches(in: doc, tokens: p.tokens, language: language, foreign: foreign, scratch: scratch, skipping: false)
                    let kept = matcher.matches(in: doc, tokens: p.tokens, language: language, foreign: foreign, scratch: scratch)
                    #expect(Self.describe(all) == Self.describe(kept))
                    if !matcher.mayStart(in: doc, tokens: p.tokens, language: language, foreign: foreign) {
                        skipped += 1
                        #expect(all.isEmpty, "a skipped paragraph has matches: \(Self.describe(all))")
                    }
                }
            }
        }
        // The corpus's articles hold paragraphs with no figure and no trigger word.
        #expect(skipped > 100, "\(skipped) of \(runs) runs skipped")
    }

    /// Sentences of news with no figure and no word a rule starts with, in each language, are
    /// skipped; a number word (`two`) or a digit is a start.
    @Test(arguments: [
        ("The delegation toured the workshops and met the staff.", false),
        ("Officials visited workshops on Monday.", false),
        ("Đoàn công tác đã thăm các phân xưởng.", false),
        ("प्रतिनिधिमंडल ने कार्यशालाओं का दौरा किया।", false),
        ("Delegates toured two workshops and met staff.", true),
        ("Revenue reached 1,500 billion dong.", true),
    ])
    func newsSentencesWithoutFiguresAreSkipped(_ text: String, _ starts: Bool) throws {
        let doc = TextDocument(original: Array(text.utf16))
        let p = doc.paragraphs[0]
        #expect(try shippedRules.matcher.mayStart(in: doc, tokens: p.tokens, language: p.language) == starts)
        if !starts {
            #expect(try Extractor(rules: shippedRules).matches(doc)[0].isEmpty)
        }
    }

    @Test func aParagraphWithoutFigureOrTriggerIsSkippedAndOneWithAFigureIsNot() throws {
        let matcher = try shippedRules.matcher
        let doc = TextDocument(
            original: Array("The delegation toured the workshops and met the staff.\nRevenue reached 1,500 billion dong.".utf16),
            forcedLanguage: .en)
        #expect(doc.paragraphs.count == 2)
        #expect(!matcher.mayStart(in: doc, tokens: doc.paragraphs[0].tokens, language: .en))
        #expect(matcher.mayStart(in: doc, tokens: doc.paragraphs[1].tokens, language: .en))
        #expect(try !Extractor(rules: shippedRules).matches(doc)[1].isEmpty)
    }
}
