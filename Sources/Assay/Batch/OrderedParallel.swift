import Foundation

/// Runs `work` over indices 0..<count on `jobs` threads and hands results to `emit` in index order,
/// keeping at most `window` results in flight, so memory is bounded by the documents in flight.
package func orderedParallel<T>(
    count: Int, jobs: Int, window: Int, work: @escaping @Sendable (Int) -> T, emit: (Int, T) -> Void
) {
    if jobs <= 1 {
        for i in 0..<count { emit(i, work(i)) }
        return
    }
    let shared = OrderedShared<T>()
    let threads = min(jobs, max(1, count))
    let group = DispatchGroup()
    for _ in 0..<threads {
        group.enter()
        let t = Thread {
            while true {
                shared.cond.lock()
                while shared.next < count && shared.next >= shared.emitted + window { shared.cond.wait() }
                let i = shared.next
                if i >= count {
                    shared.cond.unlock()
                    break
                }
                shared.next += 1
                shared.cond.unlock()
                let r = work(i)
                shared.cond.lock()
                shared.results[i] = r
                shared.cond.broadcast()
                shared.cond.unlock()
            }
            group.leave()
        }
        t.stackSize = 8 << 20
        t.start()
    }
    for i in 0..<count {
        shared.cond.lock()
        while shared.results[i] == nil { shared.cond.wait() }
        let r = shared.results.removeValue(forKey: i)!
        shared.cond.unlock()
        emit(i, r)
        shared.cond.lock()
        shared.emitted = i + 1
        shared.cond.broadcast()
        shared.cond.unlock()
    }
    group.wait()
}

/// The state the workers and the writer of ``orderedParallel`` share, guarded by `cond`.
final class OrderedShared<T>: @unchecked Sendable {
    let cond = NSCondition()
    var next = 0
    var emitted = 0
    var results: [Int: T] = [:]
}
