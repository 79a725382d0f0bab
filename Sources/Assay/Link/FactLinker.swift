import Algorithms

/// Links every money entity to its metric, period and factory (DESIGN.md `facts`).
///
/// - metric: the nearest `metric` cue before the figure in its sentence, else the nearest after it
///   in the sentence; `other` when none; `income` for a figure per person unless the cue says salary, price or other.
/// - period: a period right after the figure joined by nothing or by `in`/`trong`-like words, else the
///   nearest period entity in the figure's sentence (`sentence`); else, when the sentence
///   has none and no time words of its own (`last year`, `hằng năm`: a `scope` cue valued `time`),
///   the last period before it in the paragraph (`paragraph`).
/// - factory: the nearest factory in the sentence (`sentence`); else nothing when a `scope` cue says
///   the figure is about a whole group of factories; else, when the sentence refers to a factory
///   without a code (`the factory's revenue`, `doanh thu của nhà máy`, `कारखाने का राजस्व`: a `scope`
///   cue valued `factory`), the document's only factory or its main factory (`document`), else the
///   nearest factory named before the figure in its paragraph (`paragraph`); without such a word,
///   the document's main factory (`document`): the code mentioned most, at least twice and more
///   than twice as often as any other.
package struct FactLinker: Sendable {
    let rules: RuleSet

    package init(rules: RuleSet) { self.rules = rules }

    struct Located {
        var index: Int
        var start: Int
        var end: Int
        var sentence: Int
        var paragraph: Int
    }

    /// Where the document's main factory comes from.
    package enum MainFactory: Sendable {
        /// From `entities`: the whole document is at hand.
        case fromEntities
        /// Decided later by the caller (a document processed in windows): a figure that would take
        /// the main factory gets `factoryBy == .document` and `factory == nil`, for the caller to
        /// fill in (or clear) once every window's entities are known.
        case deferred
    }

    package func facts(_ doc: TextDocument, entities: [Entity], candidates: [Candidate], mainFactory mainFrom: MainFactory = .fromEntities) -> [Fact] {
        let moneyIdx = entities.indices.filter { entities[$0].type == .money }
        guard !moneyIdx.isEmpty else { return [] }
        let sentences = sentenceRanges(doc, figures: moneyIdx.map { entities[$0].start })
        func locate(_ start: Int) -> (Int, Int) {
            // (sentence, paragraph) holding scalar offset `start`
            let k = min(sentences.partitioningIndex { $0.range.upperBound > start }, sentences.count - 1)
            return (k, sentences[k].paragraph)
        }
        func located(_ i: Int, _ s: Int, _ e: Int) -> Located {
            let (sent, par) = locate(s)
            return Located(index: i, start: s, end: e, sentence: sent, paragraph: par)
        }
        let periods = entities.indices.filter { entities[$0].type == .period }.map { located($0, entities[$0].start, entities[$0].end) }
        let factories = entities.indices.filter { entities[$0].type == .factory }.map { located($0, entities[$0].start, entities[$0].end) }
        var metrics: [(Located, String)] = []
        var scopes: [Located] = []
        var times: [Located] = []
        var references: [Located] = []
        for c in candidates where c.status == .kept && !c.emits {
            let r = doc.scalarRange(c.range)
            let l = located(-1, r.lowerBound, r.upperBound)
            // A neutral cue ("-") only keeps a shorter cue from matching inside it.
            if c.type == "metric", let v = c.value?["value"], v != "-" { metrics.append((l, v)) }
            guard c.type == "scope" else { continue }
            switch c.value?["value"] {
            case "time": times.append(l)
            case "factory":
                // `Nhà máy` inside `Nhà máy Z131` is the factory itself, not a reference back to it.
                if !Self.overlapsAny(l, factories) { references.append(l) }
            default: scopes.append(l)
            }
        }
        let deferred = mainFrom == .deferred
        let periodsBySentence = Dictionary(grouping: periods, by: { $0.sentence }).mapValues(Nearby.init)
        let factoriesBySentence = Dictionary(grouping: factories, by: { $0.sentence }).mapValues(Nearby.init)
        let metricsBySentence = Dictionary(grouping: metrics, by: \.0.sentence).mapValues { Nearby($0.map(\.0), labels: $0.map(\.1)) }
        let scopeSentences = Set(scopes.map { $0.sentence })
        let timeSentences = Set(times.map { $0.sentence })
        let referenceSentences = Set(references.map { $0.sentence })
        // One tally of the factory mentions gives both the main factory and the one `the factory` means.
        var tally = FactoryTally()
        for f in factories { tally.add(entities[f.index], at: f.index) }
        let main = deferred ? nil : tally.main
        let referenced = deferred ? nil : tally.referenced
        return moneyIdx.map { i in
            let m = located(i, entities[i].start, entities[i].end)
            let v = entities[i].value
            // The money resolver writes only these values (it rejects a rule's unknown qualifier or unit).
            let per = v["per"].flatMap(PerUnit.init(rawValue:))
            var fact = Fact(
                metric: metric(m, metricsBySentence[m.sentence], per: per, gap: { doc.source.scalarSlice($0..<$1) }), money: i, period: nil, factory: nil,
                qualifier: v["qualifier"].flatMap(Qualifier.init(rawValue:)),
                per: per, periodBy: nil, factoryBy: nil)
            let samePeriods = periodsBySentence[m.sentence]
            if let p = samePeriods?.attached(after: m, gap: { doc.source.scalarSlice($0..<$1) })
                ?? samePeriods?.nearest(to: m, gap: { doc.source.scalarSlice($0..<$1) })
            {
                fact.period = p.index
                fact.periodBy = .sentence
            } else if !timeSentences.contains(m.sentence), let p = lastPeriod(before: m, in: periods) {
                fact.period = p.index
                fact.periodBy = .paragraph
            }
            if let f = factoriesBySentence[m.sentence]?.nearest(to: m, gap: { doc.source.scalarSlice($0..<$1) }) {
                fact.factory = f.index
                fact.factoryBy = .sentence
            } else if scopeSentences.contains(m.sentence) {
                // A figure for a whole group of factories links to none.
            } else if referenceSentences.contains(m.sentence) {
                fact.byReference = true
                let earlier = tally.codeCount >= 2 ? lastFactory(before: m, in: factories) : nil
                if let referenced {
                    fact.factory = referenced
                    fact.factoryBy = .document
                } else if deferred {
                    // The caller decides once the whole document is known; the earlier mention in
                    // the paragraph waits in `factory` as the fallback.
                    fact.factory = earlier?.index
                    fact.factoryBy = .document
                } else if let earlier {
                    fact.factory = earlier.index
                    fact.factoryBy = .paragraph
                }
            } else if let main {
                fact.factory = main
                fact.factoryBy = .document
            } else if deferred {
                fact.factoryBy = .document
            }
            return fact
        }
    }

    /// Whether `l` overlaps one of `items` (sorted by start, not overlapping one another, so their
    /// ends are sorted too): only the last one starting before `l` ends can.
    static func overlapsAny(_ l: Located, _ items: [Located]) -> Bool {
        let k = items.partitioningIndex { $0.start >= l.end }
        return k > 0 && items[k - 1].end > l.start
    }

    /// The last factory mention that ends before the figure in its paragraph (mentions in document order).
    func lastFactory(before m: Located, in factories: [Located]) -> Located? { lastPeriod(before: m, in: factories) }

    /// The last period that ends before the figure in its paragraph (periods are in document order).
    func lastPeriod(before m: Located, in periods: [Located]) -> Located? {
        var k = periods.partitioningIndex { $0.end > m.start } - 1
        while k >= 0, periods[k].end > m.start { k -= 1 }
        guard k >= 0, periods[k].paragraph == m.paragraph else { return nil }
        return periods[k]
    }

    func metric(_ m: Located, _ same: Nearby?, per: PerUnit?, gap: (Int, Int) -> String) -> String {
        let found = same?.cue(for: m, gap: gap)
        // A figure per person is income unless a cue says it is pay, a price or something else
        // per head (a bonus: a cue valued `other`); a revenue or profit cue before it in the
        // sentence usually belongs to another figure.
        if let per, per.isPerPerson, !["salary", "price", "other"].contains(found ?? "") { return "income" }
        return found ?? "other"
    }

    /// The entity index of the first mention of the document's main factory, if there is one.
    package func mainFactory(_ entities: [Entity]) -> Int? {
        var tally = FactoryTally()
        for (i, e) in entities.enumerated() where e.type == .factory { tally.add(e, at: i) }
        return tally.main
    }

    /// Sentence ranges in scalar offsets, with their paragraph, in document order.
    /// Only paragraphs holding a figure (`figures`: their scalar starts, ascending) are split: in the
    /// others nothing is ever compared by sentence, and ICU's sentence breaker is a linking stage's
    /// largest cost.
    func sentenceRanges(_ doc: TextDocument, figures: [Int]) -> [(range: Range<Int>, paragraph: Int)] {
        var out: [(Range<Int>, Int)] = []
        for (k, p) in doc.paragraphs.enumerated() {
            let whole = doc.scalarRange(p.range)
            let first = figures.partitioningIndex { $0 >= whole.lowerBound }
            guard first < figures.count, figures[first] < whole.upperBound else {
                out.append((whole, k))
                continue
            }
            for s in Sentences.split(doc, range: p.range, language: p.language) {
                out.append((doc.scalarRange(s), k))
            }
        }
        if out.isEmpty { out.append((0..<Int.max, 0)) }
        return out
    }
}

