import Assay
import Dispatch
import Foundation
import Synchronization

/// Bounds how many documents are processed at once. A request takes a worker (waiting in arrival
/// order while all are busy, for at most a given time), runs its document on one of the pool's own
/// threads — never on the event loops, the cooperative pool or Dispatch's threads, which stay free
/// to accept, answer and fire the queue timers (with documents on Dispatch threads, a busy machine
/// delayed the 50 ms queue timer until a document finished) — and
/// gives the worker back when the document is done, even when its request already timed out (so
/// the bound is true). A document whose time is up stops at the pipeline's next check
/// (``DocumentDeadline``), so a timed-out request frees its worker soon after its deadline.
final class WorkerPool: Sendable {
    /// Workers in all.
    let workers: Int
    /// How many requests may wait at once.
    let maxQueue: Int

    private struct Waiter {
        var ticket: UInt64
        var continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var closed = false
        var free: Int
        var nextTicket: UInt64 = 0
        var waiters: [Waiter] = []
    }

    private let state: Mutex<State>
    private let threads: WorkerThreads?

    /// A pool of `workers` threads; `threads: false` for a pool that only counts (no `run`).
    init(workers: Int, maxQueue: Int, threads: Bool = true) {
        self.workers = workers
        self.maxQueue = maxQueue
        state = Mutex(State(free: workers))
        self.threads = threads ? WorkerThreads(count: workers) : nil
    }

    /// Busy workers and waiting requests now.
    var load: (busy: Int, waiting: Int) {
        state.withLock { (workers - $0.free, $0.waiters.count) }
    }

    /// Takes a worker, waiting at most `timeout` behind earlier requests; false when none came free
    /// in time or the queue is full. A true result must be matched by one ``release()``.
    func acquire(waitingAtMost timeout: Duration) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            enum Admission {
                case now, refused
                case queued(UInt64)
            }
            let admission: Admission = state.withLock { s in
                if s.closed { return .refused }
                if s.free > 0 {
                    s.free -= 1
                    return .now
                }
                if s.waiters.count >= maxQueue || timeout <= .zero { return .refused }
                s.nextTicket += 1
                s.waiters.append(Waiter(ticket: s.nextTicket, continuation: continuation))
                return .queued(s.nextTicket)
            }
            switch admission {
            case .now: continuation.resume(returning: true)
            case .refused: continuation.resume(returning: false)
            case .queued(let ticket):
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout.dispatchInterval) { self.expire(ticket) }
            }
        }
    }

    /// Takes a worker, waiting as long as it takes (no queue limit); false only once ``close()``d.
    func acquire() async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let now: Bool? = state.withLock { s in
                if s.closed { return false }
                if s.free > 0 {
                    s.free -= 1
                    return true
                }
                s.nextTicket += 1
                s.waiters.append(Waiter(ticket: s.nextTicket, continuation: continuation))
                return nil
            }
            if let now { continuation.resume(returning: now) }
        }
    }

    /// Refuses every waiting and later request (false), for a pool that is no longer needed.
    func close() {
        let waiting: [Waiter] = state.withLock { s in
            s.closed = true
            defer { s.waiters = [] }
            return s.waiters
        }
        for w in waiting { w.continuation.resume(returning: false) }
    }

    /// Gives a worker back: to the longest-waiting request, else to the free count.
    func release() {
        let next: Waiter? = state.withLock { s in
            if s.waiters.isEmpty {
                s.free += 1
                return nil
            }
            return s.waiters.removeFirst()
        }
        next?.continuation.resume(returning: true)
    }

    /// A waiter's time is up: it leaves the queue with false (unless a worker reached it first).
    private func expire(_ ticket: UInt64) {
        let gone: Waiter? = state.withLock { s in
            guard let i = s.waiters.firstIndex(where: { $0.ticket == ticket }) else { return nil }
            return s.waiters.remove(at: i)
        }
        gone?.continuation.resume(returning: false)
    }

    /// Runs `work` on one of the pool's threads with a worker already taken by
    /// ``acquire(waitingAtMost:)``, releasing it when `work` returns. The result, or nil when
    /// `deadline` passes first. `work` gets the deadline as a ``DocumentDeadline`` to hand to the
    /// pipeline (``Pipeline/shouldContinue``), so it stops at its next check after the deadline and
    /// frees its worker then, not when the whole document would have been done.
    func run<T: Sendable>(until deadline: ContinuousClock.Instant, _ work: @escaping @Sendable (DocumentDeadline) -> T) async -> T? {
        let once = Once<T?>()
        let limit = DocumentDeadline(deadline)
        return await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
            once.set(continuation)
            threads!.submit {
                let result = work(limit)
                self.release()
                once.resume(result)
            }
            let left = ContinuousClock.now.duration(to: deadline)
            DispatchQueue.global().asyncAfter(deadline: .now() + max(left, .zero).dispatchInterval) { once.resume(nil) }
        }
    }

    /// Runs `work` on a Dispatch thread with a worker already taken, without a deadline.
    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            threads!.submit {
                let result = work()
                self.release()
                continuation.resume(returning: result)
            }
        }
    }
}

