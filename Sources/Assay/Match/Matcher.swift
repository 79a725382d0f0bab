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
///
/// The automaton runs as a Pike VM from each start token. Its hot loop allocates nothing: threads
/// are two integers (program counter, capture log entry), captures are an append-only log shared by
/// the threads that descend from one another, pending threads wait in a ring of token positions,
/// and all buffers live in a ``MatchScratch`` reused across start tokens and paragraphs.
public struct Matcher: Sendable {
    let code: [Instruction]
    let rules: [CompiledRule]
    let trie: LexiconTrie
    let dispatch: [Language: Dispatch]
    let slotCount: Int

    /// `code` as plain structs, and the trie and dispatch as flat tables (what matching reads).
    let ops: [FlatOp]
    let flatTrie: FlatTrie
    /// Flat dispatch by `Language.allCases` index.
    let flatDispatch: [FlatDispatch?]
    /// The most tokens one token instruction consumes (the longest lexicon phrase, at least 1).
    let maxAdvance: Int

    /// Start tokens per window of a paragraph: the per-token caches hold one window (plus
    /// ``lookahead`` tokens after it and ``maxAdvance`` before it), so a paragraph of any length
    /// (a 50 MB file on one line) matches in bounded memory. A match that runs past the cached
    /// tokens is still found exactly: tokens outside the cache are read directly, only slower.
    static let window = 4096
    /// Tokens cached after a window, for matches that start near its end.
    static let lookahead = 512

    init(code: [Instruction], rules: [CompiledRule], trie: LexiconTrie, dispatch: [Language: Dispatch], slotCount: Int) {
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
        flatDispatch = Language.allCases.map { lang in dispatch[lang].map { FlatDispatch($0, lexiconCount: count) } }
        maxAdvance = max(1, trie.maxPhraseLength)
    }

    /// ``LexiconTrie/value(keys:lexicons:)`` walking the flat trie (same nodes, same order).
    func lexiconValue(keys: ArraySlice<UInt64>, lexicons: Set<Int>) -> String? {
        guard let n = flatTrie.node(keys) else { return nil }
        return trie.nodes[n].terminals.first { lexicons.contains($0.lexicon) }?.value
    }

    /// Every match of every rule of `language` (plus common rules) in the tokens `range` of `doc`.
    /// For each rule and start token, the longest match is kept.
    func matches(in doc: TextDocument, tokens range: Range<Int>, language: Language) -> [RawMatch] {
        var scratch = MatchScratch(self)
        return matches(in: doc, tokens: range, language: language, scratch: &scratch)
    }

    /// As ``matches(in:tokens:language:)``, reusing `scratch`'s buffers (one scratch per document).
    func matches(in doc: TextDocument, tokens range: Range<Int>, language: Language, scratch: inout MatchScratch) -> [RawMatch] {
        guard let table = flatDispatch[Language.allCases.firstIndex(of: language)!], !range.isEmpty else { return [] }
        var out: [RawMatch] = []
        doc.keys.withUnsafeBufferPointer { keys in
            doc.text.folded.withUnsafeBufferPointer { folded in
                doc.tokens.withUnsafeBufferPointer { tokens in
                    let text = DocumentView(keys: keys, folded: folded, tokens: tokens, range: range)
                    var w = range.lowerBound
                    while w < range.upperBound {
                        let wEnd = min(range.upperBound, w + Self.window)
                        let cached = max(range.lowerBound, w - maxAdvance)..<min(range.upperBound, wEnd + Self.lookahead)
                        scratch.cache.fill(text, trie: flatTrie, maxAdvance: maxAdvance, tokens: cached)
                        for i in w..<wEnd {
                            guard gather(at: i, table: table, text: text, cache: scratch.cache, into: &scratch.candidates) else { continue }
                            run(from: i, rules: scratch.candidates.rules, text: text, cache: scratch.cache, vm: &scratch.vm, into: &out)
                        }
                        w = wEnd
                    }
                }
            }
        }
        return out
    }

    /// Gathers the rules that can start at token `i`, in rule order; false when there are none.
    private func gather(at i: Int, table: FlatDispatch, text: DocumentView, cache: TokenCache, into c: inout CandidateRules) -> Bool {
        c.begin()
        let lit = table.literal.find(text.keys[i])
        if lit >= 0 { c.add(table.lists, lit) }
        cache.forEachLexicon(at: i, text, flatTrie) { lex, _ in
            let list = table.lexicon[Int(lex)]
            if list >= 0 { c.add(table.lists, list) }
        }
        let mask = cache.classMask(at: i, text)
        for cls in table.classes where mask & cls.bit != 0 { c.add(table.lists, cls.list) }
        if table.always >= 0 { c.add(table.lists, table.always) }
        if c.rules.isEmpty { return false }
        c.sort()
        return true
    }

