/// What a flat token test checks (``Atom`` without payload enums, so the hot loop switches on a byte).
struct FlatAtom: Sendable {
    enum Kind: UInt8, Sendable { case literal, lexicon, tokenClass }
    var kind: Kind
    /// Lexicon id, or the class's bit (``TokenClassMask``).
    var id: Int32
    /// Literal token key.
    var key: UInt64

    init(_ atom: Atom) {
        switch atom {
        case .literal(let k): (kind, id, key) = (.literal, 0, k)
        case .lexicon(let l): (kind, id, key) = (.lexicon, Int32(l), 0)
        case .tokenClass(let c): (kind, id, key) = (.tokenClass, Int32(TokenClassMask.bit(c)), 0)
        }
    }
}

/// One ``Instruction`` as a plain struct: no indirect payloads, no reference counting when copied.
struct FlatOp: Sendable {
    enum Kind: UInt8, Sendable { case token, split, jump, save, glue, context, accept }
    var kind: Kind
    /// split: first branch; jump: target; save: slot; context: slot (-1 none); accept: rule.
    var a: Int32 = 0
    /// split: second branch.
    var b: Int32 = 0
    var context: ContextKind = .requireLeft
    var glued = false
    var atom = FlatAtom(.literal(0))

    init(_ i: Instruction) {
        switch i {
        case .token(let atom): kind = .token; self.atom = FlatAtom(atom)
        case .split(let x, let y): kind = .split; (a, b) = (Int32(x), Int32(y))
        case .jump(let x): kind = .jump; a = Int32(x)
        case .save(let s): kind = .save; a = Int32(s)
        case .glue: kind = .glue
        case .context(let k, let atom, let slot, let g):
            kind = .context
            (context, self.atom, a, glued) = (k, FlatAtom(atom), Int32(slot), g)
        case .accept(let r): kind = .accept; a = Int32(r)
        }
    }
}

/// Token classes as bits of one mask per token, computed once per token instead of per test.
enum TokenClassMask {
    /// The bit of `c` (its position in `TokenClass.allCases`).
    static func bit(_ c: TokenClass) -> UInt16 {
        UInt16(1) << UInt16(TokenClass.allCases.firstIndex(of: c)!)
    }

    // Literal bits (the positions in `TokenClass.allCases`, checked by a test): a `static let`
    // computed from `bit(_:)` costs a lazy-initialization check on every read in the per-token loop.
    static let num: UInt16 = 1 << 0, int: UInt16 = 1 << 1, year: UInt16 = 1 << 2, cap: UInt16 = 1 << 3
    static let upper: UInt16 = 1 << 4, word: UInt16 = 1 << 5, latin: UInt16 = 1 << 6, deva: UInt16 = 1 << 7
    static let punct: UInt16 = 1 << 8, any: UInt16 = 1 << 9

    /// Every class token `t` belongs to; `folded` is the document's folded text.
    @inline(__always)
    static func of(_ t: Token, folded f: UnsafeBufferPointer<UInt16>) -> UInt16 {
        var m = any
        switch t.kind {
        case .punct: m |= punct
        case .word:
            m |= word
            if t.capitalized { m |= cap }
            if t.allCaps { m |= upper }
            if t.script == .latin { m |= latin }
            if t.script == .devanagari { m |= deva }
        case .number:
            m |= num
            var digits = true
            var value = 0
            for k in t.start..<t.end {
                let d = Int(f[k]) - 0x30
                if d < 0 || d > 9 { digits = false; break }
                value = value &* 10 &+ d
            }
            if digits {
                m |= int
                if t.end - t.start == 4, value >= 1800, value <= 2199 { m |= year }
            }
        }
        return m
    }
}

/// The rules to try at a token, by what the token is, for one language, in flat tables.
struct FlatDispatch: Sendable {
    var lists = RuleLists()
    /// Token key → list id.
    var literal: KeyTable
    /// Lexicon id → list id, or -1.
    var lexicon: [Int32]
    /// Per class mask (``TokenClassMask`` bits, below ``maskCount``): the list of the rules its
    /// classes start plus the rules tried everywhere, in rule order, or -1 when there are none. A
    /// token that starts no literal and no lexicon phrase takes its candidates from here as they are.
    var byMask: [Int32] = []
    /// Masks have one bit per ``TokenClass``.
    static let maskCount = 1 << TokenClass.allCases.count
    /// The keys of tokens that can start a rule by what they say: every literal that starts one
    /// (value 1), and the first token of every phrase of a lexicon that starts one (value 2: the
    /// phrase must still be there). With ``byMask``, what ``mayStart(at:keys:mask:end:trie:)`` reads.
    var startKeys: KeyTable

    /// Whether a rule can start at token `i` of `text`: its class starts one, its key is a literal
    /// that starts one, or a phrase of a lexicon that starts one starts at it. False means no rule
    /// starts there, so a paragraph of such tokens has no match (``Matcher/matches(in:tokens:language:foreign:scratch:skipping:)``
    /// skips it). The same test as the matcher's own gathering of candidates, without the caches.
    @inline(__always)
    func mayStart(at i: Int, keys: UnsafeBufferPointer<UInt64>, mask: UInt16, end: Int, trie: FlatTrie) -> Bool {
        if byMask[Int(mask)] >= 0 { return true }
        let v = startKeys.find(keys[i])
        if v == 1 { return true }
        guard v == 2 else { return false }
        var found = false
        trie.matches(keys: keys, start: i, end: end) { lex, _ in found = found || lexicon[Int(lex)] >= 0 }
        return found
    }

    init(_ d: Dispatch, lexiconCount: Int, trie: LexiconTrie) {
        literal = KeyTable(capacity: d.literal.count)
        lexicon = [Int32](repeating: -1, count: lexiconCount)
        for (k, list) in d.literal { literal.insert(k, value: lists.add(list)) }
        for (id, list) in d.lexicon where id >= 0 && id < lexiconCount { lexicon[id] = lists.add(list) }
        // A root edge of the trie is a starting key when a phrase of a starting lexicon lies under it.
        let startingLexicons = Set(d.lexicon.keys)
        func startsUnder(_ n: Int) -> Bool {
            trie.nodes[n].terminals.contains { startingLexicons.contains($0.lexicon) } || trie.nodes[n].children.values.contains(where: startsUnder)
        }
        let firstKeys = trie.nodes[0].children.filter { startsUnder($0.value) }.map(\.key)
        startKeys = KeyTable(capacity: d.literal.count + firstKeys.count)
        for k in firstKeys { startKeys.insert(k, value: 2) }
        for k in d.literal.keys { startKeys.insert(k, value: 1) }
        // The class lists a mask selects decide its list: masks selecting the same classes share it.
        let starting = d.classes.map { (bit: Int(TokenClassMask.bit($0.key)), rules: $0.value) }
        let ruleCount = (d.always + starting.flatMap(\.rules)).max().map { $0 + 1 } ?? 0
        var listOf: [Int: Int32] = [:]
        for mask in 0..<Self.maskCount {
            let selected = starting.indices.filter { starting[$0].bit & mask != 0 }
            let key = selected.reduce(0) { $0 | 1 << $1 }
            if let list = listOf[key] {
                byMask.append(list)
                continue
            }
            var member = [Bool](repeating: false, count: ruleCount)
            for r in d.always { member[r] = true }
            for k in selected { for r in starting[k].rules { member[r] = true } }
            let rules = member.indices.filter { member[$0] }
            let list = rules.isEmpty ? -1 : lists.add(rules)
            listOf[key] = list
            byMask.append(list)
        }
    }
}
