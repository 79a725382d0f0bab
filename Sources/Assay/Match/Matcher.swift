/// A rule after compilation: where its instructions start and where its captures go.
struct CompiledRule: Sendable {
    var entry: Int
    /// capture name → slot base (start at base, end at base + 1)
    var slots: [String: Int]
    var captureLexicons: [String: Set<Int>]
}

/// A pattern match before resolution: token indices into the document's tokens.
public struct RawMatch: Sendable {
    /// Index of the rule in the rule set.
    public var rule: Int
    public var start: Int
    public var end: Int
    /// Capture slots (token positions, -1 when unset).
    var slots: [Int]
}

/// The rules to try at a token, by what the token is.
struct Dispatch: Sendable {
    var literal: [UInt64: [Int]] = [:]
    var lexicon: [Int: [Int]] = [:]
    var classes: [TokenClass: [Int]] = [:]
    /// Rules whose start cannot be indexed (they are tried everywhere).
    var always: [Int] = []
}

/// All rules of all languages compiled into one token automaton, with a first-token index per
/// language. Matching a paragraph costs its length times the rules that can start at each token,
/// never rules × text; there is no backtracking.
public struct Matcher: Sendable {
    let code: [Instruction]
    let rules: [CompiledRule]
    let trie: LexiconTrie
    let dispatch: [Language: Dispatch]
    let slotCount: Int

    /// Every match of every rule of `language` (plus common rules) in the tokens `range` of `doc`.
    /// For each rule and start token, the longest match is kept.
    func matches(in doc: TextDocument, tokens range: Range<Int>, language: Language) -> [RawMatch] {
        guard let table = dispatch[language], !range.isEmpty else { return [] }
        var state = MatchState(doc: doc, range: range, trie: trie, codeCount: code.count)
        var out: [RawMatch] = []
        var candidates: [Int] = []
        var seenRule = [Int](repeating: -1, count: rules.count)
        for i in range {
            candidates.removeAll(keepingCapacity: true)
            func add(_ list: [Int]?) {
                guard let list else { return }
                for r in list where seenRule[r] != i {
                    seenRule[r] = i
                    candidates.append(r)
                }
            }
            add(table.literal[doc.keys[i]])
            for m in state.lexiconMatches(at: i) { add(table.lexicon[m.lexicon]) }
            for (cls, list) in table.classes where state.classMatches(cls, at: i) { add(list) }
            add(table.always)
            if candidates.isEmpty { continue }
            candidates.sort()
            run(from: i, rules: candidates, state: &state, into: &out)
        }
        return out
    }

    private struct Thread {
        var pc: Int
        var slots: [Int]
    }

    private func run(from start: Int, rules candidates: [Int], state: inout MatchState, into out: inout [RawMatch]) {
        var best: [Int: RawMatch] = [:]
        // Threads waiting at each token position, in priority order.
        var pending: [Int: [Thread]] = [start: candidates.map { Thread(pc: rules[$0].entry, slots: [Int](repeating: -1, count: slotCount)) }]
        var positions = [start]
        let end = state.range.upperBound
        while let p = positions.first {
            positions.removeFirst()
            guard let threads = pending.removeValue(forKey: p) else { continue }
            state.stamp += 1
            var stack = threads.reversed() as [Thread]
            while var t = stack.popLast() {
                if state.seen[t.pc] == state.stamp { continue }
                state.seen[t.pc] = state.stamp
                switch code[t.pc] {
                case .jump(let a):
                    t.pc = a
                    stack.append(t)
                case .split(let a, let b):
                    var u = t
                    u.pc = b
                    stack.append(u)
                    t.pc = a
                    stack.append(t)
                case .save(let s):
                    t.slots[s] = p
                    t.pc += 1
                    stack.append(t)
                case .glue:
                    if p < end, !state.doc.tokens[p].spaceBefore {
                        t.pc += 1
                        stack.append(t)
                    }
                case .context(let kind, let atom, let slot, let glued):
                    if let hit = state.context(kind, atom, at: p, glued: glued) {
                        if slot >= 0, let r = hit {
                            t.slots[slot] = r.lowerBound
                            t.slots[slot + 1] = r.upperBound
                        }
                        t.pc += 1
                        stack.append(t)
                    }
                case .accept(let rule):
                    if p > start, best[rule].map({ p > $0.end }) ?? true {
                        best[rule] = RawMatch(rule: rule, start: start, end: p, slots: t.slots)
                    }
                case .token(let atom):
                    guard p < end else { continue }
                    var next = t
                    next.pc += 1
                    for e in state.ends(of: atom, at: p) {
                        if pending[e] == nil {
                            pending[e] = [next]
                            let k = positions.firstIndex { $0 > e } ?? positions.count
                            positions.insert(e, at: k)
                        } else {
                            pending[e]!.append(next)
                        }
                    }
                }
            }
        }
        out.append(contentsOf: best.values.sorted { $0.rule < $1.rule })
    }
}

