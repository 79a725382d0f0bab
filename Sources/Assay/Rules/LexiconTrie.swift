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

    /// Every phrase that starts at token `start`: (lexicon, end token, value), shortest first.
    func matches(keys: UnsafeBufferPointer<UInt64>, start: Int, end: Int, into out: inout [LexiconMatch]) {
        var n = 0
        var i = start
        while i < end, let next = nodes[n].children[keys[i]] {
            n = next
            i += 1
            for t in nodes[n].terminals { out.append(LexiconMatch(lexicon: t.lexicon, end: i, value: t.value)) }
        }
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

/// A lexicon phrase found in a paragraph.
struct LexiconMatch: Sendable {
    var lexicon: Int
    var end: Int
    var value: String
}
