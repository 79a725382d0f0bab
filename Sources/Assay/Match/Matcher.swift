/// A rule after compilation: where its instructions start and where its captures go.
struct CompiledRule: Sendable {
    var entry: Int
    /// capture name → slot base (start at base, end at base + 1)
    var slots: [String: Int]
    var captureLexicons: [String: Set<Int>]
}

/// A pattern match before resolution: token indices into the document's tokens.
package struct RawMatch: Sendable {
    /// Index of the rule in the rule set.
    package var rule: Int
    package var start: Int
    package var end: Int
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
///
/// The automaton runs as a Pike VM from each start token. Its hot loop allocates nothing: threads
/// are two integers (program counter, capture log entry), captures are an append-only log shared by
/// the threads that descend from one another, pending threads wait in a ring of token positions,
/// and all buffers live in a ``MatchScratch`` reused across start tokens and paragraphs.
package struct Matcher: Sendable {
    let code: [Instruction]
    let rules: [CompiledRule]
    let trie: LexiconTrie
    let dispatch: [Language: Dispatch]
    let slotCount: Int

    /// `code` as plain structs, and the trie and dispatch as flat tables (what matching reads).
    let ops: [FlatOp]
    let flatTrie: FlatTrie
    /// Flat dispatch by `Language.allCases` index: the language's rules and common rules.
    let flatDispatch: [FlatDispatch?]
    /// Flat dispatch by `Language.allCases` index: the language's rules that run in paragraphs of
    /// other languages holding its tokens (all but officers).
    let flatForeign: [FlatDispatch?]
    /// By paragraph language index: token key → a bit per language whose rules that token calls in.
    let triggers: [KeyTable?]
    /// The most tokens one token instruction consumes (the longest lexicon phrase, at least 1).
    let maxAdvance: Int
    /// Per rule: its entry instruction, and its slot count (two per capture, at least 2).
    let entries: [Int32]
    let slotCounts: [Int]

    /// Start tokens per window of a paragraph: the per-token caches hold one window (plus
    /// ``lookahead`` tokens after it and ``maxAdvance`` before it), so a paragraph of any length
    /// (a 50 MB file on one line) matches in bounded memory. A match that runs past the cached
    /// tokens is still found exactly: tokens outside the cache are read directly, only slower.
    static let window = 4096
    /// Tokens cached after a window, for matches that start near its end.
    static let lookahead = 512
    /// The most tokens one match spans. A run from one start token stops here, so the work per
    /// start token is at most this many positions times the instructions of the rules (each
    /// instruction runs at most once per position): matching stays linear in the paragraph even
    /// for `CAP+` over a paragraph of capitalized words (rules/README.md, "The cost of matching").
    static let maxMatchTokens = 64

    init(
        code: [Instruction], rules: [CompiledRule], trie: LexiconTrie, dispatch: [Language: Dispatch],
        foreignDispatch: [Language: Dispatch] = [:], triggers: [Language: [UInt64: Int32]] = [:], slotCount: Int
    ) {
        self.code = code
        self.rules = rules
        self.trie = trie
        self.dispatch = dispatch
        self.slotCount = slotCount
        ops = code.map(FlatOp.init)
        flatTrie = FlatTrie(trie)
        var lexicons = 0
        for node in trie.nodes { for t in node.terminals { lexicons = max(lexicons, t.lexicon + 1) } }
        for d in dispatch.values { for id in d.lexicon.keys { lexicons = max(lexicons, id + 1) } }
        let count = lexicons
        flatDispatch = Language.allCases.map { lang in dispatch[lang].map { FlatDispatch($0, lexiconCount: count, trie: trie) } }
        flatForeign = Language.allCases.map { lang in foreignDispatch[lang].map { FlatDispatch($0, lexiconCount: count, trie: trie) } }
        self.triggers = Language.allCases.map { lang in
            triggers[lang].map { t in
                var table = KeyTable(capacity: t.count)
                for (k, v) in t { table.insert(k, value: v) }
                return table
            }
        }
        maxAdvance = max(1, trie.maxPhraseLength)
        entries = rules.map { Int32($0.entry) }
        slotCounts = rules.map { max(2, $0.slots.count * 2) }
    }

    /// ``LexiconTrie/value(keys:lexicons:)`` walking the flat trie (same nodes, same order).
    func lexiconValue(keys: ArraySlice<UInt64>, lexicons: Set<Int>) -> String? {
        guard let n = flatTrie.node(keys) else { return nil }
        return trie.nodes[n].terminals.first { lexicons.contains($0.lexicon) }?.value
    }

    /// Every match of every rule of `language` (plus common rules) in the tokens `range` of `doc`.
    /// For each rule and start token, the longest match is kept.
    func matches(in doc: TextDocument, tokens range: Range<Int>, language: Language) -> [RawMatch] {
        matches(in: doc, tokens: range, language: language, scratch: MatchScratch(self))
    }

    /// The other languages whose rules run in the paragraph `range` of `language`: those with a
    /// token in it that only their rules read (``RuleLoader/foreignTriggers()``), in
    /// `Language.allCases` order.
    func foreignLanguages(in doc: TextDocument, tokens range: Range<Int>, language: Language) -> [Language] {
        guard let table = triggers[Language.allCases.firstIndex(of: language)!] else { return [] }
        var mask: Int32 = 0
        for i in range {
            let v = table.find(doc.keys[i])
            if v > 0 { mask |= v }
        }
        guard mask != 0 else { return [] }
        return Language.allCases.enumerated().filter { mask & (1 << Int32($0.offset)) != 0 }.map(\.element)
    }

    /// Whether a rule of `language` (its rules run in another language's paragraph, with `foreign`)
    /// can start at a token of `range`: false means the paragraph has no match of them (see
    /// ``FlatDispatch/mayStart(at:keys:mask:end:trie:)``), and ``matches(in:tokens:language:foreign:scratch:skipping:)``
    /// skips it.
    func mayStart(in doc: TextDocument, tokens range: Range<Int>, language: Language, foreign: Bool = false) -> Bool {
        let index = Language.allCases.firstIndex(of: language)!
        guard let table = foreign ? flatForeign[index] : flatDispatch[index] else { return false }
        return doc.keys.withUnsafeBufferPointer { keys in
            doc.text.folded.withUnsafeBufferPointer { folded in
                doc.tokens.withUnsafeBufferPointer { tokens in
                    Self.mayStart(table, range, keys: keys, tokens: tokens, folded: folded, trie: flatTrie)
                }
            }
        }
    }

    /// Whether a rule of `table` can start at a token of `range`.
    @inline(__always)
    static func mayStart(
        _ table: FlatDispatch, _ range: Range<Int>, keys: UnsafeBufferPointer<UInt64>, tokens: UnsafeBufferPointer<Token>,
        folded: UnsafeBufferPointer<UInt16>, trie: FlatTrie
    ) -> Bool {
        range.contains {
            table.mayStart(at: $0, keys: keys, mask: TokenClassMask.of(tokens[$0], folded: folded), end: range.upperBound, trie: trie)
        }
    }

    /// As ``matches(in:tokens:language:)``, reusing `scratch`'s buffers (one scratch per document).
    /// With `foreign`, the rules of `language` that run in another language's paragraph instead.
    /// Not inlined into its callers: compiled on its own, the VM's step and token-cache walks inline
    /// into it (inlined into a caller that calls it twice, they did not, and matching was 10% slower).
    @inline(never)
    func matches(
        in doc: TextDocument, tokens range: Range<Int>, language: Language, foreign: Bool = false, scratch: MatchScratch,
        skipping: Bool = true
    ) -> [RawMatch] {
        let index = Language.allCases.firstIndex(of: language)!
        guard let table = foreign ? flatForeign[index] : flatDispatch[index], !range.isEmpty else { return [] }
        var out: [RawMatch] = []
        // The buffers as locals: the loops below then never access class storage.
        var cache = scratch.cache
        var candidates = scratch.candidates
        var vm = scratch.vm
        defer {
            scratch.cache = cache
            scratch.candidates = candidates
            scratch.vm = vm
        }
        doc.keys.withUnsafeBufferPointer { keys in
            doc.text.folded.withUnsafeBufferPointer { folded in
                doc.tokens.withUnsafeBufferPointer { tokens in
                    ops.withUnsafeBufferPointer { ops in
                        let text = DocumentView(keys: keys, folded: folded, tokens: tokens, range: range)
                        // A paragraph none of whose tokens can start a rule (no digit, no literal or
                        // lexicon word a rule starts with) has no match: nothing is cached or run.
                        // (`skipping` false only for the test that checks the skip loses nothing.)
                        guard !skipping || Self.mayStart(table, range, keys: keys, tokens: tokens, folded: folded, trie: flatTrie) else { return }
                        var w = range.lowerBound
                        while w < range.upperBound {
                            let wEnd = min(range.upperBound, w + Self.window)
                            let cached = max(range.lowerBound, w - maxAdvance)..<min(range.upperBound, wEnd + Self.lookahead)
                            cache.fill(text, trie: flatTrie, maxAdvance: maxAdvance, tokens: cached)
                            for i in w..<wEnd {
                                guard gather(at: i, table: table, text: text, cache: cache, into: &candidates) else { continue }
                                run(from: i, rules: candidates.rules, ops: ops, text: text, cache: &cache, vm: &vm, into: &out)
                            }
                            w = wEnd
                        }
                    }
                }
            }
        }
        return out
    }

    /// Gathers the rules that can start at token `i`, in rule order; false when there are none.
    @inline(__always)
    private func gather(at i: Int, table: FlatDispatch, text: DocumentView, cache: TokenCache, into c: inout CandidateRules) -> Bool {
        c.begin()
        let byMask = table.byMask[Int(cache.classMask(at: i, text))]
        let lit = table.literal.find(text.keys[i])
        var lexicons = false
        cache.forEachLexicon(at: i, text, flatTrie) { lex, _ in lexicons = lexicons || table.lexicon[Int(lex)] >= 0 }
        // Most tokens start no literal and no lexicon phrase: their candidates are the class list
        // as it is, already deduplicated and in rule order.
        if lit < 0 && !lexicons {
            if byMask < 0 { return false }
            c.add(table.lists, byMask)
            return true
        }
        if lit >= 0 { c.add(table.lists, lit) }
        cache.forEachLexicon(at: i, text, flatTrie) { lex, _ in
            let list = table.lexicon[Int(lex)]
            if list >= 0 { c.add(table.lists, list) }
        }
        if byMask >= 0 { c.add(table.lists, byMask) }
        c.sort()
        return true
    }

    /// Runs `candidates` from `start`; appends each rule's longest match, in rule order.
    private func run(
        from start: Int, rules candidates: RawList<Int32>, ops: UnsafeBufferPointer<FlatOp>, text: DocumentView,
        cache: inout TokenCache, vm: inout VMState, into out: inout [RawMatch]
    ) {
        let ring = maxAdvance + 1
        vm.beginRun()
        let first = start % ring
        for k in 0..<candidates.count { vm.ring.base[first].append(VMThread(pc: entries[Int(candidates[k])], cap: -1)) }
        var pending = candidates.count
        var p = start
        let last = start + Self.maxMatchTokens
        while pending > 0 && p <= last {
            let slot = p % ring
            let waiting = vm.ring[slot]
            if !waiting.isEmpty {
                pending -= waiting.count
                // The step reads the slot while queueing only at later positions (other slots).
                pending += step(at: p, start: start, waiting: waiting, ops: ops, text: text, cache: &cache, vm: &vm)
                vm.ring.base[slot].removeAll()
            }
            p += 1
        }
        if pending > 0 {
            // Threads still alive past the longest allowed match: dropped, and the ring emptied
            // for the next start.
            for k in 0..<ring { vm.ring.base[k].removeAll() }
        }
        emitBest(start: start, vm: &vm, into: &out)
    }

    /// Runs the threads `waiting` at position `p` to their next token; returns how many threads it
    /// left waiting at later positions. Threads run in priority order, depth first: each waiting
    /// thread's descendants (on the stack) run before the next waiting thread; the first to reach an
    /// instruction at a position owns it there.
    private func step(
        at p: Int, start: Int, waiting: RawList<VMThread>, ops: UnsafeBufferPointer<FlatOp>, text: DocumentView,
        cache: inout TokenCache, vm: inout VMState
    ) -> Int {
        vm.nextStamp()
        let stamp = vm.stamp
        let seen = vm.seen.base
        let end = text.range.upperBound
        let ring = maxAdvance + 1
        var added = 0
        var nextWaiting = 0
        while true {
            var t: VMThread
            if !vm.stack.isEmpty {
                t = vm.stack.removeLast()
            } else if nextWaiting < waiting.count {
                t = waiting[nextWaiting]
                nextWaiting += 1
            } else {
                break
            }
            // Follows the thread through instructions that do not consume tokens (what the stack
            // would pop next anyway), until it waits for a token, is accepted or dies.
            follow: while true {
                let pc = Int(t.pc)
                if seen[pc] == stamp { break follow }
                seen[pc] = stamp
                let op = ops[pc]
                switch op.kind {
                case .jump:
                    t.pc = op.a
                case .split:
                    vm.stack.append(VMThread(pc: op.b, cap: t.cap))
                    t.pc = op.a
                case .save:
                    t.cap = vm.log(slot: op.a, position: p, parent: t.cap)
                    t.pc += 1
                case .glue:
                    guard p < end, !text.tokens[p].spaceBefore else { break follow }
                    t.pc += 1
                case .context:
                    guard context(op, at: p, text: text, cache: &cache, thread: &t, vm: &vm) else { break follow }
                    t.pc += 1
                case .accept:
                    vm.accept(rule: Int(op.a), end: p, start: start, cap: t.cap)
                    break follow
                case .token:
                    guard p < end else { break follow }
                    let advanced = VMThread(pc: t.pc + 1, cap: t.cap)
                    let ringBase = vm.ring.base
                    cache.forEachEnd(of: op.atom, at: p, text, flatTrie) { e in
                        ringBase[e % ring].append(advanced)
                        added += 1
                    }
                    break follow
                }
            }
        }
        return added
    }

    /// A context assertion at `p`: whether it holds; a required context with a slot records the
    /// token range it matched in the thread's captures.
    @inline(__always)
    private func context(
        _ op: FlatOp, at p: Int, text: DocumentView, cache: inout TokenCache, thread t: inout VMThread, vm: inout VMState
    ) -> Bool {
        let range = text.range
        // A glued context needs the token at p (the first after the boundary) to touch its neighbour.
        let touching = p > range.lowerBound && p < range.upperBound && !text.tokens[p].spaceBefore
        let forbids = op.context == .forbidLeft || op.context == .forbidRight
        if op.glued && !touching { return forbids }
        var found = -1
        switch op.context {
        case .requireRight, .forbidRight:
            if p < range.upperBound { cache.forEachEnd(of: op.atom, at: p, text, flatTrie) { e in found = max(found, e) } }
            if found >= 0, op.context == .requireRight, op.a >= 0 { t.cap = vm.logRange(slot: op.a, p, found, parent: t.cap) }
        case .requireLeft, .forbidLeft:
            found = leftStart(of: op.atom, endingAt: p, text: text, cache: &cache)
            if found >= 0, op.context == .requireLeft, op.a >= 0 { t.cap = vm.logRange(slot: op.a, found, p, parent: t.cap) }
        }
        return forbids ? found < 0 : found >= 0
    }

    /// The lowest token at which `atom` starts and ends exactly at `p` (a phrase is at most
    /// ``maxAdvance`` tokens long), or -1.
    @inline(never)
    private func leftStart(of atom: FlatAtom, endingAt p: Int, text: DocumentView, cache: inout TokenCache) -> Int {
        let lowest = max(text.range.lowerBound, p - maxAdvance)
        switch atom.kind {
        case .literal: return p - 1 >= lowest && text.keys[p - 1] == atom.key ? p - 1 : -1
        case .tokenClass: return p - 1 >= lowest && cache.classMask(at: p - 1, text) & UInt16(atom.id) != 0 ? p - 1 : -1
        case .lexicon:
            if let k = cache.lowestStart(of: atom.id, endingAt: p) { return k }
            var found = -1
            var k = p - 1
            while k >= lowest {
                cache.forEachEnd(of: atom, at: k, text, flatTrie) { e in if e == p { found = k } }
                k -= 1
            }
            return found
        }
    }

    /// Appends the run's best match per rule, in rule order, with its captures read from the log.
    private func emitBest(start: Int, vm: inout VMState, into out: inout [RawMatch]) {
        let touched = vm.touched.buffer
        // Usually one or two rules: an insertion sort beats the general sort's set-up.
        for i in 1..<max(1, touched.count) {
            let r = touched[i]
            var k = i
            while k > 0, touched[k - 1] > r {
                touched[k] = touched[k - 1]
                k -= 1
            }
            touched[k] = r
        }
        for r in touched {
            let rule = Int(r)
            // Only the rule's own slots: a raw match lives until its paragraph is resolved, and a
            // paragraph can hold millions (one 50 MB line).
            var slots = [Int](unsafeUninitializedCapacity: slotCounts[rule]) { b, n in
                b.initialize(repeating: -1)
                n = b.count
            }
            // Newest entries first: the latest write to each slot wins.
            var c = vm.bestCap[rule]
            while c >= 0 {
                let entry = vm.log[Int(c)]
                let k = Int(entry.slot)
                if slots[k] < 0 { slots[k] = Int(entry.position) }
                c = entry.parent
            }
            out.append(RawMatch(rule: rule, start: start, end: Int(vm.bestEnd[rule]), slots: slots))
        }
    }
}

/// The document buffers matching reads, as unsafe views valid during one `matches` call.
struct DocumentView {
    let keys: UnsafeBufferPointer<UInt64>
    let folded: UnsafeBufferPointer<UInt16>
    let tokens: UnsafeBufferPointer<Token>
    /// The paragraph's tokens.
    let range: Range<Int>
}
