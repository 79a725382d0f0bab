@testable import Assay

/// Builds resolver inputs from captures written as (text, lexicon value), without matching any text.
enum ResolverTestSupport {
    static let document = TextDocument(original: Array("x".utf16))

    static func rule(_ dimension: String) -> Rule {
        Rule(
            id: "test.\(dimension).unit", description: "", dimension: dimension, language: nil, priority: 0, pattern: "",
            examples: [], counterexamples: [], path: "test", line: 1)
    }

    static func input(_ dimension: String, _ language: Language, _ captures: [String: (String, String?)]) -> ResolverInput {
        var caps: [String: Capture] = [:]
        for (name, (text, value)) in captures {
            caps[name] = Capture(tokens: 0..<1, text: text, folded: text.lowercased(), lexiconValue: value)
        }
        return ResolverInput(rule: rule(dimension), language: language, tokens: 0..<1, captures: caps, document: document)
    }
}
