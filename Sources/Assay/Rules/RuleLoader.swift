import Foundation
import Yams

/// One YAML file, composed, with its header.
struct ParsedFile {
    var path: String
    var lines: [Substring]
    var root: Node.Mapping
    var language: Language?
    var languageName: String
    var dimension: String?
}

/// The stateful part of loading: lexicons by name, rules, diagnostics.
struct RuleLoader {
    /// The dimensions that have a resolver.
    let dimensions: [String]
    var diagnostics: [RuleDiagnostic] = []
    var trie = LexiconTrie()
    /// Keys of rule tokens too weak to call another language's rules into a paragraph: punctuation,
    /// digits, and Latin words of one or two ASCII letters (`an`, `in`, `to`, `I` are words of
    /// several languages).
    var weakKeys = Set<UInt64>()
    var lexiconIDs: [String: Int] = [:]
    var lexiconNames: [String] = []
    var rules: [Rule] = []
    var patterns: [PatternNode] = []
    var ruleIDs: [String: String] = [:]

    mutating func error(_ file: ParsedFile?, path: String? = nil, _ mark: Mark?, _ code: DiagnosticCode, _ message: String, columnOffset: Int = 0) {
        let line = mark?.line ?? 1
        let column = (mark?.column ?? 1) + columnOffset
        let src = file.flatMap { f in line - 1 < f.lines.count ? String(f.lines[line - 1]) : nil }
        diagnostics.append(
            RuleDiagnostic(path: path ?? file?.path ?? "", line: line, column: column, code: code, message: message, sourceLine: src))
    }

    /// An error at value offset `offset` of the scalar `node` (a pattern), placed where that
    /// character is written; where the value cannot be lined up with the source, at the node.
    mutating func error(_ file: ParsedFile, scalar node: Node, valueOffset offset: Int, _ code: DiagnosticCode, _ message: String) {
        guard let (line, column) = ScalarSourceMap(lines: file.lines).position(ofValueOffset: offset, in: node) else {
            let quoted = node.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
            error(file, node.mark, code, message, columnOffset: quoted ? 1 + offset : offset)
            return
        }
        diagnostics.append(
            RuleDiagnostic(path: file.path, line: line, column: column, code: code, message: message, sourceLine: String(file.lines[line - 1])))
    }

