import Foundation
import Testing

@testable import Assay

/// A registry with the test dimension only, so fixtures do not depend on the shipped resolvers.
let testRegistry: ResolverRegistry = {
    var r = ResolverRegistry()
    r.register(internal: "test", CaptureResolver())
    return r
}()

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/BadRules")

func loadFixture(_ name: String) -> Result<RuleSet, RuleLoadError> {
    let path = fixtures.appendingPathComponent(name).path
    let text = try! String(contentsOfFile: path, encoding: .utf8)
    do {
        return .success(try RuleSet.load(sources: [("rules/vi/\(name)", text)], resolvers: testRegistry))
    } catch {
        return .failure(error)
    }
}

func rendered(_ name: String) -> String {
    switch loadFixture(name) {
    case .success: return "loaded"
    case .failure(let e): return e.rendered
    }
}

@Suite struct RuleDiagnosticsTests {
    /// The byte-level line split gives the lines the grapheme split gave (a CRLF stays inside a line,
    /// a line feed before a combining mark still splits, empty lines and a missing last newline kept).
    @Test func linesSplitAsTheGraphemeSplitDid() {
        let texts = [
            "", "\n", "a", "a\n", "a\nb", "a\n\nb\n", "x\r\ny\nz", "\r\n\r\n", "\n\u{0301}é\nक्\u{200D}ष\n", "tỷ đồng\n- 1.500\n",
        ]
        for t in texts {
            #expect(RuleLoader.lines(t) == t.split(separator: "\n", omittingEmptySubsequences: false), "\(Array(t.unicodeScalars))")
        }
    }

    @Test func badYAML() {
        #expect(rendered("E100-bad-yaml.yaml").hasPrefix("rules/vi/E100-bad-yaml.yaml:6:1: error[E100]: invalid YAML: "))
    }