    /// Runs `candidates` from `start`; appends each rule's longest match, in rule order.
    private func run(
        from start: Int, rules candidates: [Int32], text: DocumentView, cache: TokenCache, vm: inout VMState, into out: inout [RawMatch]
    ) {
        let ring = maxAdvance + 1
        vm.beginRun(ringSize: ring)
        for r in candidates { vm.ring[start % ring].append(VMThread(pc: Int32(rules[Int(r)].entry), cap: -1)) }
        var pending = candidates.count
        var p = start
        while pending > 0 {
            let slot = p % ring
            if !vm.ring[slot].isEmpty {
                pending -= vm.ring[slot].count
                vm.stack.removeAll(keepingCapacity: true)
                vm.stack.append(contentsOf: vm.ring[slot].reversed())
                vm.ring[slot].removeAll(keepingCapacity: true)
                pending += step(at: p, start: start, text: text, cache: cache, vm: &vm)
            }
            p += 1
        }
        emitBest(start: start, vm: &vm, into: &out)
    }

    /// Runs the threads on the stack at position `p` to their next token; returns how many threads
    /// it left waiting at later positions. Threads run in priority order; the first to reach an
    /// instruction at a position owns it there.
    private func step(at p: Int, start: Int, text: DocumentView, cache: TokenCache, vm: inout VMState) -> Int {
        vm.stamp += 1
        let end = text.range.upperBound
        let ring = maxAdvance + 1
        var added = 0
        while var t = vm.stack.popLast() {
            let pc = Int(t.pc)
            if vm.seen[pc] == vm.stamp { continue }
            vm.seen[pc] = vm.stamp
            let op = ops[pc]
            switch op.kind {
            case .jump:
                t.pc = op.a
                vm.stack.append(t)
            case .split:
                vm.stack.append(VMThread(pc: op.b, cap: t.cap))
                t.pc = op.a
                vm.stack.append(t)
            case .save:
                t.cap = vm.log(slot: op.a, position: p, parent: t.cap)
                t.pc += 1
                vm.stack.append(t)
            case .glue:
                if p < end, !text.tokens[p].spaceBefore {
                    t.pc += 1
                    vm.stack.append(t)
                }
            case .context:
                if context(op, at: p, text: text, cache: cache, thread: &t, vm: &vm) {
                    t.pc += 1
                    vm.stack.append(t)
                }
            case .accept:
                vm.accept(rule: Int(op.a), end: p, start: start, cap: t.cap)
            case .token:
                guard p < end else { continue }
                let next = VMThread(pc: t.pc + 1, cap: t.cap)
                cache.forEachEnd(of: op.atom, at: p, text, flatTrie) { e in
                    vm.ring[e % ring].append(next)
                    added += 1
                }
            }
        }
        return added
    }

