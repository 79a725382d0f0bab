import Foundation
import Testing

@testable import Assay

/// The package root, found from this file.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The shipped rules, loaded once (a failure is kept, not fatal).
let shippedRuleSet = Result { () throws(RuleLoadError) -> RuleSet in
    try RuleSet.load(directory: packageRoot.appendingPathComponent("rules").path)
}

/// The shipped rules. When they do not load, reading this throws the loader's report, so each test
/// that needs them fails with it while the others run.
var shippedRules: RuleSet {
    get throws(RuleLoadError) { try shippedRuleSet.get() }
}

/// One example of one shipped rule, named by the rule id.
struct ShippedExample: Sendable, CustomTestStringConvertible {
    let rule: Rule
    let index: Int
    let counter: Bool
    var testDescription: String { "\(rule.id) \(counter ? "counterexample" : "example") \(index + 1)" }

    /// Every example; none when the rules do not load (``RuleExamplesTests/shippedRulesLoad()`` fails then).
    static var all: [ShippedExample] {
        ((try? shippedRules)?.rules ?? []).flatMap { r in
            r.examples.indices.map { ShippedExample(rule: r, index: $0, counter: false) }
                + r.counterexamples.indices.map { ShippedExample(rule: r, index: $0, counter: true) }
        }
    }
}

@Suite struct RuleExamplesTests {
    /// Every example and counterexample of every rule file under rules/ (DESIGN.md "Rules are data").
    @Test(arguments: ShippedExample.all)
    func example(_ ex: ShippedExample) throws {
        let runner = ExampleRunner(rules: try shippedRules)
        let e = ex.counter ? ex.rule.counterexamples[ex.index] : ex.rule.examples[ex.index]
        let outcome = runner.check(ex.rule, e, counter: ex.counter)
        #expect(outcome.failure == nil, "\(outcome.failure?.rendered ?? "")")
    }

    @Test func shippedRulesLoad() throws {
        #expect(try shippedRules.files.count >= 1)
    }
}
