import Foundation
import Testing

@testable import Assay

/// A very large UTF-8 document is surveyed and decoded in pieces (issue 13, item 6): the pieces must
/// add up to exactly what decoding the whole gives, and the record must be the one the windowed
/// pipeline gives over text held whole.
@Suite struct StreamingDecoderTests {
    /// Deterministic bytes: text in three scripts with invalid sequences, truncated sequences,
    /// stray continuation bytes and 4-byte characters sprinkled in.
    static func messyBytes(_ n: Int, seed: UInt64) -> [UInt8] {
        var rng = seed
        func next() -> UInt64 {
            rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return rng >> 33
        }
        let pieces: [[UInt8]] = [
            Array("Nhà máy Z131 đạt ".utf8), Array("जेड175 कारखाने ".utf8), Array("VND240 billion. ".utf8), Array("😀 ".utf8),
            [0xFF], [0xE1, 0x80], [0x80, 0x80, 0x80, 0x80], [0xF0, 0x90, 0x80], [0xED, 0xA0, 0x80], [0xC0, 0xAF], Array("\n".utf8),
        ]
        var out: [UInt8] = []
        while out.count < n {
            let k = Int(next() % 100)
            out += pieces[k < 80 ? k % 4 : 4 + k % 7]
        }
        return out
    }

    @Test(arguments: [1, 4, 5, 6, 7, 64, 1000])
    func piecesDecodeAsTheWhole(chunk: Int) {
        // (Chunks under 4 bytes are read as 4.)
        let bytes = Self.messyBytes(20_000, seed: UInt64(chunk))
        let whole = DocumentDecoder.decode(bytes, forcedEncoding: "utf-8")
        let feed = StreamingDecoder.units(DocumentBytes(bytes), from: 0, chunk: chunk)
        var units: [UInt16] = []
        while let piece = feed() { units += piece }
        let same = units == whole.units
        #expect(same)
        #expect(units.count > 10_000)
    }

    @Test func theSurveySaysWhatTheDecoderSays() throws {
        // Mostly valid UTF-8 with bad bytes: W301 at the same offsets, with and without a BOM.
        var bytes = Self.messyBytes(3_000_000, seed: 9)
        bytes.removeAll { $0 == 0xFF || $0 == 0xC0 || $0 == 0xAF }
        bytes.insert(contentsOf: [0xFF], at: 2_500_000)
        for input in [bytes, [0xEF, 0xBB, 0xBF] + bytes] {
            let whole = DocumentDecoder.decode(input)
            let survey = try #require(StreamingDecoder.survey(DocumentBytes(input)))
            #expect(survey.header.encoding == whole.encoding)
            #expect(survey.header.isBinary == whole.isBinary)
            #expect(survey.header.diagnostics == whole.diagnostics)
            #expect(whole.diagnostics.map(\.code) == [.invalidBytes])
            #expect(try "sha256:" + hexString(survey.digest) == Pipeline(rules: shippedRules).process(bytes: input, source: "t").id)
        }
        // A NUL byte makes it binary; a UTF-16 byte-order mark or mostly invalid bytes are decoded whole.
        #expect(StreamingDecoder.survey(DocumentBytes(Array("abc".utf8) + [0] + Array("def".utf8)))?.header.isBinary == true)
        #expect(StreamingDecoder.survey(DocumentBytes([0xFF, 0xFE, 0x41, 0x00])) == nil)
        #expect(StreamingDecoder.survey(DocumentBytes([UInt8](repeating: 0xE0, count: 100))) == nil)
        #expect(StreamingDecoder.survey(DocumentBytes(Array("abc".utf8)), forcedEncoding: "windows-1258") == nil)
    }

    @Test(arguments: [1, 2, 3, 5, 997])
    func theCutterGivesTheWindowsOfTheWholeText(size: Int) {
        let text = String(repeating: "Nhà máy Z131. a\u{0301}😀क्\u{200D} x\r\ny ", count: 300)
        let units = Array(text.utf16)
        var cutter = WindowCutter(size: size, feed: StreamingDecoder.units(DocumentBytes(Array(text.utf8)), from: 0, chunk: 37))
        var got: [Range<Int>] = []
        while let (w, offset) = cutter.next() {
            #expect(Array(units[offset..<(offset + w.count)]) == w)
            got.append(offset..<(offset + w.count))
        }
        #expect(got == Pipeline.windowRanges(units, size: size))
    }

    @Test func aStreamedDocumentGivesTheRecordOfTheWindowedWholeText() throws {
        // Line breaks, long lines, Devanagari and a bad byte: the streamed record (bytes surveyed
        // and decoded in pieces) and the windowed record over the whole decoded text are the same.
        let lines = try (WindowTests.documents("vi") + WindowTests.documents("hi") + WindowTests.documents("en"))
        var text = lines.enumerated().map { $0.offset % 3 == 0 ? $0.element.replacingOccurrences(of: "\n", with: " ") : $0.element }
            .joined(separator: "\n\n")
        text += String(repeating: " ", count: 5)
        var bytes = Array(text.utf8)
        bytes.insert(0xFF, at: bytes.count / 2)
        let pipeline = try Pipeline(rules: shippedRules, windows: .init(threshold: 1000, size: 2000))
        let streamed = pipeline.process(bytes: bytes, source: "t")
        let decoded = DocumentDecoder.decode(bytes)
        var held = Record(
            id: streamed.id, source: "t", encoding: "utf-8", language: .und, segments: [], entities: [], facts: [],
            diagnostics: decoded.diagnostics, meta: nil, error: nil)
        held.format = "text"
        var clock = StageClock(enabled: false)
        pipeline.processInWindows(
            WindowCutter(units: decoded.units, size: 2000), forcedLanguage: nil, into: &held, clock: &clock, spill: nil)
        #expect(streamed.segments.count > 20)
        #expect(streamed.entities.count > 300)
        let same = streamed.json() == held.json()
        #expect(same)
        #expect(streamed.diagnostics.map(\.code) == [.invalidBytes])
    }

    @Test func aFileIsReadInPiecesAndAShortReadIsAnError() throws {
        let text = try WindowTests.documents("vi").joined(separator: "\n")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("assay-stream-\(UUID().uuidString).txt").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let pipeline = try Pipeline(rules: shippedRules, windows: .init(threshold: 1000, size: 2000))
        let fromFile = pipeline.process(document: DocumentBytes(fileDescriptor: fd, size: text.utf8.count), source: "t", profiling: false).0
        let inMemory = pipeline.process(bytes: Array(text.utf8), source: "t")
        #expect(fromFile.json() == inMemory.json())
        // The file is shorter than it was said to be: it changed while it was read.
        let short = DocumentBytes(fileDescriptor: fd, size: text.utf8.count + 10)
        let (record, _) = pipeline.process(document: short, source: "t", profiling: false)
        #expect(record.error?.code == .unreadable)
        #expect(record.error?.message.contains("changed while it was read") == true)
    }
}
