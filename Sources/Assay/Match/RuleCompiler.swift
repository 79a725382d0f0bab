extension RuleLoader {
    /// Compiles the loaded rules into one matcher: each rule's pattern into the shared program, a
    /// first-token dispatch per paragraph language (its rules and common ones) and one per language
    /// for its rules that run in other languages' paragraphs, with the tokens that call them in.
    func compileMatcher() -> Matcher {
        var builder = ProgramBuilder(lexiconID: { [lexiconIDs] name in lexiconIDs[name] })
        var compiled: [CompiledRule] = []
        var slotCount = 0
        var firsts: [(atoms: Set<Atom>, nullable: Bool)] = []
        for (i, rule) in rules.enumerated() {
            let lang = rule.language.map(\.rawValue) ?? "common"
            let resolve: (String) -> Int? = { name in
                if name.hasPrefix("\u{0}") { return lexiconIDs[name] }
                return self.resolveLexicon(name, language: lang)
            }
            builder.slots = [:]
            builder.captureLexicons = [:]
            builder = ProgramBuilder(code: builder.code, slots: [:], captureLexicons: [:], lexiconID: resolve)
            let entry = builder.code.count
            builder.compile(patterns[i])
            _ = builder.emit(.accept(i))
            compiled.append(CompiledRule(entry: entry, slots: builder.slots, captureLexicons: builder.captureLexicons))
            slotCount = max(slotCount, builder.slots.count * 2)
            firsts.append(firstAtoms(patterns[i], lexiconID: resolve))
        }
        /// The first-token dispatch of the rules `runs` selects.
        func dispatch(_ runs: (Rule) -> Bool) -> Dispatch {
            var d = Dispatch()
            for (i, rule) in rules.enumerated() where runs(rule) {
                let f = firsts[i]
                if f.nullable || f.atoms.contains(.tokenClass(.ANY)) {
                    d.always.append(i)
                    continue
                }
                for a in f.atoms {
                    switch a {
                    case .literal(let k): d.literal[k, default: []].append(i)
                    case .lexicon(let id): d.lexicon[id, default: []].append(i)
                    case .tokenClass(let c): d.classes[c, default: []].append(i)
                    }
                }
            }
            return d
        }
        var own: [Language: Dispatch] = [:]
        var foreign: [Language: Dispatch] = [:]
        for lang in Language.allCases {
            own[lang] = dispatch { Self.runs($0, in: lang) }
            if lang != .und { foreign[lang] = dispatch { $0.language == lang && Self.runsAsForeign($0) } }
        }
        return Matcher(
            code: builder.code, rules: compiled, trie: trie, dispatch: own, foreignDispatch: foreign, triggers: foreignTriggers(),
            slotCount: max(slotCount, 2))
    }
}
