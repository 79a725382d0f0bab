/// Runs rule examples and counterexamples through the whole extraction (all rules, overlaps,
/// resolvers), the way `assay rules check` and the test suite do.
package struct ExampleRunner: Sendable {
    package let rules: RuleSet
    let extractor: Extractor

    package init(rules: RuleSet) {
        self.rules = rules
        extractor = Extractor(rules: rules)
    }

    /// One example's outcome.
    package struct Outcome: Sendable {
        package var rule: Rule
        package var example: RuleExample
        package var counter: Bool
        /// nil when it passed; else an E190 diagnostic.
        package var failure: RuleDiagnostic?
    }

    /// Every example and counterexample of every rule.
    package func runAll() -> [Outcome] {
        rules.rules.flatMap { run($0) }
    }

    /// The examples and counterexamples of one rule.
    package func run(_ rule: Rule) -> [Outcome] {
        rule.examples.map { check(rule, $0, counter: false) } + rule.counterexamples.map { check(rule, $0, counter: true) }
    }

    /// What an example text yields: the emitted entities plus, for an internal dimension, its kept cues.
    package func yields(_ text: String, language: Language, dimension: String) -> [ExpectedEntity] {
        let doc = TextDocument(original: Array(text.utf16), forcedLanguage: language)
        let cands = extractor.candidates(doc)
        var out = extractor.entities(doc, from: cands).map {
            ExpectedEntity(type: $0.type.rawValue, text: $0.text, value: Dictionary(uniqueKeysWithValues: $0.value.fields.map { ($0.key, $0.value) }))
        }
        if rules.resolvers.entityType(dimension) == nil {
            for c in cands where c.type == dimension && c.status == .kept {
                let o = doc.originalRange(c.range)
                out.append(
                    ExpectedEntity(
                        type: c.type, text: doc.source.string(o),
                        value: Dictionary(uniqueKeysWithValues: (c.value?.fields ?? []).map { ($0.key, $0.value) })))
            }
        }
        return out
    }

    func check(_ rule: Rule, _ ex: RuleExample, counter: Bool) -> Outcome {
        let got = yields(ex.text, language: ex.language, dimension: rule.dimension)
        var problem: String? = nil
        if counter {
            let bad = got.filter { $0.type == rule.dimension }
            let expectedOthers = ex.entities
            if !bad.isEmpty {
                problem = "counterexample of '\(rule.id)' yields \(describe(bad))"
            } else if !expectedOthers.isEmpty, !sameMultiset(expectedOthers, got) {
                problem = "counterexample of '\(rule.id)' yields \(describe(got)), expected \(describe(expectedOthers))"
            }
        } else if !sameMultiset(ex.entities, got) {
            problem = "example of '\(rule.id)' yields \(describe(got)), expected \(describe(ex.entities))"
        }
        let failure = problem.map {
            RuleDiagnostic(path: rule.path, line: ex.line, column: ex.column, code: .failingExample, message: $0 + " in \(ex.text.debugDescription)")
        }
        return Outcome(rule: rule, example: ex, counter: counter, failure: failure)
    }

    func sameMultiset(_ a: [ExpectedEntity], _ b: [ExpectedEntity]) -> Bool {
        guard a.count == b.count else { return false }
        var rest = b
        for x in a {
            guard let i = rest.firstIndex(of: x) else { return false }
            rest.remove(at: i)
        }
        return true
    }

    func describe(_ list: [ExpectedEntity]) -> String {
        if list.isEmpty { return "nothing" }
        return list.map { e in
            let v = e.value.keys.sorted().map { k in "\(k)=\(e.value[k]!.map { $0 } ?? "null")" }.joined(separator: ", ")
            return "\(e.type) \(e.text.debugDescription) {\(v)}"
        }.joined(separator: "; ")
    }
}