    /// The lines of `text` for diagnostics: what `text.split(separator: "\n", omittingEmptySubsequences:
    /// false)` gives, found in the UTF-8 bytes instead of by grapheme clusters. A line feed is its own
    /// cluster except after a carriage return (`\r\n` is one cluster, so the split keeps it inside a line).
    static func lines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var i = utf8.startIndex
        var previous: UInt8 = 0
        while i != utf8.endIndex {
            let b = utf8[i]
            let next = utf8.index(after: i)
            if b == 0x0A && previous != 0x0D {
                lines.append(text[start..<i])
                start = next
            }
            previous = b
            i = next
        }
        lines.append(text[start...])
        return lines
    }

    mutating func parseFile(path: String, text: String) -> ParsedFile? {
        let lines = Self.lines(text)
        let node: Node?
        do {
            // The basic resolver tags every scalar `str` without trying the regular expressions of
            // the default one (int, float, bool, timestamp …) on each: the loader reads each value
            // as the type it expects (`.string`, `.int`, `.null` look at the text, not the tag), and
            // resolving tags was most of the start-up (make callgrind).
            node = try Yams.compose(yaml: text, .basic)
        } catch let e as YamlError {
            var mark: Mark? = nil
            var problem = "\(e)"
            switch e {
            case .scanner(_, let p, let m, _), .parser(_, let p, let m, _), .composer(_, let p, let m, _):
                mark = m
                problem = p
            default: break
            }
            let line = mark?.line ?? 1
            diagnostics.append(
                RuleDiagnostic(
                    path: path, line: line, column: mark?.column ?? 1, code: .invalidYAML, message: "invalid YAML: \(problem)",
                    sourceLine: line - 1 < lines.count ? String(lines[line - 1]) : nil))
            return nil
        } catch {
            diagnostics.append(RuleDiagnostic(path: path, line: 1, column: 1, code: .invalidYAML, message: "invalid YAML: \(error)"))
            return nil
        }
        guard let root = node?.mapping else {
            diagnostics.append(
                RuleDiagnostic(
                    path: path, line: 1, column: 1, code: .badStructure,
                    message: "a rule file is a mapping with 'language', 'dimension', 'lexicons' and 'rules'"))
            return nil
        }
        var file = ParsedFile(path: path, lines: lines, root: root, language: nil, languageName: "", dimension: nil)
        guard let lang = root["language"]?.string else {
            error(file, root["language"]?.mark ?? node?.mark, .badStructure, "missing 'language' (hi, vi, en or common)")
            return nil
        }
        if lang == "common" {
            file.language = nil
        } else if let l = Language(rawValue: lang), l != .und {
            file.language = l
        } else {
            error(file, root["language"]?.mark, .badStructure, "unknown language '\(lang)' (hi, vi, en or common)")
            return nil
        }
        file.languageName = lang
        file.dimension = root["dimension"]?.string
        for (k, _) in root {
            if let key = k.string, !["language", "dimension", "lexicons", "rules", "description"].contains(key) {
                error(file, k.mark, .badStructure, "unknown key '\(key)'")
            }
        }
        return file
    }

    mutating func collectLexicons(_ file: ParsedFile) {
        guard let lexNode = file.root["lexicons"] else { return }
        guard let lexicons = lexNode.mapping else {
            error(file, lexNode.mark, .badStructure, "'lexicons' is a mapping of name → entries")
            return
        }
        for (nameNode, entries) in lexicons {
            guard let name = nameNode.string else { continue }
            let qualified = file.languageName + "." + name
            if lexiconIDs[qualified] != nil {
                error(file, nameNode.mark, .duplicateLexicon, "lexicon '\(name)' is already defined for language '\(file.languageName)'")
                continue
            }
            let id = lexiconNames.count
            lexiconIDs[qualified] = id
            lexiconNames.append(qualified)
            var phrases: [(Node, String)] = []
            if let m = entries.mapping {
                for (k, v) in m { phrases.append((k, v.string ?? "")) }
            } else if let s = entries.sequence {
                for k in s { phrases.append((k, k.string ?? "")) }
            } else {
                error(file, entries.mark, .badStructure, "lexicon '\(name)' is a mapping (phrase: value) or a list of phrases")
                continue
            }
            for (k, value) in phrases {
                guard let phrase = k.string else { continue }
                let keys = phraseKeys(phrase)
                if keys.isEmpty {
                    error(file, k.mark, .emptyPattern, "empty phrase in lexicon '\(name)'")
                    continue
                }
                trie.insert(keys, lexicon: id, value: value)
                weakKeys.formUnion(Self.weakTokenKeys(phrase))
            }
        }
    }

    func resolveLexicon(_ name: String, language: String) -> Int? {
        if name.contains(".") { return lexiconIDs[name] }
        return lexiconIDs[language + "." + name] ?? lexiconIDs["common." + name]
    }

    mutating func collectRules(_ file: ParsedFile) {
        guard let rulesNode = file.root["rules"] else { return }
        guard let list = rulesNode.sequence else {
            error(file, rulesNode.mark, .badStructure, "'rules' is a list")
            return
        }
        guard let dimension = file.dimension else {
            error(file, rulesNode.mark, .badStructure, "a file with rules needs 'dimension'")
            return
        }
        if !dimensions.contains(dimension) {
            error(
                file, file.root["dimension"]?.mark, .unknownDimension, "no resolver for dimension '\(dimension)' (known: \(dimensions.joined(separator: ", ")))"
            )
            return
        }
        for r in list {
            guard let m = r.mapping else {
                error(file, r.mark, .badStructure, "a rule is a mapping with 'id', 'description', 'pattern' and 'examples'")
                continue
            }
            collectRule(file, m, node: r, dimension: dimension)
        }
    }

    mutating func collectRule(_ file: ParsedFile, _ m: Node.Mapping, node: Node, dimension: String) {
        for (k, _) in m {
            if let key = k.string, !["id", "description", "pattern", "priority", "examples", "counterexamples"].contains(key) {
                error(file, k.mark, .badStructure, "unknown rule key '\(key)'")
            }
        }
        guard let idNode = m["id"], let id = idNode.string else {
            error(file, node.mark, .badStructure, "rule without 'id'")
            return
        }
        let prefix = file.languageName + "." + dimension + "."
        if !id.hasPrefix(prefix) || id.count == prefix.count {
            error(file, idNode.mark, .badRuleID, "rule id '\(id)' must be '\(prefix)<slug>'")
        }
        if let other = ruleIDs[id] {
            error(file, idNode.mark, .duplicateRuleID, "duplicate rule id '\(id)' (also in \(other))")
            return
        }
        ruleIDs[id] = file.path
        guard let patNode = m["pattern"], let patText = patNode.string else {
            error(file, idNode.mark, .badStructure, "rule '\(id)' has no 'pattern'")
            return
        }
        let language = file.languageName
        var unknown: [(String, Int)] = []
        let node: PatternNode
        do {
            node = try PatternParser.parse(patText, literalKeys: phraseKeys)
        } catch {
            self.error(file, scalar: patNode, valueOffset: error.offset, error.code, error.message)
            return
        }
        checkLexicons(node, language: language, unknown: &unknown)
        for (name, col) in unknown {
            error(file, scalar: patNode, valueOffset: col, .unknownLexicon, "unknown lexicon '\(name)'")
        }
        if !unknown.isEmpty { return }
        var priority = 0
        if let p = m["priority"] {
            if let v = p.int { priority = v } else { error(file, p.mark, .badStructure, "'priority' is an integer") }
        }
        let exampleLanguage = file.language ?? .en
        let examples = parseExamples(file, m["examples"], language: exampleLanguage, counter: false)
        let counter = parseExamples(file, m["counterexamples"], language: exampleLanguage, counter: true)
        if examples.isEmpty {
            error(file, idNode.mark, .badStructure, "rule '\(id)' has no examples")
        }
        registerLiteralContexts(node)
        rules.append(
            Rule(
                id: id, description: m["description"]?.string ?? "", dimension: dimension, language: file.language,
                priority: priority, pattern: patText, examples: examples, counterexamples: counter, path: file.path,
                line: idNode.mark?.line ?? 1))
        patterns.append(node)
    }

    func checkLexicons(_ node: PatternNode, language: String, unknown: inout [(String, Int)]) {
        switch node {
        case .lexicon(let name, let col): if resolveLexicon(name, language: language) == nil { unknown.append((name, col)) }
        case .sequence(let items), .alternatives(let items): for i in items { checkLexicons(i, language: language, unknown: &unknown) }
        case .repetition(let n, _, _), .capture(_, let n), .context(_, let n, _): checkLexicons(n, language: language, unknown: &unknown)
        case .literal, .tokenClass, .glue: break
        }
    }

    /// Multi-token literals inside a context become one-phrase lexicons.
    mutating func registerLiteralContexts(_ node: PatternNode) {
        switch node {
        case .context(_, let inner, _):
            var atom = inner
            if case .capture(_, let a) = inner { atom = a }
            if case .literal(let keys, let text) = atom, keys.count > 1 {
                let name = "\u{0}literal:" + text
                if lexiconIDs[name] == nil {
                    let id = lexiconNames.count
                    lexiconIDs[name] = id
                    lexiconNames.append(name)
                    trie.insert(keys, lexicon: id, value: text)
                }
            }
        case .sequence(let items), .alternatives(let items): for i in items { registerLiteralContexts(i) }
        case .repetition(let n, _, _), .capture(_, let n): registerLiteralContexts(n)
        case .literal, .tokenClass, .glue, .lexicon: break
        }
    }

    mutating func parseExamples(_ file: ParsedFile, _ node: Node?, language: Language, counter: Bool) -> [RuleExample] {
        guard let node else { return [] }
        guard let list = node.sequence else {
            error(file, node.mark, .badStructure, "'\(counter ? "counterexamples" : "examples")' is a list")
            return []
        }
        var out: [RuleExample] = []
        for ex in list {
            let mark = ex.mark
            if let text = ex.string {
                if !counter { error(file, mark, .badStructure, "an example gives 'text' and 'entities'") }
                out.append(RuleExample(text: text, entities: [], line: mark?.line ?? 1, column: mark?.column ?? 1, language: language))
                continue
            }
            guard let m = ex.mapping, let text = m["text"]?.string else {
                error(file, mark, .badStructure, "an example is a mapping with 'text' and 'entities'")
                continue
            }
            var lang = language
            if let l = m["language"]?.string {
                if let v = Language(rawValue: l) { lang = v } else { error(file, m["language"]?.mark, .badStructure, "unknown language '\(l)'") }
            }
            var entities: [ExpectedEntity] = []
            if let ents = m["entities"] {
                for e in ents.sequence ?? [] {
                    guard let em = e.mapping, let type = em["type"]?.string, let etext = em["text"]?.string else {
                        error(file, e.mark, .badStructure, "an expected entity has 'type', 'text' and 'value'")
                        continue
                    }
                    var value: [String: String?] = [:]
                    for (k, v) in em["value"]?.mapping ?? [:] {
                        guard let key = k.string else { continue }
                        value[key] = v.tag.description.hasSuffix("null") || v.null != nil ? .some(nil) : .some(v.string)
                    }
                    entities.append(ExpectedEntity(type: type, text: etext, value: value))
                }
            } else if !counter {
                error(file, mark, .badStructure, "an example needs 'entities' (an empty list when it yields none)")
            }
            out.append(RuleExample(text: text, entities: entities, line: mark?.line ?? 1, column: mark?.column ?? 1, language: lang))
        }
        return out
    }
}

