import Foundation
import Synchronization
import Testing

@testable import Assay

/// ``Pipeline/shouldContinue``: a caller that gives up on a document stops it between stages and
/// windows; a caller that never does gets the same record as without the hook.
@Suite struct PipelineStopTests {
    /// Counts the checks and answers false from check `stopAt` on (never, when nil).
    final class CountingCheck: Sendable {
        let calls = Atomic<Int>(0)
        let stopAt: Int?
        init(stopAt: Int?) { self.stopAt = stopAt }
        func check() -> Bool {
            let n = calls.add(1, ordering: .relaxed).newValue
            return stopAt.map { n < $0 } ?? true
        }
    }

    static var plain: Pipeline {
        get throws { Pipeline(rules: try shippedRules) }
    }

    static func text() throws -> [UInt8] {
        Array(try WindowTests.documents("vi").joined(separator: "\n").utf8)
    }

    static func checked(_ pipeline: Pipeline, _ check: CountingCheck) -> Pipeline {
        var p = pipeline
        p.shouldContinue = { check.check() }
        return p
    }

    @Test func aHookThatNeverStopsGivesTheSameRecord() throws {
        let bytes = try Self.text()
        for base in [try Self.plain, try WindowTests.windowed] {
            let check = CountingCheck(stopAt: nil)
            let plain = base.process(bytes: bytes, source: "t").json()
            let hooked = Self.checked(base, check).process(bytes: bytes, source: "t").json()
            #expect(hooked == plain)
            // Consulted before each of the five stages (of every window) and once at the end.
            #expect(check.calls.load(ordering: .relaxed) >= 6)
        }
    }

    @Test func aWindowedDocumentStopsAtTheNextCheck() throws {
        let bytes = try Self.text()
        let full = CountingCheck(stopAt: nil)
        let complete = Self.checked(try WindowTests.windowed, full).process(bytes: bytes, source: "t")
        #expect(complete.error == nil)
        #expect(complete.entities.count > 50)
        // Many windows of 3,000 units: a check per stage of each.
        let allChecks = full.calls.load(ordering: .relaxed)
        #expect(allChecks > 50)
        // Told to stop at the third check (the second stage of the first window): the window
        // loop and the final check see it too, and nothing more runs.
        let stop = CountingCheck(stopAt: 3)
        let record = Self.checked(try WindowTests.windowed, stop).process(bytes: bytes, source: "t", meta: .object([("k", .string("v"))]))
        #expect(stop.calls.load(ordering: .relaxed) == 5)
        #expect(record.error?.code == .unreadable)
        #expect(record.source == "t")
        #expect(record.meta == .object([("k", .string("v"))]))
        #expect(record.id == nil)
        #expect(record.entities.isEmpty && record.facts.isEmpty && record.segments.isEmpty && record.diagnostics.isEmpty)
    }

    @Test func aWholeDocumentStopsBetweenStages() throws {
        let bytes = try Self.text()
        let base = try Self.plain
        let full = CountingCheck(stopAt: nil)
        _ = Self.checked(base, full).process(bytes: bytes, source: "t")
        // Five stages and the final check.
        #expect(full.calls.load(ordering: .relaxed) == 6)
        for k in 1...6 {
            let stop = CountingCheck(stopAt: k)
            let record = Self.checked(base, stop).process(bytes: bytes, source: "t")
            #expect(record.error?.code == .unreadable, "stopped at check \(k)")
            // The stage that saw it returned at once; only the final check followed.
            #expect(stop.calls.load(ordering: .relaxed) == min(k + 1, 6), "stopped at check \(k)")
        }
    }
}
