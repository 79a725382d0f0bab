/// A token class a pattern can name.
package enum TokenClass: String, Sendable, CaseIterable {
    /// A number in any grouping (`1.500,5`, `13,12,100`, `240`).
    case NUM
    /// Digits only.
    case INT
    /// Four digits from 1800 to 2199.
    case YEAR
    /// A capitalized word (any script with case).
    case CAP
    /// A word whose cased letters are all upper case.
    case UPPER
    /// Any word.
    case WORD
    /// A Latin-script word.
    case LATIN
    /// A Devanagari word.
    case DEVA
    /// A punctuation or symbol token.
    case PUNCT
    /// Any token.
    case ANY
}

/// Where a context assertion looks, and whether it requires or forbids.
package enum ContextKind: String, Sendable {
    case requireLeft = "<"
    case requireRight = ">"
    case forbidLeft = "!<"
    case forbidRight = "!>"
}

/// A parsed pattern (rules/README.md documents the syntax).
package indirect enum PatternNode: Sendable {
    /// A word or phrase, as normalized, case-folded token keys.
    case literal([UInt64], String)
    /// A lexicon reference, by the name written (resolved at compile time).
    case lexicon(String, column: Int)
    case tokenClass(TokenClass)
    case sequence([PatternNode])
    case alternatives([PatternNode])
    case repetition(PatternNode, min: Int, max: Int?)
    case capture(String, PatternNode)
    /// The next token must follow without a space.
    case glue
    /// A zero-width look at the neighbouring tokens.
    /// `glued`: the context touches the span with no space between.
    case context(ContextKind, PatternNode, glued: Bool)

    /// Whether the node can match zero tokens.
    var nullable: Bool {
        switch self {
        case .literal(let k, _): return k.isEmpty
        case .lexicon, .tokenClass: return false
        case .sequence(let items): return items.allSatisfy(\.nullable)
        case .alternatives(let alts): return alts.contains { $0.nullable }
        case .repetition(let n, let min, _): return min == 0 || n.nullable
        case .capture(_, let n): return n.nullable
        case .glue, .context: return true
        }
    }

    /// Whether the node holds a repetition with no upper bound (`*`, `+`, `{m,}`) anywhere inside.
    var repeatsWithoutBound: Bool {
        switch self {
        case .literal, .lexicon, .tokenClass, .glue, .context: return false
        case .sequence(let items), .alternatives(let items): return items.contains { $0.repeatsWithoutBound }
        case .repetition(let n, _, let max): return max == nil || n.repeatsWithoutBound
        case .capture(_, let n): return n.repeatsWithoutBound
        }
    }

    /// How many instructions the node compiles to (``ProgramBuilder``), saturating at `Int.max`.
    var instructionCount: Int {
        func add(_ a: Int, _ b: Int) -> Int { let (r, o) = a.addingReportingOverflow(b); return o ? .max : r }
        func mul(_ a: Int, _ b: Int) -> Int { let (r, o) = a.multipliedReportingOverflow(by: b); return o ? .max : r }
        switch self {
        case .literal(let k, _): return k.count
        case .lexicon, .tokenClass, .glue, .context: return 1
        case .sequence(let items): return items.reduce(0) { add($0, $1.instructionCount) }
        case .alternatives(let alts): return alts.reduce(mul(2, alts.count - 1)) { add($0, $1.instructionCount) }
        case .repetition(let n, let min, let max):
            // min copies, then (split, copy) per optional one, or one loop (split, copy, jump)
            let c = n.instructionCount
            guard let max else { return add(mul(min, c), add(c, 2)) }
            return add(mul(min, c), mul(max - min, add(c, 1)))
        case .capture(_, let n): return add(n.instructionCount, 2)
        }
    }
}

/// Limits that keep the cost of matching a rule bounded (rules/README.md, "The cost of matching").
package enum PatternLimits {
    /// The most instructions one rule's pattern may compile to (E113): a bounded repeat copies its
    /// body, so `(ANY{100}){100}` would be 10,000 copies.
    package static let maxInstructions = 2_000
}

/// A pattern error (E102, E105–E107, E110, E112, E113) at an offset of the pattern text, counted
/// in Unicode scalars (as YAML marks and rule-file columns are).
package struct PatternError: Error, Sendable {
    package var code: DiagnosticCode
    package var message: String
    package var offset: Int
}

