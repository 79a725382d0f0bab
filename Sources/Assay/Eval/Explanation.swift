/// The human-readable dump behind `assay explain`: normalized text, paragraphs and every candidate.
package enum Explanation {
    /// Renders the explanation of `doc` under `rules`.
    package static func render(_ doc: TextDocument, rules: RuleSet) -> String {
        let extractor = Extractor(rules: rules)
        let cands = extractor.candidates(doc)
        var lines: [String] = []
        lines.append("normalized: \(doc.text.string.debugDescription)")
        for (i, p) in doc.paragraphs.enumerated() {
            let r = doc.scalarRange(p.range)
            lines.append("paragraph \(i) [\(r.lowerBound), \(r.upperBound)) language \(p.language.rawValue), \(p.tokens.count) tokens")
        }
        if cands.isEmpty { lines.append("no candidates") }
        for (i, c) in cands.enumerated() {
            let o = doc.originalRange(c.range)
            let r = doc.scalarRange(c.range)
            let status: String
            switch c.status {
            case .kept: status = c.emits ? "kept" : "kept (internal)"
            case .rejected(let why): status = "rejected: \(why)" + (c.warning.map { " [\($0.code)]" } ?? "")
            case .lostOverlap(let k): status = "lost overlap to #\(k) \(cands[k].ruleID)"
            }
            let value =
                c.value.map { v in
                    "{" + v.fields.map { "\($0.key): \($0.value.map { $0.debugDescription } ?? "null")" }.joined(separator: ", ") + "}"
                } ?? ""
            lines.append("#\(i) \(c.type) \(doc.source.string(o).debugDescription) [\(r.lowerBound), \(r.upperBound)) \(c.ruleID) \(status) \(value)")
        }
        return lines.joined(separator: "\n")
    }
}
