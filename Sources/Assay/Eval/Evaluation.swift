import Foundation
import ICUKit

/// Gold of one corpus document (`NAME.gold.json`).
package struct GoldDocument: Sendable {
    package struct Item: Sendable {
        package var type: String
        package var text: String
        package var start: Int
        package var end: Int
        package var value: [String: String?]
    }

    package struct GoldFact: Sendable {
        package var money: Int
        package var metric: String
        package var factory: String?
        package var period: (start: String?, end: String?)?
    }

    package var entities: [Item]
    package var optional: [Item]
    package var facts: [GoldFact]

    /// Parses a gold file.
    package init(json bytes: [UInt8]) throws {
        guard case .object(let root) = try JSONParser.parse(bytes) else { throw EvalError("gold is not an object") }
        func field(_ o: [(String, JSONValue)], _ k: String) -> JSONValue? { o.first { $0.0 == k }?.1 }
        func items(_ k: String) throws -> [Item] {
            guard case .array(let list)? = field(root, k) else { return [] }
            return try list.map { v in
                guard case .object(let o) = v, case .string(let type)? = field(o, "type"), case .string(let text)? = field(o, "text"),
                    case .number(let s)? = field(o, "start"), case .number(let e)? = field(o, "end"), let start = Int(s), let end = Int(e)
                else { throw EvalError("malformed gold entity") }
                var value: [String: String?] = [:]
                if case .object(let vo)? = field(o, "value") {
                    for (k, x) in vo {
                        if case .string(let str) = x { value[k] = .some(str) } else { value[k] = .some(nil) }
                    }
                }
                return Item(type: type, text: text, start: start, end: end, value: value)
            }
        }
        entities = try items("entities")
        optional = try items("optional")
        facts = []
        if case .array(let list)? = field(root, "facts") {
            for v in list {
                guard case .object(let o) = v, case .number(let m)? = field(o, "money"), let money = Int(m),
                    case .string(let metric)? = field(o, "metric")
                else { throw EvalError("malformed gold fact") }
                var factory: String? = nil
                if case .string(let f)? = field(o, "factory") { factory = f }
                var period: (String?, String?)? = nil
                if case .object(let po)? = field(o, "period") {
                    var s: String? = nil, e: String? = nil
                    if case .string(let x)? = field(po, "start") { s = x }
                    if case .string(let x)? = field(po, "end") { e = x }
                    period = (s, e)
                }
                facts.append(GoldFact(money: money, metric: metric, factory: factory, period: period))
            }
        }
    }
}

struct EvalError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Precision/recall counts.
package struct Score: Sendable {
    package var tp = 0
    package var predicted = 0
    package var gold = 0
    package init(tp: Int = 0, predicted: Int = 0, gold: Int = 0) {
        self.tp = tp
        self.predicted = predicted
        self.gold = gold
    }
    package var precision: Double { predicted == 0 ? 1 : Double(tp) / Double(predicted) }
    package var recall: Double { gold == 0 ? 1 : Double(tp) / Double(gold) }
    package var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    mutating func add(_ o: Score) {
        tp += o.tp
        predicted += o.predicted
        gold += o.gold
    }
}

/// A miss or a spurious entity, for `--misses`.
package struct EvalFinding: Sendable {
    package var document: String
    package var kind: String  // "miss" | "spurious" | "wrong-value"
    package var type: String
    package var text: String
    package var start: Int
    package var rule: String?
    package var detail: String
}