/// Mentions of each factory code in a document, for choosing its main factory; filled entity by
/// entity, so a document processed in windows needs no list of all its entities.
package struct FactoryTally: Sendable {
    var counts: [String: Int] = [:]
    var first: [String: Int] = [:]

    package init() {}

    /// Counts a factory entity whose index in the document's entities is `index`.
    package mutating func add(_ e: Entity, at index: Int) {
        guard e.type == .factory, let code = e.value["code"] else { return }
        counts[code, default: 0] += 1
        if first[code] == nil { first[code] = index }
    }

    /// How many different codes are named.
    package var codeCount: Int { counts.count }

    /// The factory a sentence that says `the factory` without a code refers to: the only code the
    /// document names (even once), else the main factory.
    package var referenced: Int? {
        if counts.count == 1, let only = counts.first { return first[only.key] }
        return main
    }

    /// The entity index of the first mention of the main factory: the code mentioned most, at
    /// least twice and more than twice as often as any other.
    package var main: Int? {
        let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        guard let top = ranked.first, top.value >= 2 else { return nil }
        if ranked.count > 1, ranked[1].value * 2 >= top.value { return nil }
        return first[top.key]
    }
}

/// The entities (or cues) of one sentence, indexed by end and by start, so finding the one nearest
/// a figure costs a binary search instead of a scan: a document on one line with no sentence break
/// is one sentence holding every entity, and scanning it for every figure was quadratic.
///
/// Every answer is the one a scan in list order gives, ties included: the first of the list among
/// equally good items. Items never overlap the figure (overlaps are settled before linking).
struct Nearby {
    let items: [FactLinker.Located]
    /// A label per item (a cue's metric), or empty.
    let labels: [String]
    /// Item indices sorted by (end, index) and by (start, index).
    let byEnd: [Int]
    let byStart: [Int]