extension RuleLoader {
    /// Dimensions whose rules run only in paragraphs of their own language: an officer's name is read
    /// by its language's checks (capitalized syllables, Devanagari stop words). Every other dimension
    /// (money, periods, factories, and the metric, scope and title cues that go with them) is found in
    /// a paragraph of any language where its tokens occur (`VND240 billion` inside a Vietnamese
    /// sentence, `1.500 tỷ đồng` quoted in English), its numbers read by the rule's language.
    static let ownLanguageDimensions: Set<String> = ["officer"]

    /// Whether `rule` runs in every paragraph of `language`: common rules everywhere, a language's
    /// rules in its own paragraphs. (Rules of another language run where that language's tokens
    /// occur: ``runsAsForeign(_:)`` and ``Matcher/foreignLanguages(in:tokens:language:)``.)
    static func runs(_ rule: Rule, in language: Language) -> Bool {
        guard let own = rule.language else { return true }
        return own == language && language != .und
    }

    /// Whether `rule` runs in paragraphs of other languages that hold its language's tokens.
    static func runsAsForeign(_ rule: Rule) -> Bool {
        rule.language != nil && rule.language != .und && !ownLanguageDimensions.contains(rule.dimension)
    }

    /// The keys of the tokens of `text` that are not words of a language's own: punctuation, digits,
    /// and Latin words of at most two ASCII letters.
    static func weakTokenKeys(_ text: String) -> [UInt64] {
        let n = NormalizedText(text)
        let tokens = Tokenizer.tokenize(n.units, folded: n.folded, range: 0..<n.units.count)
        return n.folded.withUnsafeBufferPointer { f in
            tokens.compactMap { t -> UInt64? in
                let word = String(utf16Units: Array(n.folded[t.start..<t.end]))
                let letters = word.filter(\.isLetter)
                let strong = !letters.isEmpty && !(letters.count <= 2 && letters.allSatisfy(\.isASCII))
                return strong ? nil : tokenKey(f, t.start, t.end)
            }
        }
    }

