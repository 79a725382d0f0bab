import AssaySupport
import Foundation
import Testing

@testable import Assay

/// `--stdin-jsonl` lines (issue 13, item 5): every line gets a record; bad bytes and lone surrogates
/// give W301; numbers follow JSON's grammar.
@Suite struct StreamLineTests {
    static var pipeline: Pipeline {
        get throws { Pipeline(rules: try shippedRules) }
    }

    static func record(_ line: [UInt8], _ n: Int = 1) throws -> Record {
        var bytes = line
        let (r, _, _) = StreamLine.process(&bytes, line: n, pipeline: try pipeline, encoding: nil)
        #expect(bytes.isEmpty)  // released once parsed
        return r
    }

    @Test(arguments: ["0", "-0", "12", "-12.5", "1e5", "1E+5", "1.5e-3", "0.0", "-0.25E10"])
    func validNumbers(_ n: String) throws {
        #expect(try JSONParser.parse(Array(n.utf8)) == .number(n))
        #expect(try JSONParser.parse(Array("{\"a\":[\(n), \(n)]}".utf8)) == .object([("a", .array([.number(n), .number(n)]))]))
    }

    @Test(arguments: ["1-2", "01", "1.", ".5", "1e", "-", "+1", "1e+", "--1", "1.2.3", "0x10", "1 2", "NaN", "-Infinity", "1ee5", "00"])
    func invalidNumbersAreRejected(_ n: String) throws {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(n.utf8)) }
        let r = try Self.record(Array("{\"text\":\"Z131\",\"n\":\(n)}".utf8), 4)
        #expect(r.error?.code == .malformedStreamLine)
        #expect(r.source == "stdin:4")
        #expect(r.json().count > 0)
    }

    @Test func emptyAndBlankLinesGetAnE303Record() throws {
        for line in ["", " ", "\t \r"] {
            let r = try Self.record(Array(line.utf8), 7)
            #expect(r.error?.code == .malformedStreamLine)
            #expect(r.source == "stdin:7")
            #expect(r.id == nil && r.entities.isEmpty)
        }
        #expect(try Self.record([]).error?.message == "line 1: empty line: expected a JSON object")
    }

    @Test func notAnObjectOrNoTextIsE303() throws {
        #expect(try Self.record(Array("[1]".utf8)).error?.code == .malformedStreamLine)
        #expect(try Self.record(Array("\"text\"".utf8)).error?.code == .malformedStreamLine)
        let r = try Self.record(Array("{\"id\":\"a\",\"text\":5,\"k\":true}".utf8))
        #expect(r.error?.code == .malformedStreamLine)
        #expect(r.source == "a")
        #expect(r.meta == .object([("k", .bool(true))]))
    }

    @Test func anEscapedLoneSurrogateIsReplacedWithW301AtItsScalar() throws {
        // The text the line decodes to, with the first replaced surrogate and the factory code marked;
        // the emoji is a proper pair.
        let decoded = try MarkedText("Nhà máy ⟦\u{FFFD}⟧ ⟦Z131⟧ 😀 \u{FFFD}")
        let line = Array(#"{"id":"x","text":"Nhà máy \ud800 Z131 \ud83d\ude00 \udc00"}"#.utf8)
        let r = try Self.record(line)
        #expect(r.error == nil)
        #expect(r.diagnostics.map(\.code) == [.invalidBytes])
        #expect(r.diagnostics[0].start == decoded.spans[0].lowerBound && r.diagnostics[0].end == decoded.spans[0].upperBound)
        #expect(r.diagnostics[0].message.contains("2 in all"))
        #expect(r.entities.contains { $0.type == .factory && $0.start == decoded.spans[1].lowerBound })
        // The id is the hash of the text's bytes with U+FFFD for each lone surrogate.
        let same = try Self.record(Array("{\"text\":\"\(decoded.text)\"}".utf8))
        #expect(same.id == r.id)
        #expect(same.diagnostics.isEmpty)
    }

    @Test func aHighSurrogateBeforeAnotherEscapeIsLoneAndTheEscapeIsKept() throws {
        let s = try JSONParser.parse(Array(#""a\ud800\u0041""#.utf8))
        #expect(s == .string("a\u{FFFD}A"))
    }

    @Test func invalidUTF8InTheTextIsW301WithItsPosition() throws {
        // The bad bytes come where the empty span is marked: the diagnostic's scalar offset; the
        // message gives the byte offset in the text.
        let before = try MarkedText("Nhà máy Z131 ⟦⟧")
        let prefix = Array(#"{"text":""#.utf8) + Array(before.text.utf8)
        let r = try Self.record(prefix + [0xFF, 0xFE] + Array(#" đạt 1.500 tỷ đồng"}"#.utf8))
        #expect(r.error == nil)
        #expect(r.diagnostics.map(\.code) == [.invalidBytes])
        #expect(r.diagnostics[0].start == before.spans[0].lowerBound)
        #expect(r.diagnostics[0].message.contains("offset \(before.text.utf8.count)"))
        #expect(r.entities.contains { $0.type == .money })
        #expect(r.encoding == "utf-8")
    }

    @Test func invalidUTF8InMetaOrIdIsReplacedAndNamed() throws {
        let r = try Self.record(Array(#"{"id":"a"#.utf8) + [0xC3] + Array(#"","text":"Z131","tag":"x"#.utf8) + [0xFF] + Array(#""}"#.utf8))
        #expect(r.error == nil)
        #expect(r.source == "a\u{FFFD}")
        #expect(r.meta == .object([("tag", .string("x\u{FFFD}"))]))
        #expect(r.diagnostics.map(\.code) == [.invalidBytes, .invalidBytes])
        #expect(r.diagnostics.allSatisfy { $0.start == nil })
        #expect(r.diagnostics[1].message.contains("'tag'"))
    }

    @Test func aLongTextIsSpilledAndGivesTheSameLine() throws {
        // A text over the window threshold: its entities and facts go to a spill file, and the
        // record written from it is the one held in memory.
        let text = try WindowTests.documents("vi").joined(separator: "\n")
        let small = try Pipeline(rules: shippedRules, windows: .init(threshold: 1000, size: 2000))
        let line = Array(("{\"id\":\"long\",\"text\":" + jsonString(text) + ",\"k\":1}").utf8)
        var a = line
        let (held, size, _) = StreamLine.process(&a, line: 1, pipeline: small, encoding: nil)
        var b = line
        let dir = FileManager.default.temporaryDirectory.path
        let (spilled, _, _) = StreamLine.process(&b, line: 1, pipeline: small, encoding: nil, spillDirectory: dir)
        let body = try #require(spilled.spilled)
        defer { try? FileManager.default.removeItem(atPath: body.path) }
        #expect(size == text.utf8.count)
        #expect(held.entities.count > 100)
        let (head, tail) = spilled.spilledHalves()
        #expect(head + Array(try Data(contentsOf: URL(fileURLWithPath: body.path))) + tail == held.json() + [0x0A])
    }

    /// `s` as a JSON string literal.
    func jsonString(_ s: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [s], options: [.fragmentsAllowed]), as: UTF8.self).dropFirst().dropLast()
            .description
    }

    @Test func linesAreReadAsBytesWithTheirEnds() throws {
        // CRLF and LF ends, an empty line, a line longer than the read buffer, invalid bytes and a
        // last line with no end.
        let long = [UInt8](repeating: 0x61, count: 200_000)
        let input: [UInt8] = Array("a\r\n\nb\n".utf8) + long + [0x0A, 0xFF, 0xFE, 0x0A] + Array("last".utf8)
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let out = fds[1]
        let writer = Thread {
            input.withUnsafeBytes { p in
                var off = 0
                while off < p.count { off += max(0, write(out, p.baseAddress! + off, p.count - off)) }
            }
            close(out)
        }
        writer.start()
        var reader = LineReader(fd: fds[0])
        var lines: [[UInt8]] = []
        var line: [UInt8] = []
        while reader.next(into: &line) { lines.append(line) }
        close(fds[0])
        #expect(reader.failure == nil)
        #expect(lines == [Array("a".utf8), [], Array("b".utf8), long, [0xFF, 0xFE], Array("last".utf8)])
    }

    @Test func bytesOutsideStringsMakeTheLineMalformed() throws {
        #expect(try Self.record(Array(#"{"text":"a"}"#.utf8) + [0xFF]).error?.code == .malformedStreamLine)
        #expect(try Self.record([0xEF, 0xBB, 0xBF] + Array(#"{"text":"a"}"#.utf8)).error?.code == .malformedStreamLine)
    }
}
