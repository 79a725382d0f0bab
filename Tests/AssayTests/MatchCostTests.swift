import Foundation
import Testing

@testable import Assay

/// Compiles pattern trees straight into a rule set, past the parser's E112 check, to show what the
/// automaton does with the patterns the parser rejects.
func extractCompiled(_ patterns: [PatternNode], _ text: String) -> [String] {
    var loader = RuleLoader(dimensions: testRegistry.dimensions)
    for (i, node) in patterns.enumerated() {
        loader.rules.append(
            Rule(
                id: "vi.test.p\(i)", description: "", dimension: "test", language: .vi, priority: 0, pattern: "", examples: [],
                counterexamples: [], path: "rules/t.yaml", line: 1))
        loader.patterns.append(node)
    }
    let set = RuleSet(
        rules: loader.rules, files: ["rules/t.yaml"], matcher: loader.compileMatcher(), resolvers: testRegistry,
        lexiconNames: loader.lexiconNames)
    // The `test` dimension is internal: its kept matches, in text order (as extract() in MatcherTests).
    let doc = TextDocument(original: Array(text.utf16), forcedLanguage: .vi)
    return Extractor(rules: set).candidates(doc).filter { $0.status == .kept }.sorted {
        ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound)
    }
    .map { doc.source.string(doc.originalRange($0.range)) }
}

@Suite struct MatchCostTests {
    let general = PatternNode.literal(phraseKeys("general"), "general")
    let x = PatternNode.literal(phraseKeys("x"), "x")

    @Test func aMatchSpansAtMostMaxMatchTokens() {
        // `CAP+` over a run of capitalized words would otherwise run from every start token to the
        // end of the run (quadratic in the paragraph); the run stops after maxMatchTokens.
        let names = (0..<100).map { "Name\(["A", "B", "C", "D"][$0 % 4])" }
        let text = "general " + names.joined(separator: " ")
        let e = extract([("g", "'general' name:(CAP+)", 0)], text)
        #expect(Matcher.maxMatchTokens == 64)
        #expect(e.first?.text == "general " + names[0..<63].joined(separator: " "))
        // Later starts (CAP+ alone) are capped the same way: each match is at most 64 tokens.
        let runs = extract([("c", "CAP+", 0)], names.joined(separator: " "))
        #expect(runs.map { $0.text.split(separator: " ").count } == [64, 36])
    }

    @Test func shortMatchesAreUnchangedByTheCap() {
        let e = extract([("g", "'general' name:(CAP+)", 0)], "general Lê Minh Quang said")
        #expect(spans(e) == ["general Lê Minh Quang"])
    }

    @Test func nestedUnboundedRepetitionIsRedundantNotExplosive() {
        // (CAP+)* compiled as written: each instruction runs at most once per position, so the
        // nested loops do not multiply threads, and the matches are those of CAP*.
        let nested = PatternNode.sequence([general, .repetition(.repetition(.tokenClass(.CAP), min: 1, max: nil), min: 0, max: nil), x])
        let flat = PatternNode.sequence([general, .repetition(.tokenClass(.CAP), min: 0, max: nil), x])
        let text = "general Ab Cd Ef x, general x, general Ab y"
        #expect(extractCompiled([nested], text) == ["general Ab Cd Ef x", "general x"])
        #expect(extractCompiled([nested], text) == extractCompiled([flat], text))
    }

    @Test func anEmptyLoopBodyIsCutNotFollowedForever() {
        // ('x'?)* has an empty pass round the loop (an epsilon cycle): the thread that comes back
        // to an instruction already run at this position dies. Matching terminates and finds the
        // same spans as 'x'*; the parser rejects the form (E112) because what such a loop
        // captures would depend on that cut, not on the pattern.
        let emptyLoop = PatternNode.sequence([general, .repetition(.repetition(x, min: 0, max: 1), min: 0, max: nil), .tokenClass(.NUM)])
        let flat = PatternNode.sequence([general, .repetition(x, min: 0, max: nil), .tokenClass(.NUM)])
        let text = "general x x 12 and general 7"
        #expect(extractCompiled([emptyLoop], text) == ["general x x 12", "general 7"])
        #expect(extractCompiled([emptyLoop], text) == extractCompiled([flat], text))
    }

    @Test func theParserRejectsEveryNestedUnboundedForm() {
        for pattern in ["(CAP+)*", "'a' (CAP*)+", "'a' (CAP | NUM+)*", "'a' (n:(CAP+))*", "'a' ('b'?)*", "'a' (CAP+){2,}", "'a' ([<'b'] 'c'?)+"] {
            do {
                _ = try PatternParser.parse(pattern, literalKeys: phraseKeys)
                Issue.record("accepted \(pattern)")
            } catch {
                #expect(error.code == .unboundedRepeat, "\(pattern)")
            }
        }
        for pattern in ["'a' (CAP+){2,4}", "'a' (',' CAP)*", "'a' (CAP{2,4})? NUM+"] {
            #expect((try? PatternParser.parse(pattern, literalKeys: phraseKeys)) != nil, "\(pattern)")
        }
    }
}
