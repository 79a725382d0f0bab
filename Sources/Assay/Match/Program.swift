/// One step of the compiled token automaton.
enum Instruction: Sendable {
    /// Consume tokens matching an atom (a literal token, a lexicon phrase, a class).
    case token(Atom)
    /// Try `a` first, then `b`.
    case split(Int, Int)
    case jump(Int)
    /// Record the current token position in a capture slot.
    case save(Int)
    /// The next token must follow without a space.
    case glue
    /// A zero-width look at the neighbours; `slot` (≥ 0) records what a required context matched.
    case context(ContextKind, Atom, slot: Int, glued: Bool)
    /// The rule matched.
    case accept(Int)
}

/// What a token instruction tests.
enum Atom: Sendable, Hashable {
    case literal(UInt64)
    case lexicon(Int)
    case tokenClass(TokenClass)
}

/// Thompson construction of pattern nodes into one shared instruction array.
struct ProgramBuilder {
    var code: [Instruction] = []
    /// capture name → slot pair base (per rule)
    var slots: [String: Int] = [:]
    /// capture name → lexicons it directly wraps
    var captureLexicons: [String: Set<Int>] = [:]
    let lexiconID: (String) -> Int?

    mutating func slot(_ name: String) -> Int {
        if let s = slots[name] { return s }
        let s = slots.count * 2
        slots[name] = s
        return s
    }

    mutating func emit(_ i: Instruction) -> Int {
        code.append(i)
        return code.count - 1
    }

    mutating func compile(_ node: PatternNode) {
        switch node {
        case .literal(let keys, _):
            for k in keys { _ = emit(.token(.literal(k))) }
        case .lexicon(let name, _):
            _ = emit(.token(.lexicon(lexiconID(name) ?? -1)))
        case .tokenClass(let c):
            _ = emit(.token(.tokenClass(c)))
        case .sequence(let items):
            for item in items { compile(item) }
        case .alternatives(let alts):
            var jumps: [Int] = []
            for (k, alt) in alts.enumerated() {
                if k < alts.count - 1 {
                    let split = emit(.split(0, 0))
                    compile(alt)
                    jumps.append(emit(.jump(0)))
                    code[split] = .split(split + 1, code.count)
                } else {
                    compile(alt)
                }
            }
            for j in jumps { code[j] = .jump(code.count) }
        case .repetition(let inner, let min, let max):
            for _ in 0..<min { compile(inner) }
            if let max {
                // (inner (inner (...)?)?)? — each optional copy nested in the previous
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(emit(.split(0, 0)))
                    code[splits.last!] = .split(code.count, 0)
                    compile(inner)
                }
                for s in splits { if case .split(let a, _) = code[s] { code[s] = .split(a, code.count) } }
            } else {
                let loop = emit(.split(0, 0))
                compile(inner)
                _ = emit(.jump(loop))
                code[loop] = .split(loop + 1, code.count)
            }
        case .capture(let name, let inner):
            let s = slot(name)
            if case .lexicon(let lex, _) = inner, let id = lexiconID(lex) { captureLexicons[name, default: []].insert(id) }
            _ = emit(.save(s))
            compile(inner)
            _ = emit(.save(s + 1))
        case .glue:
            _ = emit(.glue)
        case .context(let kind, let inner, let glued):
            var slotBase = -1
            var atomNode = inner
            if case .capture(let name, let a) = inner {
                slotBase = slot(name)
                atomNode = a
                if case .lexicon(let lex, _) = a, let id = lexiconID(lex) { captureLexicons[name, default: []].insert(id) }
            }
            let atom: Atom
            switch atomNode {
            case .lexicon(let name, _): atom = .lexicon(lexiconID(name) ?? -1)
            case .tokenClass(let c): atom = .tokenClass(c)
            case .literal(let keys, _) where keys.count == 1: atom = .literal(keys[0])
            case .literal(let keys, let text):
                // A multi-token literal context becomes a one-phrase lexicon at compile time.
                atom = .lexicon(lexiconID("\u{0}literal:" + text) ?? -1)
                _ = keys
            default: atom = .tokenClass(.ANY)
            }
            _ = emit(.context(kind, atom, slot: slotBase, glued: glued))
        }
    }
}

/// The atoms that can start a node, and whether the node can be passed without consuming.
func firstAtoms(_ node: PatternNode, lexiconID: (String) -> Int?) -> (atoms: Set<Atom>, nullable: Bool) {
    switch node {
    case .literal(let keys, _): return ([.literal(keys[0])], false)
    case .lexicon(let name, _): return ([.lexicon(lexiconID(name) ?? -1)], false)
    case .tokenClass(let c): return ([.tokenClass(c)], false)
    case .sequence(let items):
        var out = Set<Atom>()
        for item in items {
            let f = firstAtoms(item, lexiconID: lexiconID)
            out.formUnion(f.atoms)
            if !f.nullable { return (out, false) }
        }
        return (out, true)
    case .alternatives(let alts):
        var out = Set<Atom>()
        var nullable = false
        for a in alts {
            let f = firstAtoms(a, lexiconID: lexiconID)
            out.formUnion(f.atoms)
            nullable = nullable || f.nullable
        }
        return (out, nullable)
    case .repetition(let inner, let min, _):
        let f = firstAtoms(inner, lexiconID: lexiconID)
        return (f.atoms, min == 0 || f.nullable)
    case .capture(_, let inner): return firstAtoms(inner, lexiconID: lexiconID)
    case .glue, .context: return ([], true)
    }
}