    /// A context assertion at `p`: whether it holds; a required context with a slot records the
    /// token range it matched in the thread's captures.
    private func context(
        _ op: FlatOp, at p: Int, text: DocumentView, cache: TokenCache, thread t: inout VMThread, vm: inout VMState
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
            found = leftStart(of: op.atom, endingAt: p, text: text, cache: cache)
            if found >= 0, op.context == .requireLeft, op.a >= 0 { t.cap = vm.logRange(slot: op.a, found, p, parent: t.cap) }
        }
        return forbids ? found < 0 : found >= 0
    }

    /// The lowest token at which `atom` starts and ends exactly at `p` (a phrase is at most
    /// ``maxAdvance`` tokens long), or -1.
    private func leftStart(of atom: FlatAtom, endingAt p: Int, text: DocumentView, cache: TokenCache) -> Int {
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
        vm.touched.sort()
        for r in vm.touched {
            let rule = Int(r)
            // Only the rule's own slots: a raw match lives until its paragraph is resolved, and a
            // paragraph can hold millions (one 50 MB line).
            var slots = [Int](repeating: -1, count: max(2, rules[rule].slots.count * 2))
            // Newest entries first: the latest write to each slot wins.
            var c = vm.bestCap[rule]
            while c >= 0 {
                let k = Int(vm.logSlot[Int(c)])
                if slots[k] < 0 { slots[k] = Int(vm.logPosition[Int(c)]) }
                c = vm.logParent[Int(c)]
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

/// A VM thread: where it is in the program and its newest capture log entry (-1: none).
struct VMThread {
    var pc: Int32
    var cap: Int32
}

/// Matching buffers, reused across start tokens, windows and paragraphs of a document. Its parts
/// are separate values so the VM can write its state while reading the token cache.
struct MatchScratch {
    var cache = TokenCache()
    var candidates: CandidateRules
    var vm: VMState

    init(_ m: Matcher) {
        candidates = CandidateRules(ruleCount: m.rules.count)
        vm = VMState(opCount: m.ops.count, ruleCount: m.rules.count)
    }
}

/// Class masks and lexicon matches of a window's tokens, computed once per token.
struct TokenCache {
    /// The token range cached.
    private(set) var cached = 0..<0
    private var masks: [UInt16] = []
    /// Lexicon matches of cached token k: entries `lexStart[k - lo]..<lexStart[k - lo + 1]`.
    private var lexStart: [Int32] = []
    private var lexLexicon: [Int32] = []
    private var lexEnd: [Int32] = []
    /// Lexicon phrases by end position q in `lo...hi`, for left contexts: (lexicon, start) entries
    /// `endStart[q - lo]..<endStart[q - lo + 1]`.
    private var endStart: [Int32] = []
    private var cursor: [Int32] = []
    private var endsComplete = 0..<0
    private var endLexicon: [Int32] = []
    private var endLowest: [Int32] = []

    /// Fills the caches for `tokens`.
    mutating func fill(_ text: DocumentView, trie: FlatTrie, maxAdvance: Int, tokens r: Range<Int>) {
        cached = r
        masks.removeAll(keepingCapacity: true)
        lexStart.removeAll(keepingCapacity: true)
        lexLexicon.removeAll(keepingCapacity: true)
        lexEnd.removeAll(keepingCapacity: true)
        for k in r {
            masks.append(TokenClassMask.of(text.tokens[k], folded: text.folded))
            lexStart.append(Int32(lexLexicon.count))
            trie.matches(keys: text.keys, start: k, end: text.range.upperBound) { lex, end in
                lexLexicon.append(lex)
                lexEnd.append(end)
            }
        }
        lexStart.append(Int32(lexLexicon.count))
        indexEnds(paragraphStart: text.range.lowerBound, maxAdvance: maxAdvance)
    }

    /// Builds the by-end index of the cached phrases (a counting sort by end, starts ascending).
    /// Every phrase ending at a position of `endsComplete` starts inside the cache, so the index is
    /// complete there; left contexts elsewhere scan.
    private mutating func indexEnds(paragraphStart: Int, maxAdvance: Int) {
        let lo = cached.lowerBound
        let positions = cached.count + 1
        endStart.removeAll(keepingCapacity: true)
        endStart.append(contentsOf: repeatElement(0, count: positions + 1))
        for e in lexEnd.indices where Int(lexEnd[e]) - lo < positions { endStart[Int(lexEnd[e]) - lo + 1] += 1 }
        for q in 0..<positions { endStart[q + 1] += endStart[q] }
        let total = Int(endStart[positions])
        endLexicon.removeAll(keepingCapacity: true)
        endLexicon.append(contentsOf: repeatElement(0, count: total))
        endLowest.removeAll(keepingCapacity: true)
        endLowest.append(contentsOf: repeatElement(0, count: total))
        cursor.removeAll(keepingCapacity: true)
        cursor.append(contentsOf: endStart[0..<positions])
        for k in cached {
            for e in Int(lexStart[k - lo])..<Int(lexStart[k - lo + 1]) where Int(lexEnd[e]) - lo < positions {
                let q = Int(lexEnd[e]) - lo
                endLexicon[Int(cursor[q])] = lexLexicon[e]
                endLowest[Int(cursor[q])] = Int32(k)
                cursor[q] += 1
            }
        }
        let from = lo == paragraphStart ? lo : lo + maxAdvance
        endsComplete = from..<max(from, cached.upperBound + 1)
    }

    /// The lowest start of a `lexicon` phrase ending at `p`, -1 when there is none; nil when the
    /// index is not complete at `p`.
    @inline(__always)
    func lowestStart(of lexicon: Int32, endingAt p: Int) -> Int? {
        guard endsComplete.contains(p) else { return nil }
        let q = p - cached.lowerBound
        // Entries are in start order: the first of the lexicon is the lowest.
        for i in Int(endStart[q])..<Int(endStart[q + 1]) where endLexicon[i] == lexicon { return Int(endLowest[i]) }
        return -1
    }

    /// The token classes of token `k`.
    @inline(__always)
    func classMask(at k: Int, _ text: DocumentView) -> UInt16 {
        cached.contains(k) ? masks[k - cached.lowerBound] : TokenClassMask.of(text.tokens[k], folded: text.folded)
    }

    /// Calls `body(lexicon, end)` for each lexicon phrase starting at token `k`, shortest first.
    @inline(__always)
    func forEachLexicon(at k: Int, _ text: DocumentView, _ trie: FlatTrie, _ body: (Int32, Int) -> Void) {
        if cached.contains(k) {
            let i = k - cached.lowerBound
            for e in Int(lexStart[i])..<Int(lexStart[i + 1]) { body(lexLexicon[e], Int(lexEnd[e])) }
        } else {
            trie.matches(keys: text.keys, start: k, end: text.range.upperBound) { lex, end in body(lex, Int(end)) }
        }
    }

    /// Calls `body(end)` for each token position where `atom` can end when it starts at token `k`
    /// (inside the paragraph).
    @inline(__always)
    func forEachEnd(of atom: FlatAtom, at k: Int, _ text: DocumentView, _ trie: FlatTrie, _ body: (Int) -> Void) {
        switch atom.kind {
        case .literal: if text.keys[k] == atom.key { body(k + 1) }
        case .tokenClass: if classMask(at: k, text) & UInt16(atom.id) != 0 { body(k + 1) }
        case .lexicon:
            // One trie node holds a lexicon once, so its ends rise strictly: no duplicates.
            forEachLexicon(at: k, text, trie) { lex, end in if lex == atom.id { body(end) } }
        }
    }
}

/// The rules that may start at one token, each once.
struct CandidateRules {
    private(set) var rules: [Int32] = []
    private var seen: [Int]
    private var stamp = 0

    init(ruleCount: Int) { seen = [Int](repeating: 0, count: ruleCount) }

    mutating func begin() {
        rules.removeAll(keepingCapacity: true)
        stamp += 1
    }

    /// Adds the rules of list `id` not yet added.
    @inline(__always)
    mutating func add(_ lists: RuleLists, _ id: Int32) {
        for k in lists.bounds[Int(id)] {
            let r = lists.rules[Int(k)]
            if seen[Int(r)] != stamp {
                seen[Int(r)] = stamp
                rules.append(r)
            }
        }
    }

    mutating func sort() { rules.sort() }
}

/// The Pike VM's state for one run: threads waiting per position (a ring), the DFS stack, the
/// capture log and each rule's best match so far.
struct VMState {
    /// Per instruction: the position stamp at which a thread last reached it.
    var seen: [Int]
    var stamp = 0
    var ring: [[VMThread]] = []
    var stack: [VMThread] = []
    private(set) var logSlot: [Int32] = []
    private(set) var logPosition: [Int32] = []
    private(set) var logParent: [Int32] = []
    private(set) var bestEnd: [Int32]
    private(set) var bestCap: [Int32]
    private var bestRun: [Int]
    private var runStamp = 0
    var touched: [Int32] = []

    init(opCount: Int, ruleCount: Int) {
        seen = [Int](repeating: 0, count: opCount)
        bestEnd = [Int32](repeating: -1, count: ruleCount)
        bestCap = [Int32](repeating: -1, count: ruleCount)
        bestRun = [Int](repeating: 0, count: ruleCount)
    }

    /// Clears the per-run state.
    mutating func beginRun(ringSize: Int) {
        if ring.count != ringSize { ring = [[VMThread]](repeating: [], count: ringSize) }
        logSlot.removeAll(keepingCapacity: true)
        logPosition.removeAll(keepingCapacity: true)
        logParent.removeAll(keepingCapacity: true)
        touched.removeAll(keepingCapacity: true)
        runStamp += 1
    }

    /// Records `slot = position` after `parent`; returns the new entry.
    @inline(__always)
    mutating func log(slot: Int32, position: Int, parent: Int32) -> Int32 {
        logSlot.append(slot)
        logPosition.append(Int32(position))
        logParent.append(parent)
        return Int32(logSlot.count - 1)
    }

    /// Records a captured token range in the slot pair at `slot`.
    mutating func logRange(slot: Int32, _ lower: Int, _ upper: Int, parent: Int32) -> Int32 {
        log(slot: slot + 1, position: upper, parent: log(slot: slot, position: lower, parent: parent))
    }

    /// Keeps a rule's match ending at `end` when it is longer than the rule's best from this start.
    @inline(__always)
    mutating func accept(rule: Int, end: Int, start: Int, cap: Int32) {
        guard end > start else { return }
        if bestRun[rule] != runStamp {
            bestRun[rule] = runStamp
            touched.append(Int32(rule))
        } else if end <= Int(bestEnd[rule]) {
            return
        }
        bestEnd[rule] = Int32(end)
        bestCap[rule] = cap
    }
}
