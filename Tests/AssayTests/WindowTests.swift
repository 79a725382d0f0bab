import Foundation
import Testing

@testable import Assay

/// A very large document is processed in windows (memory follows the window, not the document).
/// These tests shrink the windows so that ordinary corpus text crosses many of them, and check the
/// record against the one the whole document gives.
@Suite struct WindowTests {
    static var whole: Pipeline {
        get throws { Pipeline(rules: try shippedRules, windows: .init(threshold: .max, size: 1)) }
    }
    static var windowed: Pipeline {
        get throws { Pipeline(rules: try shippedRules, windows: .init(threshold: 0, size: 3000)) }
    }

    /// The UTF-8 corpus documents of one language folder, BOM and carriage returns removed.
    static func documents(_ lang: String) throws -> [String] {
        let dir = packageRoot.appendingPathComponent("corpus/\(lang)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted()
        return names.compactMap { name in
            guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path),
                let text = String(data: data, encoding: .utf8)
            else { return nil }
            return text.replacingOccurrences(of: "\u{FEFF}", with: "").replacingOccurrences(of: "\r", with: "")
        }
    }

    @Test func manyParagraphsGiveTheWholeDocumentsRecord() throws {
        let text = try (Self.documents("vi") + Self.documents("en") + Self.documents("hi")).joined(separator: "\n")
        let bytes = Array(text.utf8)
        #expect(bytes.count > 60_000)
        let a = try Self.whole.process(bytes: bytes, source: "t")
        let b = try Self.windowed.process(bytes: bytes, source: "t")
        #expect(a.entities.count > 500)
        // Cuts fall on line ends, so every paragraph, sentence and link is whole.
        #expect(a.language == b.language)
        #expect(a.segments == b.segments)
        #expect(a.entities == b.entities)
        #expect(a.facts == b.facts)
    }

    @Test func theMainFactoryIsChosenOverTheWholeDocument() throws {
        // An article about one factory whose figures link to it by document: with windows of a
        // few hundred units, the factory's mentions are spread over many windows.
        let url = packageRoot.appendingPathComponent("corpus/vi/z143-hoi-nghi-nguoi-lao-dong.txt")
        let bytes = Array(try Data(contentsOf: url))
        let a = try Self.whole.process(bytes: bytes, source: "t")
        let b = try Pipeline(rules: shippedRules, windows: .init(threshold: 0, size: 400)).process(bytes: bytes, source: "t")
        let linked = a.facts.filter { $0.factoryBy == .document }
        #expect(linked.count >= 5)
        #expect(b.entities == a.entities)
        #expect(b.facts.map(\.factory) == a.facts.map(\.factory))
        #expect(b.facts.map(\.factoryBy) == a.facts.map(\.factoryBy))
        #expect(b.facts.map(\.metric) == a.facts.map(\.metric))
    }

    @Test func oneLongLineGivesTheSameEntitiesAndOneSegment() throws {
        // One paragraph of Vietnamese text with no line break: windows cut after sentence ends.
        let text = try Self.documents("vi").map { $0.split(whereSeparator: \.isNewline).joined(separator: " ") }.joined(separator: " ")
        let bytes = Array(text.utf8)
        let a = try Self.whole.process(bytes: bytes, source: "t")
        let b = try Self.windowed.process(bytes: bytes, source: "t")
        #expect(a.segments.count == 1)
        #expect(b.segments == a.segments)
        #expect(b.language == .vi)
        // Offsets point into the original: every entity's text is its slice of the document.
        let scalars = Array(text.unicodeScalars)
        for e in b.entities {
            #expect(e.text == String(String.UnicodeScalarView(scalars[e.start..<e.end])))
        }
        let sa = Set(a.entities.map { "\($0.type) \($0.start) \($0.end) \($0.value)" })
        let sb = Set(b.entities.map { "\($0.type) \($0.start) \($0.end) \($0.value)" })
        // A match across a cut (rare: cuts follow sentence ends) may be lost; nothing new appears.
        #expect(sb.isSubset(of: sa))
        #expect(Double(sb.count) >= 0.99 * Double(sa.count))
        #expect(b.facts.count == b.entities.filter { $0.type == .money }.count)
    }

    @Test func aSpilledRecordIsTheSameLine() throws {
        // Entities and facts written to a spill file window by window, then put between the
        // record's halves, give the bytes the record held in memory gives.
        let text = try (Self.documents("vi") + Self.documents("hi")).joined(separator: "\n")
        let bytes = Array(text.utf8)
        let inMemory = try Self.windowed.process(bytes: bytes, source: "t")
        let dir = FileManager.default.temporaryDirectory.path
        let (spilled, _) = try Self.windowed.process(bytes: bytes, source: "t", profiling: false, spillDirectory: dir)
        let body = try #require(spilled.spilled)
        defer { try? FileManager.default.removeItem(atPath: body.path) }
        #expect(spilled.entities.isEmpty && spilled.facts.isEmpty)
        #expect(body.factCount == inMemory.facts.count)
        #expect(body.entityCounts.values.reduce(0, +) == inMemory.entities.count)
        let (head, tail) = spilled.spilledHalves()
        let line = head + Array(try Data(contentsOf: URL(fileURLWithPath: body.path))) + tail
        #expect(line == inMemory.json() + [0x0A])
        var stats = BatchStats()
        stats.add(spilled, bytes: bytes.count)
        #expect(stats.facts == inMemory.facts.count)
        #expect(stats.entities[.money] == inMemory.entities.filter { $0.type == .money }.count)
    }

    @Test func cutsKeepCharactersWhole() throws {
        // No spaces at all: the cut must not split a surrogate pair or detach a combining mark.
        let text = String(repeating: "a\u{0301}😀क्\u{200D}", count: 5000)
        let units = Array(text.utf16)
        let ranges = Pipeline.windowRanges(units, size: 1000)
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == units.count)
        for (r, next) in zip(ranges, ranges.dropFirst()) {
            #expect(r.upperBound == next.lowerBound)
            #expect(Pipeline.startsCleanly(units, next.lowerBound))
        }
        let record = try Self.windowed.process(bytes: Array(text.utf8), source: "t")
        #expect(record.segments.count == 1)
        #expect(try record.segments == Self.whole.process(bytes: Array(text.utf8), source: "t").segments)
    }
}
