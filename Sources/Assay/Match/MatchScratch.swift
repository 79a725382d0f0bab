/// A growable list of plain values behind a raw pointer, for the matcher's inner loops.
///
/// Appending to a Swift `Array` kept in a struct checks that its buffer is uniquely referenced
/// every time; in the Pike VM that check (a call into the runtime) cost more than the work. A
/// `RawList` appends with one capacity comparison. It is a value holding a pointer, so it has one
/// owner: ``MatchScratch`` keeps the live copy and frees it, and the matcher works on a local copy
/// that it writes back before returning (a stale copy after growth would point at freed memory).
struct RawList<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 16) {
        self.capacity = Swift.max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    /// A list of `count` copies of `value`.
    init(repeating value: Element, count: Int) {
        self.init(capacity: count)
        base.initialize(repeating: value, count: count)
        self.count = count
    }

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    @inline(__always)
    mutating func append(_ e: Element) {
        if count == capacity { grow(to: capacity * 2) }
        base[count] = e
        count &+= 1
    }

    /// The last element, removed; the list must not be empty.
    @inline(__always)
    mutating func removeLast() -> Element {
        count &-= 1
        return base[count]
    }

    @inline(__always)
    mutating func removeAll() { count = 0 }

    /// Sets the count to `n` copies of `value`.
    mutating func reset(repeating value: Element, count n: Int) {
        if n > capacity { grow(to: n) }
        base.update(repeating: value, count: n)
        count = n
    }

    /// The elements as a buffer (valid until the next append).
    var buffer: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: base, count: count) }

    @inline(never)
    private mutating func grow(to n: Int) {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: n)
        bigger.initialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = n
    }

    /// Frees the storage; the list must not be used afterwards.
    func free() { base.deallocate() }
}

/// Matching buffers, reused across start tokens, windows and paragraphs of a document, and freed
/// with it. A class only to own the raw lists: the matcher copies its parts out at the start of a
/// paragraph and back at the end, so the hot loops never touch class storage.
final class MatchScratch {
    var cache = TokenCache()
    var candidates: CandidateRules
    var vm: VMState

    init(_ m: Matcher) {
        candidates = CandidateRules(ruleCount: m.rules.count)
        vm = VMState(opCount: m.ops.count, ruleCount: m.rules.count, ringSize: m.maxAdvance + 1)
    }

    deinit {
        cache.free()
        candidates.free()
        vm.free()
    }
}

/// The rules that may start at one token, each once.
struct CandidateRules {
    private(set) var rules = RawList<Int32>()
    private var seen: RawList<Int32>
    private var stamp: Int32 = 0

    init(ruleCount: Int) { seen = RawList(repeating: 0, count: ruleCount) }

    @inline(__always)
    mutating func begin() {
        rules.removeAll()
        if stamp == Int32.max {
            seen.reset(repeating: 0, count: seen.count)
            stamp = 0
        }
        stamp += 1
    }

    /// Adds the rules of list `id` not yet added.
    @inline(__always)
    mutating func add(_ lists: RuleLists, _ id: Int32) {
        for k in lists.bounds[Int(id)] {
            let r = lists.rules[Int(k)]
            if seen[Int(r)] != stamp {
                seen[Int(r)] = stamp
                rules.append(r)
            }
        }
    }

    /// Sorts the rules into rule order (they usually come from one list, already in order).
    @inline(__always)
    mutating func sort() {
        var b = rules.buffer
        var sorted = true
        var i = 1
        while i < b.count {
            if b[i - 1] > b[i] { sorted = false; break }
            i += 1
        }
        if !sorted { b.sort() }
    }

    func free() {
        rules.free()
        seen.free()
    }
}

/// A VM thread: where it is in the program and its newest capture log entry (-1: none).
struct VMThread {
    var pc: Int32
    var cap: Int32
}

/// One capture log entry: `slot = position`, after entry `parent` (-1: none).
struct CaptureEntry {
    var slot: Int32
    var position: Int32
    var parent: Int32
}

/// The Pike VM's state for one run: threads waiting per position (a ring), the DFS stack, the
/// capture log and each rule's best match so far.
struct VMState {
    /// Per instruction: the position stamp at which a thread last reached it.
    var seen: RawList<Int32>
    var stamp: Int32 = 0
    /// Threads waiting per token position modulo the ring size (at most ``Matcher/maxAdvance``
    /// tokens ahead), each slot in priority order.
    var ring: RawList<RawList<VMThread>>
    var stack = RawList<VMThread>(capacity: 64)
    private(set) var log = RawList<CaptureEntry>(capacity: 64)
    private(set) var bestEnd: RawList<Int32>
    private(set) var bestCap: RawList<Int32>
    private var bestRun: RawList<Int32>
    private var runStamp: Int32 = 0
    var touched = RawList<Int32>()

    init(opCount: Int, ruleCount: Int, ringSize: Int) {
        seen = RawList(repeating: 0, count: opCount)
        bestEnd = RawList(repeating: -1, count: ruleCount)
        bestCap = RawList(repeating: -1, count: ruleCount)
        bestRun = RawList(repeating: 0, count: ruleCount)
        ring = RawList(capacity: ringSize)
        for _ in 0..<ringSize { ring.append(RawList(capacity: 16)) }
    }

    /// Clears the per-run state.
    @inline(__always)
    mutating func beginRun() {
        log.removeAll()
        touched.removeAll()
        if runStamp == Int32.max {
            bestRun.reset(repeating: 0, count: bestRun.count)
            runStamp = 0
        }
        runStamp += 1
    }

    /// Starts a new position: instructions reached before count as not reached.
    @inline(__always)
    mutating func nextStamp() {
        if stamp == Int32.max {
            seen.reset(repeating: 0, count: seen.count)
            stamp = 0
        }
        stamp += 1
    }

    /// Records `slot = position` after `parent`; returns the new entry.
    @inline(__always)
    mutating func log(slot: Int32, position: Int, parent: Int32) -> Int32 {
        log.append(CaptureEntry(slot: slot, position: Int32(position), parent: parent))
        return Int32(log.count - 1)
    }

    /// Records a captured token range in the slot pair at `slot`.
    mutating func logRange(slot: Int32, _ lower: Int, _ upper: Int, parent: Int32) -> Int32 {
        log(slot: slot + 1, position: upper, parent: log(slot: slot, position: lower, parent: parent))
    }

    /// Keeps a rule's match ending at `end` when it is longer than the rule's best from this start.
    @inline(__always)
    mutating func accept(rule: Int, end: Int, start: Int, cap: Int32) {
        guard end > start else { return }
        if bestRun[rule] != runStamp {
            bestRun[rule] = runStamp
            touched.append(Int32(rule))
        } else if end <= Int(bestEnd[rule]) {
            return
        }
        bestEnd[rule] = Int32(end)
        bestCap[rule] = cap
    }

    func free() {
        seen.free()
        for k in 0..<ring.count { ring[k].free() }
        ring.free()
        stack.free()
        log.free()
        bestEnd.free()
        bestCap.free()
        bestRun.free()
        touched.free()
    }
}
