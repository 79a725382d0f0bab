/// A token class a pattern can name.
public enum TokenClass: String, Sendable, CaseIterable {
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
public enum ContextKind: String, Sendable {
    case requireLeft = "<", requireRight = ">", forbidLeft = "!<", forbidRight = "!>"
}

/// A parsed pattern (rules/README.md documents the syntax).
public indirect enum PatternNode: Sendable {
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
}

/// A pattern syntax error at a character offset of the pattern text.
public struct PatternError: Error, Sendable {
    public var code: DiagnosticCode
    public var message: String
    public var offset: Int
}

/// Parses pattern text. Grammar (rules/README.md):
/// ```
/// alt   := seq ('|' seq)*
/// seq   := item*
/// item  := '~' | '[' ('<'|'>'|'!<'|'!>') '~'? (name ':')? atom ']' | (name ':')? atom quant?
/// atom  := '(' alt ')' | 'literal' | "literal" | '@' lexicon | CLASS
/// quant := '?' | '*' | '+' | '{' m (',' n?)? '}'
/// ```
public struct PatternParser {
    let chars: [Character]
    var pos = 0
    let literalKeys: (String) -> [UInt64]

    /// Parses `text`; `literalKeys` turns a literal into token keys (normalized like documents).
    public static func parse(_ text: String, literalKeys: @escaping (String) -> [UInt64]) throws(PatternError) -> PatternNode {
        var p = PatternParser(chars: Array(text), literalKeys: literalKeys)
        p.skipSpace()
        if p.pos == p.chars.count { throw PatternError(code: .emptyPattern, message: "empty pattern", offset: 0) }
        let node = try p.parseAlt()
        p.skipSpace()
        if p.pos < p.chars.count {
            throw PatternError(code: .patternSyntax, message: "unexpected '\(p.chars[p.pos])'", offset: p.pos)
        }
        if node.nullable {
            throw PatternError(code: .emptyMatch, message: "pattern can match the empty string", offset: 0)
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
            return .lexicon(name, column: at)
        default:
            if c.isUppercase {
                let at = pos
                var name = ""
                while pos < chars.count, chars[pos].isUppercase || chars[pos].isNumber { name.append(chars[pos]); pos += 1 }
                guard let cls = TokenClass(rawValue: name) else {
                    throw PatternError(
                        code: .unknownTokenClass, message: "unknown token class '\(name)' (known: \(TokenClass.allCases.map(\.rawValue).joined(separator: ", ")))",
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
        case "*": pos += 1; return .repetition(node, min: 0, max: nil)
        case "+": pos += 1; return .repetition(node, min: 1, max: nil)
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
            return .repetition(node, min: lo, max: hi)
        default: return node
        }
    }
}