/// Threads of their own that run submitted jobs in order; they live as long as the process.
private final class WorkerThreads: @unchecked Sendable {
    // @unchecked: `jobs` is only touched with `condition` locked.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var head = 0

    init(count: Int) {
        for i in 0..<count {
            let t = Thread { [self] in loop() }
            t.name = "assay-worker-\(i)"
            t.stackSize = 8 << 20
            t.start()
        }
    }

    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while head == jobs.count { condition.wait() }
            let job = jobs[head]
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            }
            condition.unlock()
            job()
        }
    }
}

/// A continuation resumed by whichever of two events comes first.
private final class Once<T: Sendable>: Sendable {
    private enum State {
        case empty
        case waiting(CheckedContinuation<T, Never>)
        /// A value came before the continuation was set.
        case early(T)
        case done
    }

    private let state = Mutex<State>(.empty)

    func set(_ c: CheckedContinuation<T, Never>) {
        let value: T? = state.withLock { s in
            if case .early(let v) = s {
                s = .done
                return v
            }
            s = .waiting(c)
            return nil
        }
        if let value { c.resume(returning: value) }
    }

    func resume(_ value: T) {
        let c: CheckedContinuation<T, Never>? = state.withLock { s in
            switch s {
            case .waiting(let c):
                s = .done
                return c
            case .empty:
                s = .early(value)
                return nil
            case .early, .done:
                return nil
            }
        }
        c?.resume(returning: value)
    }
}

extension Duration {
    /// As a Dispatch interval, in whole nanoseconds.
    var dispatchInterval: DispatchTimeInterval {
        let (s, atto) = components
        return .nanoseconds(Int(s) * 1_000_000_000 + Int(atto / 1_000_000_000))
    }
}

/// A document's time limit as the pipeline consults it (``Pipeline/shouldContinue``): true until
/// the instant passes; afterwards false, remembered in ``stopped``.
final class DocumentDeadline: Sendable {
    /// When the document's time is up.
    let instant: ContinuousClock.Instant
    private let tripped = Atomic<Bool>(false)

    init(_ instant: ContinuousClock.Instant) { self.instant = instant }

    /// Whether the document may go on (the pipeline's check): false from the deadline on.
    func check() -> Bool {
        if ContinuousClock.now < instant { return true }
        tripped.store(true, ordering: .relaxed)
        return false
    }

    /// Whether a check found the time up, so the pipeline stopped short of the record.
    var stopped: Bool { tripped.load(ordering: .relaxed) }

    /// `pipeline`, stopping at this deadline.
    func bound(_ pipeline: Pipeline) -> Pipeline {
        var p = pipeline
        p.shouldContinue = { self.check() }
        return p
    }
}
