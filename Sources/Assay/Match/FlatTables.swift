/// The lexicon trie laid out for matching: edges in one ``KeyTable`` keyed by (token key, node), and
/// each node's terminal lexicons in one flat array, in the trie's order.
struct FlatTrie: Sendable {
    private let edges: KeyTable
    /// Node n's terminal lexicon ids are `terminals[terminalStart[n]..<terminalStart[n + 1]]`.
    private let terminalStart: [Int32]
    private let terminals: [Int32]

    init(_ trie: LexiconTrie) {
        var edges = KeyTable(capacity: trie.nodes.count)
        var starts: [Int32] = []
        var terms: [Int32] = []
        for (n, node) in trie.nodes.enumerated() {
            for (k, child) in node.children { edges.insert(k, tag: Int32(n), value: Int32(child)) }
            starts.append(Int32(terms.count))
            terms.append(contentsOf: node.terminals.map { Int32($0.lexicon) })
        }
        starts.append(Int32(terms.count))
        self.edges = edges
        terminalStart = starts
        terminals = terms
    }

    /// The node reached by the phrase `keys`, or nil.
    func node(_ keys: ArraySlice<UInt64>) -> Int? {
        var n: Int32 = 0
        for k in keys {
            n = edges.find(k, tag: n)
            if n < 0 { return nil }
        }
        return Int(n)
    }

    /// Calls `found(lexicon, end)` for every phrase that starts at token `start` and ends by `end`,
    /// shortest first (the order of ``LexiconTrie/matches(keys:start:end:into:)``).
    @inline(__always)
    func matches(keys: UnsafeBufferPointer<UInt64>, start: Int, end: Int, _ found: (Int32, Int32) -> Void) {
        var n: Int32 = 0
        var i = start
        while i < end {
            let next = edges.find(keys[i], tag: n)
            if next < 0 { return }
            n = next
            i += 1
            for t in Int(terminalStart[Int(n)])..<Int(terminalStart[Int(n) + 1]) { found(terminals[t], Int32(i)) }
        }
    }
}

/// Lists of rule indices in one flat array, each list a range of it.
struct RuleLists: Sendable {
    private(set) var rules: [Int32] = []
    private(set) var bounds: [Range<Int32>] = []

    /// Appends a list; returns its id.
    mutating func add(_ list: [Int]) -> Int32 {
        let start = Int32(rules.count)
        rules.append(contentsOf: list.map(Int32.init))
        bounds.append(start..<Int32(rules.count))
        return Int32(bounds.count - 1)
    }
}
