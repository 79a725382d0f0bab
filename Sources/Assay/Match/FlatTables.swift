/// An open-addressing hash table from a 64-bit key (and an optional 32-bit tag) to an `Int32`, for
/// the matcher's per-token lookups. Token keys are already FNV hashes, so one multiply spreads them;
/// Swift's `Dictionary` hashes every lookup with SipHash and was a visible share of matching time.
struct KeyTable: Sendable {
    /// One slot: key, tag and value side by side, so a probe reads one cache line.
    struct Slot: Sendable {
        var key: UInt64 = 0
        var tag: Int32 = 0
        /// -1 marks an empty slot.
        var value: Int32 = -1
    }

    private var slots: [Slot]
    private var shift: UInt64

    /// A table for about `capacity` entries (kept at most half full).
    init(capacity: Int) {
        var bits = 4
        while (1 << bits) < capacity * 2 { bits += 1 }
        slots = [Slot](repeating: Slot(), count: 1 << bits)
        shift = UInt64(64 - bits)
    }

    @inline(__always)
    private func home(_ key: UInt64, _ tag: Int32) -> Int {
        let h = (key ^ (UInt64(UInt32(bitPattern: tag)) &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: h >> shift)
    }

    /// Sets the value of `(key, tag)`; the table must not be full.
    mutating func insert(_ key: UInt64, tag: Int32 = 0, value: Int32) {
        let mask = slots.count - 1
        var i = home(key, tag)
        while slots[i].value >= 0, slots[i].key != key || slots[i].tag != tag { i = (i + 1) & mask }
        slots[i] = Slot(key: key, tag: tag, value: value)
    }

    /// The value of `(key, tag)`, or -1.
    @inline(__always)
    func find(_ key: UInt64, tag: Int32 = 0) -> Int32 {
        slots.withUnsafeBufferPointer { table in
            let mask = table.count - 1
            var i = home(key, tag)
            while true {
                let slot = table[i]
                if slot.value < 0 { return -1 }
                if slot.key == key && slot.tag == tag { return slot.value }
                i = (i + 1) & mask
            }
        }
    }
}

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