/// Parses pattern text. Grammar (rules/README.md):
/// ```
/// alt   := seq ('|' seq)*
/// seq   := item*
/// item  := '~' | '[' ('<'|'>'|'!<'|'!>') '~'? (name ':')? atom ']' | (name ':')? atom quant?
/// atom  := '(' alt ')' | 'literal' | "literal" | '@' lexicon | CLASS
/// quant := '?' | '*' | '+' | '{' m (',' n?)? '}'
/// ```
package struct PatternParser {
    let chars: [Character]
    var pos = 0
    let literalKeys: (String) -> [UInt64]

    /// Parses `text`; `literalKeys` turns a literal into token keys (normalized like documents).
    package static func parse(_ text: String, literalKeys: @escaping (String) -> [UInt64]) throws(PatternError) -> PatternNode {
        var p = PatternParser(chars: Array(text), literalKeys: literalKeys)
        do {
            return try p.parsePattern()
        } catch {
            // The parser counts Characters; a Devanagari cluster is several scalars.
            var e = error
            e.offset = p.scalarOffset(e.offset)
            throw e
        }
    }

    /// The Unicode scalar offset of character offset `k`.
    func scalarOffset(_ k: Int) -> Int {
        chars[..<min(k, chars.count)].reduce(0) { $0 + $1.unicodeScalars.count } + max(0, k - chars.count)
    }

    mutating func parsePattern() throws(PatternError) -> PatternNode {
        skipSpace()
        if pos == chars.count { throw PatternError(code: .emptyPattern, message: "empty pattern", offset: 0) }
        let node = try parseAlt()
        skipSpace()
        if pos < chars.count {
            throw PatternError(code: .patternSyntax, message: "unexpected '\(chars[pos])'", offset: pos)
        }
        if node.nullable {
            throw PatternError(code: .emptyMatch, message: "pattern can match the empty string", offset: 0)
        }
        let size = node.instructionCount
        if size > PatternLimits.maxInstructions {
            throw PatternError(
                code: .patternTooLarge,
                message:
                    "pattern compiles to \(size == .max ? "too many" : String(size)) instructions (at most \(PatternLimits.maxInstructions)); lower the repeat counts",
                offset: 0)
        }
        return node
    }

    mutating func skipSpace() {
        while pos < chars.count, chars[pos].isWhitespace { pos += 1 }
    }

    mutating func parseAlt() throws(PatternError) -> PatternNode {
        var alts = [try parseSeq()]
        skipSpace()
        while pos < chars.count, chars[pos] == "|" {
            pos += 1
            alts.append(try parseSeq())
            skipSpace()
        }
        return alts.count == 1 ? alts[0] : .alternatives(alts)
    }

    mutating func parseSeq() throws(PatternError) -> PatternNode {
        var items: [PatternNode] = []
        let start = pos
        while true {
            skipSpace()
            guard pos < chars.count, chars[pos] != "|", chars[pos] != ")" else { break }
            items.append(try parseItem())
        }
        if items.isEmpty { throw PatternError(code: .emptyPattern, message: "empty alternative", offset: start) }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    mutating func parseItem() throws(PatternError) -> PatternNode {
        if chars[pos] == "~" {
            pos += 1
            return .glue
        }
        if chars[pos] == "[" {
            let open = pos
            pos += 1
            var kindText = ""
            if pos < chars.count, chars[pos] == "!" { kindText = "!"; pos += 1 }
            guard pos < chars.count, chars[pos] == "<" || chars[pos] == ">" else {
                throw PatternError(code: .patternSyntax, message: "a context starts with '<', '>', '!<' or '!>'", offset: pos)
            }
            kindText.append(chars[pos])
            pos += 1
            skipSpace()
            var glued = false
            if pos < chars.count, chars[pos] == "~" {
                glued = true
                pos += 1
                skipSpace()
            }
            let name = parseCaptureName()
            let atom = try parseAtom()
            if case .sequence = atom { throw PatternError(code: .badContext, message: "a context holds one literal, lexicon or class", offset: open) }
            if case .alternatives = atom { throw PatternError(code: .badContext, message: "a context holds one literal, lexicon or class", offset: open) }
            skipSpace()
            guard pos < chars.count, chars[pos] == "]" else { throw PatternError(code: .patternSyntax, message: "expected ']'", offset: pos) }
            pos += 1
            let inner = name.map { PatternNode.capture($0, atom) } ?? atom
            return .context(ContextKind(rawValue: kindText)!, inner, glued: glued)
        }
        let name = parseCaptureName()
        var node = try parseAtom()
        node = try parseQuantifier(node)
        if let name { node = .capture(name, node) }
        return node
    }

    /// `name:` before an atom, if present.
    mutating func parseCaptureName() -> String? {
        var j = pos
        while j < chars.count, chars[j].isLetter && chars[j].isLowercase || chars[j] == "_" || (j > pos && chars[j].isNumber) {
            j += 1
        }
        guard j > pos, j < chars.count, chars[j] == ":" else { return nil }
        let name = String(chars[pos..<j])
        pos = j + 1
        return name
    }

    mutating func parseAtom() throws(PatternError) -> PatternNode {
        guard pos < chars.count else { throw PatternError(code: .patternSyntax, message: "pattern ends where an element was expected", offset: pos) }
        let c = chars[pos]
        switch c {
        case "(":
            let open = pos
            pos += 1
            let inner = try parseAlt()
            skipSpace()
            guard pos < chars.count, chars[pos] == ")" else { throw PatternError(code: .patternSyntax, message: "unclosed '('", offset: open) }
            pos += 1
            return inner
        case "'", "\"":
            let open = pos
            pos += 1
            var s = ""
            while pos < chars.count, chars[pos] != c {
                s.append(chars[pos])
                pos += 1
            }
            guard pos < chars.count else { throw PatternError(code: .patternSyntax, message: "unclosed literal", offset: open) }
            pos += 1
            let keys = literalKeys(s)
            if keys.isEmpty { throw PatternError(code: .emptyPattern, message: "empty literal", offset: open) }
            return .literal(keys, s)
        case "@":
            let at = pos
            pos += 1
            var name = ""
            while pos < chars.count, chars[pos].isLetter || chars[pos].isNumber || chars[pos] == "_" || chars[pos] == "." || chars[pos] == "-" {
                name.append(chars[pos])
                pos += 1
            }
            if name.isEmpty { throw PatternError(code: .patternSyntax, message: "'@' needs a lexicon name", offset: at) }
            return .lexicon(name, column: scalarOffset(at))
        default:
            if c.isUppercase {
                let at = pos
                var name = ""
                while pos < chars.count, chars[pos].isUppercase || chars[pos].isNumber { name.append(chars[pos]); pos += 1 }
                guard let cls = TokenClass(rawValue: name) else {
                    throw PatternError(
                        code: .unknownTokenClass,
                        message: "unknown token class '\(name)' (known: \(TokenClass.allCases.map(\.rawValue).joined(separator: ", ")))",
                        offset: at)
                }
                return .tokenClass(cls)
            }
            throw PatternError(code: .patternSyntax, message: "unexpected '\(c)'", offset: pos)
        }
    }

    mutating func parseQuantifier(_ node: PatternNode) throws(PatternError) -> PatternNode {
        guard pos < chars.count else { return node }
        switch chars[pos] {
        case "?": pos += 1; return .repetition(node, min: 0, max: 1)
        case "*":
            try checkUnbounded(node, quantifier: pos)
            pos += 1
            return .repetition(node, min: 0, max: nil)
        case "+":
            try checkUnbounded(node, quantifier: pos)
            pos += 1
            return .repetition(node, min: 1, max: nil)
        case "{":
            let open = pos
            pos += 1
            func number(_ p: inout Int) -> Int? {
                var s = ""
                while p < chars.count, chars[p].isNumber { s.append(chars[p]); p += 1 }
                return Int(s)
            }
            guard let lo = number(&pos) else { throw PatternError(code: .patternSyntax, message: "expected a count after '{'", offset: open) }
            var hi: Int? = lo
            if pos < chars.count, chars[pos] == "," {
                pos += 1
                hi = number(&pos)
            }
            guard pos < chars.count, chars[pos] == "}" else { throw PatternError(code: .patternSyntax, message: "expected '}'", offset: pos) }
            pos += 1
            if let h = hi, h < lo || h == 0 { throw PatternError(code: .patternSyntax, message: "bad repeat bounds {\(lo),\(h)}", offset: open) }
            if hi == nil { try checkUnbounded(node, quantifier: open) }
            return .repetition(node, min: lo, max: hi)
        default: return node
        }
    }

    /// E112: an unbounded repeat (`*`, `+`, `{m,}`) of something that can itself repeat without
    /// bound or match nothing. `(CAP+)*` says no more than `CAP*`, and an empty pass round the
    /// outer loop is a cycle the automaton can only cut (rules/README.md, "The cost of matching").
    func checkUnbounded(_ node: PatternNode, quantifier: Int) throws(PatternError) {
        if node.repeatsWithoutBound {
            throw PatternError(
                code: .unboundedRepeat,
                message: "nested unbounded repetition: the repeated part already repeats without bound (write one repeat, e.g. CAP* for (CAP+)*)",
                offset: quantifier)
        }
        if node.nullable {
            throw PatternError(
                code: .unboundedRepeat, message: "unbounded repetition of a part that can match nothing (make the part match at least one token)",
                offset: quantifier)
        }
    }
}
