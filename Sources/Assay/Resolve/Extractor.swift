import ICUKit

/// A match after resolution, as `assay explain` shows it.
package struct Candidate: Sendable {
    /// What happened to a candidate.
    package enum Status: Sendable, Equatable {
        case kept
        case rejected(String)
        /// Lost an overlap to the candidate at this index.
        case lostOverlap(to: Int)
    }

    package var rule: Int
    package var ruleID: String
    package var type: String
    package var language: Language
    /// Token range in the document.
    package var tokens: Range<Int>
    /// Normalized UTF-16 range.
    package var range: Range<Int>
    package var value: EntityValue?
    package var status: Status
    /// The type of the entity a kept candidate becomes; nil for an internal cue.
    package var entityType: EntityType?
    /// Whether a kept candidate becomes an entity (internal cues do not).
    package var emits: Bool { entityType != nil }
    /// For a rejected candidate, the W2xx warning its resolver gave (the record reports it unless
    /// an entity overlaps it).
    package var warning: ContentWarning? = nil
}

/// Runs the compiled rules over a document and settles the results: match → resolve → overlap.
package struct Extractor: Sendable {
    package let rules: RuleSet
    /// Per rule, what resolving its matches needs, looked up once instead of per match.
    let plans: [RulePlan]

    /// A rule's captures with their slots and lexicons, its resolver and whether it emits.
    struct RulePlan: Sendable {
        var captures: [(name: String, base: Int, lexicons: Set<Int>?)]
        /// The names of `captures`, in their order (shared by every match's ``ResolverInput``).
        var captureNames: [String]
        var resolver: (any Resolver)?
        var entityType: EntityType?
        /// Whether its matches, though internal, compete with entities (a law's name shields its year).
        var shields: Bool
        /// The overlap layer of its candidates: 0 for emitted and shielding types, one more for
        /// each other internal type (``settleOverlaps(_:paragraphLanguage:)``).
        var layer: Int
    }

    /// The number of overlap layers (``RulePlan/layer``).
    let layerCount: Int

    package init(rules: RuleSet) {
        self.rules = rules
        // Internal types that are not shields each settle among themselves, in a layer of their own.
        let ownLayers = Set(
            rules.rules.map(\.dimension).filter { rules.resolvers.entityType($0) == nil && !rules.resolvers.shields($0) }
        ).sorted()
        layerCount = ownLayers.count + 1
        plans = zip(rules.rules, rules.matcher.rules).map { rule, compiled in
            let captures = compiled.slots.map { ($0.key, $0.value, compiled.captureLexicons[$0.key]) }
            return RulePlan(
                captures: captures, captureNames: captures.map(\.0),
                resolver: rules.resolvers.resolver(for: rule.dimension), entityType: rules.resolvers.entityType(rule.dimension),
                shields: rules.resolvers.shields(rule.dimension), layer: ownLayers.firstIndex(of: rule.dimension).map { $0 + 1 } ?? 0)
        }
    }

    /// Every candidate of every paragraph, with its status.
    package func candidates(_ doc: TextDocument) -> [Candidate] {
        resolve(matches(doc), doc: doc)
    }

    /// The raw matches of each paragraph (the match stage).
    package func matches(_ doc: TextDocument) -> [[RawMatch]] {
        let scratch = MatchScratch(rules.matcher)
        let matcher = rules.matcher
        return doc.paragraphs.map { p in
            var found = matcher.matches(in: doc, tokens: p.tokens, language: p.language, scratch: scratch)
            // Forms of another language run only where a token of that language occurs.
            for other in matcher.foreignLanguages(in: doc, tokens: p.tokens, language: p.language) {
                found += matcher.matches(in: doc, tokens: p.tokens, language: other, foreign: true, scratch: scratch)
            }
            return found
        }
    }

    /// Resolves raw matches and settles overlaps per paragraph (the resolve stage).
    package func resolve(_ matches: [[RawMatch]], doc: TextDocument) -> [Candidate] {
        var out: [Candidate] = []
        let box = DocumentBox(doc)
        for (p, ms) in zip(doc.paragraphs, matches) where !ms.isEmpty {
            // (A paragraph with no match, most of an article's, has no candidate: nothing to settle.)
            var local: [Candidate] = []
            // A match usually gives one candidate: reserving spares a 50 MB paragraph's array its
            // regrowth copies.
            local.reserveCapacity(ms.count)
            for m in ms {
                resolve(m, doc: doc, box: box, language: p.language, into: &local)
            }
            settleOverlaps(&local, paragraphLanguage: p.language)
            let base = out.count
            if base > 0 {
                for i in local.indices {
                    if case .lostOverlap(let k) = local[i].status { local[i].status = .lostOverlap(to: k + base) }
                }
            }
            // The first paragraph's array becomes the output as is: one paragraph can be a whole
            // 50 MB document, and copying its candidates doubled the peak.
            if out.isEmpty { out = local } else { out.append(contentsOf: local) }
        }
        return out
    }

    /// The kept, emitted entities of a document, sorted by start.
    package func entities(_ doc: TextDocument) -> [Entity] {
        entities(doc, from: candidates(doc))
    }

    /// The entities among already computed candidates.
    package func entities(_ doc: TextDocument, from candidates: [Candidate]) -> [Entity] {
        var out: [Entity] = []
        out.reserveCapacity(candidates.count)
        for i in candidates.indices {
            guard candidates[i].status == .kept, let type = candidates[i].entityType else { continue }
            let c = candidates[i]
            let o = doc.originalRange(c.range)
            out.append(
                Entity(
                    type: type, text: doc.source.string(o), start: doc.source.scalarOffset(o.lowerBound),
                    end: doc.source.scalarOffset(o.upperBound), language: c.language, rule: c.ruleID,
                    value: c.value ?? EntityValue([])))
        }
        return out.sorted { a, b in
            // (start, end, type) in order; the type by its raw value, through its rank.
            if a.start != b.start { return a.start < b.start }
            if a.end != b.end { return a.end < b.end }
            return a.type.rank < b.type.rank
        }
    }

    /// The W2xx diagnostics of a document's candidates, sorted by start: one per rejected candidate
    /// whose resolver gave a warning, unless a kept entity (or a shielding title) overlaps it — it
    /// then lost to what the text does say — or another warned span of the same code contains it
    /// (two rules rejecting one figure warn once). At most ``ContentWarning/perDocument``.
    package func contentWarnings(_ doc: TextDocument, from candidates: [Candidate]) -> [Diagnostic] {
        let warned = candidates.indices.filter { candidates[$0].warning != nil }
        guard !warned.isEmpty else { return [] }
        let kept = candidates.filter { $0.status == .kept && ($0.emits || plans[$0.rule].shields) }.map(\.tokens)
        var spans: [(tokens: Range<Int>, index: Int)] = []
        for i in warned {
            let t = candidates[i].tokens
            if kept.contains(where: { $0.overlaps(t) }) { continue }
            spans.append((t, i))
        }
        // Longest first, so a span inside an already warned one of the same code is skipped.
        spans.sort { a, b in
            a.tokens.count != b.tokens.count ? a.tokens.count > b.tokens.count : a.tokens.lowerBound < b.tokens.lowerBound
        }
        var chosen: [(tokens: Range<Int>, index: Int)] = []
        for s in spans {
            let code = candidates[s.index].warning
            if chosen.contains(where: { candidates[$0.index].warning == code && $0.tokens.clamped(to: s.tokens) == s.tokens }) { continue }
            chosen.append(s)
        }
        chosen.sort { $0.tokens.lowerBound != $1.tokens.lowerBound ? $0.tokens.lowerBound < $1.tokens.lowerBound : $0.tokens.count > $1.tokens.count }
        return chosen.prefix(ContentWarning.perDocument).map { s in
            let c = candidates[s.index]
            let o = doc.originalRange(c.range)
            var why = ""
            if case .rejected(let reason) = c.status { why = reason }
            return Diagnostic(
                code: c.warning!.code, message: "\(c.type) \(doc.source.string(o).debugDescription) not extracted (\(c.ruleID)): \(why)",
                start: doc.source.scalarOffset(o.lowerBound), end: doc.source.scalarOffset(o.upperBound))
        }
    }

    func resolve(_ m: RawMatch, doc: TextDocument, language: Language) -> [Candidate] {
        var out: [Candidate] = []
        resolve(m, doc: doc, box: DocumentBox(doc), language: language, into: &out)
        return out
    }

    /// Appends the candidates of one match (one, or one per part of a split) to `out`.
    func resolve(_ m: RawMatch, doc: TextDocument, box: DocumentBox, language: Language, into out: inout [Candidate]) {
        let rule = rules.rules[m.rule]
        // A form of another language (a rule of another language run in this paragraph) is read
        // by its own language's conventions: `VND 1,500 billion` in Vietnamese text is 1.5 × 10¹².
        let formLanguage = rule.language ?? language
        var values: [Capture?] = []
        // The plan's fields read in place (copying the plan retained each of them per match).
        values.reserveCapacity(plans[m.rule].captures.count)
        for (_, base, lexicons) in plans[m.rule].captures {
            let s = m.slots[base], e = m.slots[base + 1]
            guard s >= 0, e > s else {
                values.append(nil)
                continue
            }
            let range = doc.tokens[s].start..<doc.tokens[e - 1].end
            var lexValue: String? = nil
            if let lexicons {
                lexValue = rules.matcher.lexiconValue(keys: doc.keys[s..<e], lexicons: lexicons)
            }
            values.append(Capture(tokens: s..<e, units: doc.text.units, folded: doc.text.folded, range: range, lexiconValue: lexValue))
        }
        let input = ResolverInput(
            rule: rule, language: formLanguage, tokens: m.start..<m.end, names: plans[m.rule].captureNames, values: values, document: box)
        let resolution = plans[m.rule].resolver?.resolve(input) ?? .reject("no resolver")
        let range = doc.tokens[m.start].start..<doc.tokens[m.end - 1].end
        var c = Candidate(
            rule: m.rule, ruleID: rule.id, type: rule.dimension, language: formLanguage, tokens: m.start..<m.end, range: range,
            value: nil, status: .kept, entityType: plans[m.rule].entityType)
        switch resolution {
        case .accept(let v): c.value = v
        case .reject(let why, let warning):
            c.status = .rejected(why)
            c.warning = warning
        case .split(let parts):
            var pieces: [Candidate] = []
            for part in parts {
                guard let cap = input[part.capture] else {
                    c.status = .rejected("split part '\(part.capture)' was not captured")
                    out.append(c)
                    return
                }
                var pc = c
                pc.tokens = cap.tokens
                pc.range = doc.tokens[cap.tokens.lowerBound].start..<doc.tokens[cap.tokens.upperBound - 1].end
                pc.value = part.value
                pieces.append(pc)
            }
            out.append(contentsOf: pieces)
            return
        }
        out.append(c)
    }

    /// A form of another language that a reading of the paragraph's own language (or a common rule)
    /// already covers, at least as long, loses even when that reading was rejected: `VND 17,6 billion`
    /// in English text is a misprint to English rules, not a Vietnamese `VND 17,6`. Forms with tokens
    /// of their own (`1.500 tỷ đồng`, `VND240 billion` in Vietnamese text) are read by their language.
    func yieldToOwnReadings(_ cands: inout [Candidate], foreign: [Bool]) {
        var covering: [String: [Int: Int]] = [:]  // type → token → the longest own candidate over it
        for (i, c) in cands.enumerated() where !foreign[i] && c.emits {
            guard case .rejected = c.status else { continue }
            for t in c.tokens {
                if let k = covering[c.type]?[t], cands[k].range.count >= c.range.count { continue }
                covering[c.type, default: [:]][t] = i
            }
        }
        guard !covering.isEmpty else { return }
        for i in cands.indices where foreign[i] && cands[i].status == .kept {
            guard let byToken = covering[cands[i].type] else { continue }
            for t in cands[i].tokens {
                if let k = byToken[t], cands[k].range.count >= cands[i].range.count {
                    cands[i].status = .rejected("a reading of the paragraph's language covers it: \(cands[k].ruleID)")
                    break
                }
            }
        }
    }

    /// The overlap policy, `longest-then-priority`: among overlapping kept candidates the longest span
    /// wins, then the higher rule priority, then a rule of the paragraph's own language (or a common
    /// rule) over another language's, then the earlier rule. Emitted types compete with each
    /// other and with shielding internal types (`title`); other internal cues only with their own type.
    func settleOverlaps(_ cands: inout [Candidate], paragraphLanguage: Language? = nil) {
        guard !cands.isEmpty else { return }
        // The sort keys and layer of every candidate, read once into one array: the comparator then
        // touches plain integers instead of copying candidates (with their strings). The layer is
        // the rule's (``RulePlan/layer``): a candidate's type and emission are its rule's.
        struct Key {
            var count: Int
            var priority: Int
            var rule: Int
            var foreign: Bool
            var lower: Int
            var layer: Int
        }
        var keys: [Key] = []
        keys.reserveCapacity(cands.count)
        var anyForeign = false
        var base = Int.max, top = Int.min
        for i in cands.indices {
            let r = cands[i].rule
            let rule = rules.rules[r]
            var foreign = false
            if let own = rule.language, let paragraphLanguage { foreign = own != paragraphLanguage }
            anyForeign = anyForeign || foreign
            let range = cands[i].range, tokens = cands[i].tokens
            keys.append(Key(count: range.count, priority: rule.priority, rule: r, foreign: foreign, lower: range.lowerBound, layer: plans[r].layer))
            base = min(base, tokens.lowerBound)
            top = max(top, tokens.upperBound)
        }
        if anyForeign { yieldToOwnReadings(&cands, foreign: keys.map(\.foreign)) }
        let order = cands.indices.filter { cands[$0].status == .kept }.sorted { a, b in
            let x = keys[a], y = keys[b]
            if x.count != y.count { return x.count > y.count }
            if x.priority != y.priority { return x.priority > y.priority }
            if x.foreign != y.foreign { return !x.foreign }
            if x.rule != y.rule { return x.rule < y.rule }
            return x.lower < y.lower
        }
        // Owner of each token per layer: a candidate overlaps another exactly when they share a token.
        var owners = [[Int32]](repeating: [], count: layerCount)
        for i in order {
            let l = keys[i].layer
            if owners[l].isEmpty { owners[l] = [Int32](repeating: -1, count: top - base) }
            let tokens = cands[i].tokens
            if let t = tokens.first(where: { owners[l][$0 - base] >= 0 }) {
                cands[i].status = .lostOverlap(to: Int(owners[l][t - base]))
            } else {
                for t in tokens { owners[l][t - base] = Int32(i) }
            }
        }
    }
}