    /// The token keys a pattern can read: its literals and the phrases of the lexicons it names.
    func vocabulary(_ node: PatternNode, language: String, phrases: [Int: Set<UInt64>], into out: inout Set<UInt64>) {
        switch node {
        case .literal(let keys, let text):
            out.formUnion(keys)
            out.subtract(Self.weakTokenKeys(text))
        case .lexicon(let name, _): if let id = resolveLexicon(name, language: language), let keys = phrases[id] { out.formUnion(keys) }
        case .sequence(let items), .alternatives(let items): for i in items { vocabulary(i, language: language, phrases: phrases, into: &out) }
        case .repetition(let n, _, _), .capture(_, let n), .context(_, let n, _): vocabulary(n, language: language, phrases: phrases, into: &out)
        case .tokenClass, .glue: break
        }
    }

    /// Per paragraph language, the tokens that call another language's rules in: a word of that
    /// language's patterns that neither the paragraph's language nor `common` uses (`tỷ`, `đồng`,
    /// `tháng` for Vietnamese in English text; `billion`, `since` for English in Vietnamese text; any
    /// Devanagari word of a Hindi rule), never punctuation, digits or a Latin word of one or two ASCII
    /// letters (``weakKeys``: Vietnamese `an toàn` must not call English rules in for `an`).
    /// Value: a bit per ``Language/allCases`` index.
    func foreignTriggers() -> [Language: [UInt64: Int32]] {
        var phrases: [Int: Set<UInt64>] = [:]
        func walk(_ n: Int, _ path: [UInt64]) {
            for t in trie.nodes[n].terminals { phrases[t.lexicon, default: []].formUnion(path) }
            for (k, child) in trie.nodes[n].children { walk(child, path + [k]) }
        }
        walk(0, [])
        var own: [Language?: Set<UInt64>] = [:]
        var foreign: [Language: Set<UInt64>] = [:]
        for (i, rule) in rules.enumerated() {
            var keys = Set<UInt64>()
            vocabulary(patterns[i], language: rule.language.map(\.rawValue) ?? "common", phrases: phrases, into: &keys)
            own[rule.language, default: []].formUnion(keys)
            if let l = rule.language, Self.runsAsForeign(rule) { foreign[l, default: []].formUnion(keys) }
        }
        var out: [Language: [UInt64: Int32]] = [:]
        for paragraph in Language.allCases where paragraph != .und {
            var table: [UInt64: Int32] = [:]
            for (l, keys) in foreign where l != paragraph {
                let bit = Int32(1) << Int32(Language.allCases.firstIndex(of: l)!)
                for k in keys.subtracting(own[paragraph] ?? []).subtracting(own[nil] ?? []).subtracting(weakKeys) {
                    table[k, default: 0] |= bit
                }
            }
            out[paragraph] = table
        }
        return out
    }
}