    init(_ items: [FactLinker.Located]) { self.init(items, labels: []) }

    init(_ items: [FactLinker.Located], labels: [String]) {
        self.items = items
        self.labels = labels
        byEnd = items.indices.sorted { (items[$0].end, $0) < (items[$1].end, $1) }
        byStart = items.indices.sorted { (items[$0].start, $0) < (items[$1].start, $1) }
    }

    /// The nearest item, preferring one before the figure at equal distance, then the first listed
    /// (what `min` over the list by distance gives; a figure after counts its gap twice, plus one).
    /// With `gap` (the source text between two offsets), one after the figure past a clause break
    /// (`, ; : (`) loses to any before it: `In 2022, revenue was VND 900 billion, in 2023 …`.
    func nearest(to m: FactLinker.Located, gap: ((Int, Int) -> String)? = nil) -> FactLinker.Located? {
        let before = lastEnding(atOrBefore: m.start), after = firstStarting(atOrAfter: m.end)
        guard let b = before else { return after.map { items[$0] } }
        guard let a = after else { return items[b] }
        if let gap, gap(m.end, items[a].start).contains(where: { ",;:(".contains($0) }) { return items[b] }
        let db = m.start - items[b].end, da = (items[a].start - m.end) * 2 + 1
        if db != da { return items[db < da ? b : a] }
        return items[min(a, b)]
    }

    /// How far (in characters) a cue after the figure may stand: `… VND 150 billion per year to revenue`.
    static let afterReach = 30

    /// The metric of the nearest cue before the figure, else of the nearest after it when that one is
    /// close and in the same clause (no `;` `:` `(` between): a cue after a clause break introduces
    /// the next figure. `gap` gives the source text between two scalar offsets.
    func cue(for m: FactLinker.Located, gap: (Int, Int) -> String) -> String? {
        if let b = lastEnding(atOrBefore: m.start) { return labels[b] }
        guard let a = firstStarting(atOrAfter: m.end) else { return nil }
        let after = items[a]
        guard after.start - m.end <= Self.afterReach, !gap(m.end, after.start).contains(where: { ";:(".contains($0) }) else { return nil }
        return labels[a]
    }

    /// The first listed item among those with the largest end at or before `limit`.
    func lastEnding(atOrBefore limit: Int) -> Int? {
        let k = byEnd.partitioningIndex { items[$0].end > limit }
        guard k > 0 else { return nil }
        let end = items[byEnd[k - 1]].end
        return byEnd[byEnd.partitioningIndex { items[$0].end >= end }]
    }

    /// Words that tie a period written right after a figure to it (`VND 850 billion in 2019`,
    /// `900 tỷ đồng trong năm 2022`); nothing at all (`900 tỷ đồng năm 2022`) ties it too.
    static let attachingWords: Set<String> = ["", "in", "during", "for", "over", "trong", "vào", "suốt"]

    /// The item right after the figure when only an attaching word stands between (no punctuation):
    /// it belongs to this figure even when another is as near before it (`from VND 850 billion in
    /// 2019 to VND 1,100 billion in 2022`).
    func attached(after m: FactLinker.Located, gap: (Int, Int) -> String) -> FactLinker.Located? {
        guard let a = firstStarting(atOrAfter: m.end), items[a].start - m.end <= 12 else { return nil }
        let between = gap(m.end, items[a].start)
        guard between.allSatisfy({ $0.isLetter || $0 == " " }) else { return nil }
        let words = between.lowercased().split(separator: " ").joined(separator: " ")
        return Self.attachingWords.contains(words) ? items[a] : nil
    }

    /// The first listed item among those with the smallest start at or after `limit`.
    func firstStarting(atOrAfter limit: Int) -> Int? {
        let k = byStart.partitioningIndex { items[$0].start >= limit }
        return k < byStart.count ? byStart[k] : nil
    }
}
