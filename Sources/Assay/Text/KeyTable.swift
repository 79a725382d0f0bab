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