    @Test func missingPattern() {
        #expect(
            rendered("E101-missing-pattern.yaml") == """
                rules/vi/E101-missing-pattern.yaml:4:9: error[E101]: rule 'vi.test.no-pattern' has no 'pattern'
                  - id: vi.test.no-pattern
                        ^
                """)
    }

    @Test func patternSyntax() {
        #expect(
            rendered("E102-syntax.yaml") == """
                rules/vi/E102-syntax.yaml:5:19: error[E102]: unclosed '('
                    pattern: "'x' (CAP"
                                  ^
                """)
    }

    @Test func duplicateID() {
        #expect(
            rendered("E103-duplicate-id.yaml") == """
                rules/vi/E103-duplicate-id.yaml:7:9: error[E103]: duplicate rule id 'vi.test.same' (also in rules/vi/E103-duplicate-id.yaml)
                  - id: vi.test.same
                        ^
                """)
    }

    @Test func unknownLexicon() {
        #expect(
            rendered("E104-unknown-lexicon.yaml") == """
                rules/vi/E104-unknown-lexicon.yaml:5:26: error[E104]: unknown lexicon 'scale'
                    pattern: "amount:NUM @scale"
                                         ^
                """)
    }

    @Test func unknownClass() {
        #expect(
            rendered("E105-unknown-class.yaml") == """
                rules/vi/E105-unknown-class.yaml:5:15: error[E105]: unknown token class 'NUMBER' (known: NUM, INT, YEAR, CAP, UPPER, WORD, LATIN, DEVA, PUNCT, ANY)
                    pattern: "NUMBER 'x'"
                              ^
                """)
    }

    @Test func emptyPattern() {
        #expect(
            rendered("E106-empty-pattern.yaml") == """
                rules/vi/E106-empty-pattern.yaml:5:15: error[E106]: empty pattern
                    pattern: ""
                              ^
                """)
    }

    @Test func patternMatchingTheEmptyString() {
        #expect(
            rendered("E107-empty-match.yaml") == """
                rules/vi/E107-empty-match.yaml:5:15: error[E107]: pattern can match the empty string
                    pattern: "CAP? 'x'?"
                              ^
                """)
    }

    @Test func idNotOfItsFile() {
        #expect(
            rendered("E108-bad-id.yaml") == """
                rules/vi/E108-bad-id.yaml:4:9: error[E108]: rule id 'en.test.wrong-language' must be 'vi.test.<slug>'
                  - id: en.test.wrong-language
                        ^
                """)
    }

    @Test func lexiconDefinedTwice() {
        let text = try! String(contentsOfFile: fixtures.appendingPathComponent("E109-duplicate-lexicon.yaml").path, encoding: .utf8)
        do {
            _ = try RuleSet.load(
                sources: [("rules/vi/a.yaml", text), ("rules/vi/b.yaml", text.replacingOccurrences(of: "vi.test.one", with: "vi.test.two"))],
                resolvers: testRegistry)
            Issue.record("loaded")
        } catch {
            #expect(
                error.rendered == """
                    rules/vi/b.yaml:4:3: error[E109]: lexicon 'scale' is already defined for language 'vi'
                      scale:
                      ^
                    """)
        }
    }

    @Test func contextHoldsOneAtom() {
        #expect(
            rendered("E110-context.yaml") == """
                rules/vi/E110-context.yaml:5:15: error[E110]: a context holds one literal, lexicon or class
                    pattern: "[<('gần' 'hơn')] NUM"
                              ^
                """)
    }

    @Test func dimensionWithoutResolver() {
        #expect(
            rendered("E111-unknown-dimension.yaml") == """
                rules/vi/E111-unknown-dimension.yaml:2:12: error[E111]: no resolver for dimension 'weather' (known: test)
                dimension: weather
                           ^
                """)
    }

    @Test func nestedUnboundedRepetition() {
        // The first error sits in a folded block after Devanagari: its column counts the scalars
        // of the line as written (कर्नल is five), not the folded value or grapheme clusters.
        #expect(
            rendered("E112-nested-repetition.yaml") == """
                rules/vi/E112-nested-repetition.yaml:7:21: error[E112]: nested unbounded repetition: the repeated part already repeats without bound (write one repeat, e.g. CAP* for (CAP+)*)
                      'कर्नल' (CAP+)* 'x'
                                    ^
                rules/vi/E112-nested-repetition.yaml:10:31: error[E112]: unbounded repetition of a part that can match nothing (make the part match at least one token)
                    pattern: "'कारखाने' ('x'?)+"
                                              ^
                """)
    }

    @Test func patternTooLarge() {
        #expect(
            rendered("E113-too-large.yaml") == """
                rules/vi/E113-too-large.yaml:5:15: error[E113]: pattern compiles to 2501 instructions (at most 2000); lower the repeat counts
                    pattern: "'x' (ANY{50}){50}"
                              ^
                """)
    }

    @Test func columnsInFoldedPlainAndEscapedScalars() {
        // फैक्ट्री is eight scalars; the folded block's second line is more indented (its line
        // break is kept); a plain scalar folds over two lines; \u escapes are six columns each.
        #expect(
            rendered("columns-folded-devanagari.yaml") == """
                rules/vi/columns-folded-devanagari.yaml:7:20: error[E104]: unknown lexicon 'nolex'
                        ~ code:INT @nolex
                                   ^
                rules/vi/columns-folded-devanagari.yaml:11:10: error[E102]: bad repeat bounds {3,1}
                      NUM{3,1}
                         ^
                rules/vi/columns-folded-devanagari.yaml:14:30: error[E105]: unknown token class 'NUMBER' (known: NUM, INT, YEAR, CAP, UPPER, WORD, LATIN, DEVA, PUNCT, ANY)
                    pattern: "'\\u0928\\u0908' NUMBER"
                                             ^
                """)
    }

    @Test func failingExampleIsE190() throws {
        let set = try loadFixture("E190-failing-example.yaml").get()
        let failures = ExampleRunner(rules: set).runAll().compactMap(\.failure)
        #expect(
            failures.map(\.rendered) == [
                """
                rules/vi/E190-failing-example.yaml:7:9: error[E190]: example of 'vi.test.word' yields test "Nhà máy" {}, expected nothing in "Nhà máy mới"
                """
            ])
    }

    @Test func allProblemsAreReportedAtOnce() {
        let files = ["E102-syntax.yaml", "E105-unknown-class.yaml", "E108-bad-id.yaml"].map { name in
            (path: "rules/vi/\(name)", text: try! String(contentsOfFile: fixtures.appendingPathComponent(name).path, encoding: .utf8))
        }
        do {
            _ = try RuleSet.load(sources: files, resolvers: testRegistry)
            Issue.record("loaded")
        } catch {
            #expect(error.diagnostics.map(\.code) == [.patternSyntax, .unknownTokenClass, .badRuleID])
        }
    }
}