/// Per-paragraph caches for one matching pass.
struct MatchState {
    let doc: TextDocument
    let range: Range<Int>
    let trie: LexiconTrie
    var seen: [Int]
    var stamp = 0
    private var lexicon: [[LexiconMatch]?]

    init(doc: TextDocument, range: Range<Int>, trie: LexiconTrie, codeCount: Int) {
        self.doc = doc
        self.range = range
        self.trie = trie
        seen = [Int](repeating: 0, count: codeCount)
        lexicon = [[LexiconMatch]?](repeating: nil, count: range.count)
    }

    mutating func lexiconMatches(at i: Int) -> [LexiconMatch] {
        let k = i - range.lowerBound
        if let m = lexicon[k] { return m }
        var out: [LexiconMatch] = []
        doc.keys.withUnsafeBufferPointer { trie.matches(keys: $0, start: i, end: range.upperBound, into: &out) }
        lexicon[k] = out
        return out
    }

    func classMatches(_ c: TokenClass, at i: Int) -> Bool {
        let t = doc.tokens[i]
        switch c {
        case .ANY: return true
        case .NUM: return t.kind == .number
        case .INT:
            guard t.kind == .number else { return false }
            let f = doc.text.folded
            for k in t.start..<t.end where f[k] < 0x30 || f[k] > 0x39 { return false }
            return true
        case .YEAR:
            guard t.kind == .number, t.end - t.start == 4 else { return false }
            var v = 0
            for k in t.start..<t.end {
                let c = Int(doc.text.folded[k]) - 0x30
                guard c >= 0 && c <= 9 else { return false }
                v = v * 10 + c
            }
            return v >= 1800 && v <= 2199
        case .CAP: return t.kind == .word && t.capitalized
        case .UPPER: return t.kind == .word && t.allCaps
        case .WORD: return t.kind == .word
        case .LATIN: return t.kind == .word && t.script == .latin
        case .DEVA: return t.kind == .word && t.script == .devanagari
        case .PUNCT: return t.kind == .punct
        }
    }

    mutating func ends(of atom: Atom, at p: Int) -> [Int] {
        switch atom {
        case .literal(let k): return doc.keys[p] == k ? [p + 1] : []
        case .tokenClass(let c): return classMatches(c, at: p) ? [p + 1] : []
        case .lexicon(let id):
            var out: [Int] = []
            for m in lexiconMatches(at: p) where m.lexicon == id && !out.contains(m.end) { out.append(m.end) }
            return out
        }
    }

    /// nil when the assertion fails; otherwise the token range a required context matched (nil for a
    /// forbidding one).
    mutating func context(_ kind: ContextKind, _ atom: Atom, at p: Int, glued: Bool) -> Range<Int>?? {
        // A glued context needs the token at p (the first after the boundary) to touch its neighbour.
        let touching = p > range.lowerBound && p < range.upperBound && !doc.tokens[p].spaceBefore
        if glued && !touching {
            return kind == .forbidLeft || kind == .forbidRight ? .some(nil) : nil
        }
        switch kind {
        case .requireRight, .forbidRight:
            let e = p < range.upperBound ? ends(of: atom, at: p).max() : nil
            if kind == .requireRight { return e.map { .some(p..<$0) } ?? nil }
            return e == nil ? .some(nil) : nil
        case .requireLeft, .forbidLeft:
            var found: Range<Int>? = nil
            let lowest = max(range.lowerBound, p - max(1, trie.maxPhraseLength))
            var s = p - 1
            while s >= lowest {
                if ends(of: atom, at: s).contains(p) { found = s..<p }
                s -= 1
            }
            if kind == .requireLeft { return found.map { .some($0) } ?? nil }
            return found == nil ? .some(nil) : nil
        }
    }
}
