/// All lexicon phrases of all rule files in one trie over token keys.
struct LexiconTrie: Sendable {
    struct Node: Sendable {
        var children: [UInt64: Int] = [:]
        /// (lexicon id, value) for phrases ending here
        var terminals: [(lexicon: Int, value: String)] = []
    }

    private(set) var nodes: [Node] = [Node()]
    private(set) var maxPhraseLength = 0

    /// Adds a phrase (its token keys) with its value to a lexicon. A later entry for the same phrase
    /// in the same lexicon replaces the earlier one.
    mutating func insert(_ keys: [UInt64], lexicon: Int, value: String) {
        guard !keys.isEmpty else { return }
        var n = 0
        for k in keys {
            if let next = nodes[n].children[k] {
                n = next
            } else {
                nodes.append(Node())
                nodes[n].children[k] = nodes.count - 1
                n = nodes.count - 1
            }
        }
        nodes[n].terminals.removeAll { $0.lexicon == lexicon }
        nodes[n].terminals.append((lexicon, value))
        maxPhraseLength = max(maxPhraseLength, keys.count)
    }

    /// The value of the phrase `keys[range]` in one of `lexicons`, if it is exactly a phrase.
    func value(keys: ArraySlice<UInt64>, lexicons: Set<Int>) -> String? {
        var n = 0
        for k in keys {
            guard let next = nodes[n].children[k] else { return nil }
            n = next
        }
        return nodes[n].terminals.first { lexicons.contains($0.lexicon) }?.value
    }
}
