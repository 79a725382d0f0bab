import Foundation
import Testing

@testable import Assay

/// The package root, found from this file.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The shipped rules, loaded once.
let shippedRules: RuleSet = {
    do {
        return try RuleSet.load(directory: packageRoot.appendingPathComponent("rules").path)
    } catch {
        fatalError("shipped rules do not load:\n\((error as? RuleLoadError)?.rendered ?? "\(error)")")
    }
}()

/// One example of one shipped rule, named by the rule id.
struct ShippedExample: Sendable, CustomTestStringConvertible {
    let rule: Rule
    let index: Int
    let counter: Bool
    var testDescription: String { "\(rule.id) \(counter ? "counterexample" : "example") \(index + 1)" }

    static var all: [ShippedExample] {
        shippedRules.rules.flatMap { r in
            r.examples.indices.map { ShippedExample(rule: r, index: $0, counter: false) }
                + r.counterexamples.indices.map { ShippedExample(rule: r, index: $0, counter: true) }
        }
    }
}

@Suite struct RuleExamplesTests {
    /// Every example and counterexample of every rule file under rules/ (DESIGN.md "Rules are data").
    @Test(arguments: ShippedExample.all)
    func example(_ ex: ShippedExample) {
        let runner = ExampleRunner(rules: shippedRules)
        let e = ex.counter ? ex.rule.counterexamples[ex.index] : ex.rule.examples[ex.index]
        let outcome = runner.check(ex.rule, e, counter: ex.counter)
        #expect(outcome.failure == nil, "\(outcome.failure?.rendered ?? "")")
    }

    @Test func shippedRulesLoad() {
        #expect(shippedRules.files.count >= 1)
    }
}