/// The scores of `assay eval`: strict and span, per language and type; qualifier/per accuracy; facts.
package struct Evaluation: Sendable {
    /// key: "lang/type" (lang "all" for every language)
    package var strict: [String: Score] = [:]
    package var span: [String: Score] = [:]
    package var qualifier = Score()
    package var per = Score()
    package var facts = Score()
    package var findings: [EvalFinding] = []
    package var documents = 0

    package init() {}

    /// Evaluates every document with gold below `corpus` (folders starting with `_` hold sources and
    /// are skipped); the language bucket is the first folder under `corpus`.
    package static func run(corpus: String, pipeline: Pipeline) throws -> Evaluation {
        var ev = Evaluation()
        let base = corpus.hasSuffix("/") ? String(corpus.dropLast()) : corpus
        for path in InputCollector.walk(base, globs: ["*.txt", "*.html"]) {
            let rel = String(path.dropFirst(base.count + 1))
            let parts = rel.split(separator: "/")
            if parts.dropLast().contains(where: { $0.hasPrefix("_") || $0.hasPrefix(".") }) { continue }
            // NAME.txt or NAME.html beside NAME.gold.json; an HTML page's gold offsets are in its extracted text.
            let format: DocumentFormat = path.hasSuffix(".html") ? .html : .text
            let goldPath = String(path.dropLast(format == .html ? 5 : 4)) + ".gold.json"
            guard let goldData = FileManager.default.contents(atPath: goldPath) else { continue }
            let gold = try GoldDocument(json: [UInt8](goldData))
            let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
            let record = pipeline.process(bytes: bytes, source: path, format: format)
            let lang = parts.count > 1 ? String(parts[0]) : record.language.rawValue
            ev.add(document: path, language: lang, gold: gold, record: record)
        }
        return ev
    }

    mutating func add(document: String, language: String, gold: GoldDocument, record: Record) {
        documents += 1
        let preds = record.entities
        let types = Set(gold.entities.map(\.type) + preds.map(\.type.rawValue))
        var strictPair: [Int: Int] = [:]  // gold index → prediction index
        for type in types.sorted() {
            let g = gold.entities.indices.filter { gold.entities[$0].type == type }
            let ignored = Set(
                preds.indices.filter { p in
                    preds[p].type.rawValue == type && gold.optional.contains { $0.type == type && overlaps($0, preds[p]) }
                        && !g.contains { overlaps(gold.entities[$0], preds[p]) }
                })
            let p = preds.indices.filter { preds[$0].type.rawValue == type && !ignored.contains($0) }
            let strictMatch = Self.greedy(g, p) { gi, pi in overlaps(gold.entities[gi], preds[pi]) && sameValue(gold.entities[gi], preds[pi]) }
            let spanMatch = Self.greedy(g, p) { gi, pi in overlaps(gold.entities[gi], preds[pi]) }
            for (k, v) in strictMatch { strictPair[k] = v }
            let s = Score(tp: strictMatch.count, predicted: p.count, gold: g.count)
            let sp = Score(tp: spanMatch.count, predicted: p.count, gold: g.count)
            for lang in [language, "all"] {
                strict["\(lang)/\(type)", default: Score()].add(s)
                span["\(lang)/\(type)", default: Score()].add(sp)
            }
            if type == EntityType.money.rawValue {
                for (gi, pi) in spanMatch {
                    qualifier.gold += 1
                    per.gold += 1
                    if (gold.entities[gi].value["qualifier"] ?? nil) == preds[pi].value["qualifier"] { qualifier.tp += 1 }
                    if (gold.entities[gi].value["per"] ?? nil) == preds[pi].value["per"] { per.tp += 1 }
                }
            }
            let matchedPreds = Set(strictMatch.values)
            for gi in g where strictMatch[gi] == nil {
                let e = gold.entities[gi]
                let near = spanMatch[gi].map { preds[$0] }
                findings.append(
                    EvalFinding(
                        document: document, kind: near == nil ? "miss" : "wrong-value", type: type, text: e.text, start: e.start,
                        rule: near?.rule,
                        detail: near.map { "got \(describe($0.value)) for \($0.text.debugDescription), gold \(describe(e.value))" }
                            ?? "gold \(describe(e.value))"))
            }
            for pi in p where !matchedPreds.contains(pi) && !spanMatch.values.contains(pi) {
                let e = preds[pi]
                findings.append(
                    EvalFinding(document: document, kind: "spurious", type: type, text: e.text, start: e.start, rule: e.rule, detail: describe(e.value)))
            }
        }
        scoreFacts(gold: gold, record: record, pairs: strictPair)
    }

    mutating func scoreFacts(gold: GoldDocument, record: Record, pairs: [Int: Int]) {
        facts.gold += gold.facts.count
        facts.predicted += record.facts.count
        let predByMoney = Dictionary(record.facts.map { ($0.money, $0) }, uniquingKeysWith: { a, _ in a })
        for gf in gold.facts {
            guard let pi = pairs[gf.money], let pf = predByMoney[pi] else { continue }
            let code = pf.factory.flatMap { record.entities[$0].value["code"] }
            let period = pf.period.map { (record.entities[$0].value["start"], record.entities[$0].value["end"]) }
            let periodOK: Bool
            switch (gf.period, period) {
            case (nil, nil): periodOK = true
            case (let g?, let p?): periodOK = Self.days(g.start, g.end) == Self.days(p.0, p.1)
            default: periodOK = false
            }
            if pf.metric == gf.metric && code == gf.factory && periodOK { facts.tp += 1 }
        }
    }

    /// Greedy one-to-one matching in document order.
    static func greedy(_ g: [Int], _ p: [Int], _ ok: (Int, Int) -> Bool) -> [Int: Int] {
        var used = Set<Int>()
        var out: [Int: Int] = [:]
        for gi in g {
            if let pi = p.first(where: { !used.contains($0) && ok(gi, $0) }) {
                used.insert(pi)
                out[gi] = pi
            }
        }
        return out
    }

    func overlaps(_ g: GoldDocument.Item, _ p: Entity) -> Bool { g.start < p.end && p.start < g.end }

    func describe(_ v: [String: String?]) -> String {
        "{" + v.keys.sorted().map { "\($0): \(v[$0]!.map { $0 } ?? "null")" }.joined(separator: ", ") + "}"
    }

    func describe(_ v: EntityValue) -> String {
        "{" + v.fields.map { "\($0.key): \($0.value ?? "null")" }.joined(separator: ", ") + "}"
    }

    /// Strict value agreement (issue "corpus"): factory code; officer rank and name (NFC, casefolded,
    /// spaces collapsed); money amount and currency; period ends as first and last days.
    func sameValue(_ g: GoldDocument.Item, _ p: Entity) -> Bool {
        let gv = g.value, pv = p.value
        switch EntityType(rawValue: g.type) {
        case .factory: return (gv["code"] ?? nil) == pv["code"]
        case .officer:
            return (gv["rank"] ?? nil) == pv["rank"] && Self.nameKey(gv["name"] ?? nil) == Self.nameKey(pv["name"])
        case .money:
            return Self.decimalKey(gv["amount"] ?? nil) == Self.decimalKey(pv["amount"]) && (gv["currency"] ?? nil) == pv["currency"]
        case .period:
            return Self.days(gv["start"] ?? nil, gv["end"] ?? nil) == Self.days(pv["start"], pv["end"])
        case nil:
            return gv.count == pv.fields.count && pv.fields.allSatisfy { f in gv[f.key].map { $0 == f.value } ?? false }
        }
    }

    static func nameKey(_ s: String?) -> String? {
        guard let s else { return nil }
        return NFC.normalize(s).lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func decimalKey(_ s: String?) -> String? {
        guard var s else { return nil }
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    /// A period as (first day, last day); nil end stays nil.
    static func days(_ start: String?, _ end: String?) -> String {
        "\(start.map { firstDay($0) } ?? "nil")..\(end.map { lastDay($0) } ?? "nil")"
    }

    static func firstDay(_ s: String) -> String {
        let p = s.split(separator: "-")
        switch p.count {
        case 1: return "\(s)-01-01"
        case 2: return "\(s)-01"
        default: return s
        }
    }

    static func lastDay(_ s: String) -> String {
        let p = s.split(separator: "-")
        switch p.count {
        case 1: return "\(s)-12-31"
        case 2:
            guard let y = Int(p[0]), let m = Int(p[1]) else { return s }
            let days = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            return "\(s)-\(days[max(0, min(11, m - 1))])"
        default: return s
        }
    }

    /// The printed table.
    package func table() -> String {
        var lines = ["documents: \(documents)", "lang  type       strict P   R     F1    | span P    R     F1    | gold pred"]
        let keys = strict.keys.sorted { a, b in
            let (la, ta) = split(a), (lb, tb) = split(b)
            return la == lb ? ta < tb : (la == "all" ? false : lb == "all" ? true : la < lb)
        }
        for k in keys {
            let s = strict[k]!, p = span[k]!
            if s.gold == 0 && s.predicted == 0 { continue }
            let (l, t) = split(k)
            lines.append(
                l.padding(toLength: 5, withPad: " ", startingAt: 0) + " " + t.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + String(
                        format: " %.3f  %.3f %.3f | %.3f  %.3f %.3f | %4d %4d", s.precision, s.recall, s.f1, p.precision, p.recall, p.f1,
                        s.gold, s.predicted))
        }
        let o = overall
        lines.append(String(format: "overall strict F1 %.3f (P %.3f R %.3f)", o.f1, o.precision, o.recall))
        lines.append(
            String(
                format: "money qualifier accuracy %.3f (%d/%d), per accuracy %.3f (%d/%d)", qualifier.recall, qualifier.tp, qualifier.gold, per.recall, per.tp,
                per.gold))
        lines.append(
            String(
                format: "facts precision %.3f recall %.3f (%d correct, %d predicted, %d gold)", facts.precision, facts.recall, facts.tp, facts.predicted,
                facts.gold))
        return lines.joined(separator: "\n")
    }

    func split(_ k: String) -> (String, String) {
        let p = k.split(separator: "/")
        return (String(p[0]), String(p[1]))
    }

    /// Strict score over every language and type.
    package var overall: Score {
        var o = Score()
        for (k, s) in strict where k.hasPrefix("all/") { o.add(s) }
        return o
    }

    /// The numbers as JSON (`--json FILE`).
    package func json() -> [UInt8] {
        var w = JSONWriter(pretty: true)
        func score(_ s: Score) {
            w.beginObject()
            w.key("precision"); w.value(.number(String(format: "%.4f", s.precision)))
            w.key("recall"); w.value(.number(String(format: "%.4f", s.recall)))
            w.key("f1"); w.value(.number(String(format: "%.4f", s.f1)))
            w.key("gold"); w.int(s.gold)
            w.key("predicted"); w.int(s.predicted)
            w.endObject()
        }
        w.beginObject()
        w.key("documents"); w.int(documents)
        for (name, table) in [("strict", strict), ("span", span)] {
            w.key(name); w.beginObject()
            for k in table.keys.sorted() where table[k]!.gold > 0 || table[k]!.predicted > 0 {
                w.key(k); score(table[k]!)
            }
            w.endObject()
        }
        w.key("overall_strict"); score(overall)
        w.key("qualifier_accuracy"); w.value(.number(String(format: "%.4f", qualifier.recall)))
        w.key("per_accuracy"); w.value(.number(String(format: "%.4f", per.recall)))
        w.key("facts"); score(facts)
        w.endObject()
        return w.bytes + [0x0A]
    }
}
