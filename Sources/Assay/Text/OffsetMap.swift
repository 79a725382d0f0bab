import Algorithms

/// Maps spans of normalized text back to the decoded original, both in UTF-16 code units.
///
/// The map is a list of runs in normalized order. An identity run was copied unchanged, so
/// offsets inside it map one to one; a rewritten run (NFC composition, a fold, a deletion) maps
/// as a whole, so a span that starts or ends inside it widens to the run's edges.
package struct OffsetMap: Sendable, Equatable {
    /// One copied or rewritten stretch.
    package struct Run: Sendable, Equatable {
        package var normStart: Int
        package var normEnd: Int
        package var origStart: Int
        package var origEnd: Int
        /// Copied unchanged (lengths equal, offsets map one to one).
        package var identity: Bool
    }

    /// The runs, in normalized order, covering the normalized and the original text without gaps.
    package private(set) var runs: [Run] = []

    /// An empty map.
    package init() {}

    /// The identity map over `count` units.
    package init(identity count: Int) {
        if count > 0 { runs = [Run(normStart: 0, normEnd: count, origStart: 0, origEnd: count, identity: true)] }
    }

    var normCount: Int { runs.last?.normEnd ?? 0 }
    var origCount: Int { runs.last?.origEnd ?? 0 }

    /// Appends `count` units copied from `origStart`.
    mutating func copy(origStart: Int, count: Int) {
        guard count > 0 else { return }
        let n = normCount
        if var last = runs.last, last.identity, last.origEnd == origStart, last.normEnd == n {
            last.normEnd += count
            last.origEnd += count
            runs[runs.count - 1] = last
        } else {
            runs.append(Run(normStart: n, normEnd: n + count, origStart: origStart, origEnd: origStart + count, identity: true))
        }
    }

    /// Appends a rewritten run: `normCount` output units standing for `origStart..<origEnd`.
    mutating func rewrite(normCount count: Int, origStart: Int, origEnd: Int) {
        let n = normCount
        if var last = runs.last, origStart < last.origEnd {
            // Overlaps what is already mapped (a fold over a composed cluster): one rewritten run.
            last.identity = false
            last.normEnd = n + count
            last.origEnd = max(last.origEnd, origEnd)
            runs[runs.count - 1] = last
            return
        }
        runs.append(Run(normStart: n, normEnd: n + count, origStart: origStart, origEnd: origEnd, identity: false))
    }

    /// Removes the last `count` normalized units, which must lie in a trailing identity run.
    /// Returns false (and changes nothing) when they do not.
    mutating func retract(_ count: Int) -> Bool {
        guard var last = runs.last, last.identity, last.normEnd - last.normStart >= count else { return false }
        last.normEnd -= count
        last.origEnd -= count
        if last.normEnd == last.normStart { runs.removeLast() } else { runs[runs.count - 1] = last }
        return true
    }

    /// The original span of the normalized span `range`, widened to the edges of rewritten runs.
    package func originalRange(_ range: Range<Int>) -> Range<Int> {
        guard !runs.isEmpty else { return 0..<0 }
        if range.isEmpty {
            let p = originalStart(range.lowerBound)
            return p..<p
        }
        let s = originalStart(range.lowerBound)
        let e = originalEnd(range.upperBound)
        return s..<max(s, e)
    }

    func originalStart(_ a: Int) -> Int {
        // First run whose end is past a: it is non-empty and holds a.
        let k = runs.partitioningIndex { $0.normEnd > a }
        guard k < runs.count else { return origCount }
        let r = runs[k]
        return r.identity ? r.origStart + (a - r.normStart) : r.origStart
    }

    func originalEnd(_ b: Int) -> Int {
        // Last run that starts before b.
        let k = runs.partitioningIndex { $0.normStart >= b }
        guard k > 0 else { return 0 }
        let r = runs[k - 1]
        return r.identity ? r.origStart + (b - r.normStart) : r.origEnd
    }

    /// This map followed by `inner` (a map from a text derived from this map's normalized text):
    /// the result maps `inner`'s normalized text to this map's original.
    func composed(with inner: OffsetMap) -> OffsetMap {
        if runs.count == 1, runs[0].identity, runs[0].origStart == 0 { return inner }
        var out = OffsetMap()
        for r in inner.runs {
            let count = r.normEnd - r.normStart
            if r.identity {
                // Split along this map's runs.
                var x = r.origStart
                var k = runs.partitioningIndex { $0.normEnd > x }
                while x < r.origEnd, k < runs.count {
                    let m = runs[k]
                    let y = min(r.origEnd, m.normEnd)
                    if y > x {
                        if m.identity {
                            out.copy(origStart: m.origStart + (x - m.normStart), count: y - x)
                        } else {
                            out.rewrite(normCount: y - x, origStart: m.origStart, origEnd: m.origEnd)
                        }
                    } else if m.normStart == m.normEnd, m.normStart >= x {
                        // a deletion inside this identity stretch: keep it as an empty run
                        out.rewrite(normCount: 0, origStart: m.origStart, origEnd: m.origEnd)
                    }
                    x = max(x, y)
                    k += 1
                }
                _ = count
            } else {
                let o = originalRange(r.origStart..<r.origEnd)
                out.rewrite(normCount: count, origStart: o.lowerBound, origEnd: o.upperBound)
            }
        }
        return out
    }
}
