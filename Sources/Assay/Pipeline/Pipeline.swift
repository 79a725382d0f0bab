import Crypto
import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Time spent in each stage, summed over documents (`assay run --profile`).
package struct StageProfile: Sendable {
    /// Nanoseconds per stage, in ``Stage`` order (``Stage/index``).
    package var nanos = [UInt64](repeating: 0, count: Stage.allCases.count)

    package init() {}

    package mutating func add(_ other: StageProfile) {
        for i in nanos.indices { nanos[i] += other.nanos[i] }
    }
}

/// One document in: bytes, where they came from, options. One record out. Pure: the record depends
/// on the document and the rule set only; nothing here throws because of content.
public struct Pipeline: Sendable {
    package let extractor: Extractor
    package let linker: FactLinker
    /// When a document is processed in windows.
    public let windows: Windows

    /// How a very large document is processed: in windows of about `size` UTF-16 units, cut at a
    /// sentence end or a space, when it holds more than `threshold` units. Memory then follows the
    /// window, not the document (a 50 MB file with no line break stays well under 1 GB), and the
    /// record is the one the whole document gives except where a match or a paragraph-period link
    /// would cross a cut.
    public struct Windows: Sendable {
        /// Documents of more UTF-16 units than this are processed in windows.
        public var threshold: Int
        /// The size of a window in UTF-16 units (at least 1).
        public var size: Int

        /// Windows of `size` units for documents over `threshold` units.
        public init(threshold: Int, size: Int) {
            self.threshold = threshold
            self.size = max(size, 1)
        }

        /// 4 Mi units (8 MB of UTF-16) and more go in windows of 1 Mi units.
        public static let standard = Windows(threshold: 4 << 20, size: 1 << 20)
    }

    /// A pipeline over `rules` (shared, read-only), processing documents over `windows.threshold` in windows.
    public init(rules: RuleSet, windows: Windows = .standard) {
        extractor = Extractor(rules: rules)
        linker = FactLinker(rules: rules)
        self.windows = windows
    }

    /// The record of one document given as its bytes.
    ///
    /// Never throws and never fails on content: bytes that cannot be decoded are replaced (a `W301`
    /// diagnostic), a binary file gives an empty record with `W302`.
    ///
    /// - Parameters:
    ///   - bytes: the original bytes; `id` is their SHA-256.
    ///   - source: what the record's `source` says (a path, a URL, an id).
    ///   - forcedEncoding: an encoding to decode with instead of detecting one (`windows-1258`, …).
    ///   - forcedLanguage: a language for every paragraph instead of detecting it.
    ///   - meta: the record's `meta` (nil writes `null`).
    ///   - format: how to read the bytes: plain text (the default) or an HTML page.
    ///   - transportCharset: a charset declared outside the bytes (an HTTP `Content-Type`), used when
    ///     no byte-order mark decides.
    ///   - withText: whether the record carries the decoded text (``Record/text``).
    public func process(
        bytes: [UInt8], source: String, forcedEncoding: String? = nil, forcedLanguage: Language? = nil, meta: JSONValue? = nil,
        format: DocumentFormat = .text, transportCharset: String? = nil, withText: Bool = false
    ) -> Record {
        process(
            bytes: bytes, source: source, forcedEncoding: forcedEncoding, forcedLanguage: forcedLanguage, meta: meta, profiling: false,
            format: format, transportCharset: transportCharset, withText: withText
        ).0
    }

    /// The record of one document and, when `profiling`, the time each stage took. With
    /// `spillDirectory`, a document processed in windows writes its entities and facts to a file
    /// there as they are found (``Record/spilled``): its memory then follows the window, not the
    /// number of entities. The caller writes the record out and removes the file.
    package func process(
        bytes: [UInt8], source: String, forcedEncoding: String? = nil, forcedLanguage: Language? = nil, meta: JSONValue? = nil,
        profiling: Bool, spillDirectory: String? = nil, format: DocumentFormat = .text, transportCharset: String? = nil,
        withText: Bool = false
    ) -> (Record, StageProfile) {
        process(
            document: DocumentBytes(bytes), source: source, forcedEncoding: forcedEncoding, forcedLanguage: forcedLanguage, meta: meta,
            profiling: profiling, spillDirectory: spillDirectory, format: format, transportCharset: transportCharset, withText: withText)
    }

    /// The record of one document read piece by piece (see ``process(bytes:source:forcedEncoding:forcedLanguage:meta:profiling:spillDirectory:)``).
    /// A UTF-8 document too large to be held decoded (more than three times the window threshold in
    /// bytes, so certainly over it in UTF-16 units) is hashed and surveyed in one pass and decoded
    /// window by window in a second: neither its bytes nor its text are held whole (plain text with
    /// no transport charset and no `withText` only; HTML is extracted from the whole page). A file
    /// that cannot be read to its end gives an `E301` record.
    package func process(
        document: DocumentBytes, source: String, forcedEncoding: String? = nil, forcedLanguage: Language? = nil, meta: JSONValue? = nil,
        profiling: Bool, spillDirectory: String? = nil, format: DocumentFormat = .text, transportCharset: String? = nil,
        withText: Bool = false
    ) -> (Record, StageProfile) {
        var clock = StageClock(enabled: profiling)
        func unreadable() -> (Record, StageProfile) {
            let why = document.failure.map { $0 == 0 ? "the file changed while it was read" : String(cString: strerror($0)) } ?? "read failed"
            return (.failure(source: source, code: .unreadable, message: "cannot read '\(source)': \(why)", meta: meta), clock.profile)
        }
        if format == .text, transportCharset == nil, !withText, document.count / 3 > windows.threshold,
            let survey = StreamingDecoder.survey(document, forcedEncoding: forcedEncoding)
        {
            clock.lap(.decode)
            var record = Record(
                id: "sha256:" + hexString(survey.digest), source: source, encoding: survey.header.encoding, language: .und, segments: [],
                entities: [], facts: [], diagnostics: survey.header.diagnostics, meta: meta, error: nil)
            record.format = format.rawValue
            if survey.header.isBinary { return (record, clock.profile) }
            processInWindows(
                { WindowCutter(size: windows.size, feed: StreamingDecoder.units(document, from: survey.bodyStart)) },
                diagnostics: survey.header.diagnostics, forcedLanguage: forcedLanguage, into: &record, clock: &clock,
                spillDirectory: spillDirectory)
            if document.failure != nil {
                if let body = record.spilled { unlink(body.path) }
                return unreadable()
            }
            return (record, clock.profile)
        }
        if document.failure != nil { return unreadable() }
        guard let bytes = document.all() else { return unreadable() }
        let id = "sha256:" + hexString(SHA256.hash(data: bytes))
        // Offsets refer to the decoded text, which for HTML is the extracted text (`format`).
        let decoded = DocumentReader.decode(bytes: bytes, format: format, forcedEncoding: forcedEncoding, transportCharset: transportCharset)
        clock.lap(.decode)
        var record = Record(
            id: id, source: source, encoding: decoded.encoding, language: .und, segments: [], entities: [], facts: [],
            diagnostics: decoded.diagnostics, meta: meta, error: nil)
        record.format = format.rawValue
        if withText { record.text = String(decoding: decoded.units, as: UTF16.self) }
        if decoded.isBinary || decoded.units.isEmpty {
            if !decoded.isBinary, decoded.diagnostics.allSatisfy({ $0.code != .emptyDocument }) {
                record.diagnostics.append(Diagnostic(code: .emptyDocument, message: "empty document"))
            }
            return (record, clock.profile)
        }
        if decoded.units.count > windows.threshold {
            processInWindows(
                { WindowCutter(units: decoded.units, size: windows.size) }, diagnostics: decoded.diagnostics,
                forcedLanguage: forcedLanguage, into: &record, clock: &clock, spillDirectory: spillDirectory)
            return (record, clock.profile)
        }
        let (entities, facts, warnings) = stages(decoded.units, forcedLanguage: forcedLanguage, mainFactory: .fromEntities, clock: &clock) {
            doc in
            if doc.paragraphs.isEmpty, !record.diagnostics.contains(where: { $0.code == .emptyDocument }) {
                record.diagnostics.append(Diagnostic(code: .emptyDocument, message: "empty document: no text after decoding"))
            }
            record.language = doc.language
            record.segments = doc.paragraphs.map { p in
                let r = doc.scalarRange(p.range)
                return Segment(start: r.lowerBound, end: r.upperBound, language: p.language)
            }
        }
        record.entities = entities
        record.facts = facts
        record.diagnostics += warnings
        clock.lap(.link)
        return (record, clock.profile)
    }

    /// The stages every text goes through, a whole document or one window of it: normalize,
    /// segment (`segmented` sees the text's paragraphs), match, resolve, link. Offsets are the
    /// text's own; facts waiting for the main factory keep `mainFactory`'s choice; `warnings` are
    /// the text's W2xx diagnostics (``Extractor/contentWarnings(_:from:)``).
    func stages(
        _ units: [UInt16], forcedLanguage: Language?, mainFactory: FactLinker.MainFactory, clock: inout StageClock,
        segmented: (TextDocument) -> Void
    ) -> (entities: [Entity], facts: [Fact], warnings: [Diagnostic]) {
        let text = NormalizedText(original: units)
        clock.lap(.normalize)
        let doc = TextDocument(source: SourceText(units: units), text: text, forcedLanguage: forcedLanguage)
        segmented(doc)
        clock.lap(.segment)
        let matches = extractor.matches(doc)
        clock.lap(.match)
        let candidates = extractor.resolve(matches, doc: doc)
        let entities = extractor.entities(doc, from: candidates)
        let warnings = extractor.contentWarnings(doc, from: candidates)
        clock.lap(.resolve)
        let facts = linker.facts(doc, entities: entities, candidates: candidates, mainFactory: mainFactory)
        return (entities, facts, warnings)
    }
}

extension Pipeline {
    /// Processes a very large document window by window, spilling its entities and facts to a file
    /// in `spillDirectory` when one is given and can be written, else holding them in the record.
    /// `cutter` makes a fresh cutter over the text (a second one is made when the spill fails).
    func processInWindows(
        _ cutter: () -> WindowCutter, diagnostics: [Diagnostic], forcedLanguage: Language?, into record: inout Record,
        clock: inout StageClock, spillDirectory: String?
    ) {
        if let directory = spillDirectory, let spill = SpillFile(directory: directory) {
            processInWindows(cutter(), forcedLanguage: forcedLanguage, into: &record, clock: &clock, spill: spill)
            if spill.finish() { return }
            // The disk failed under the spill: the same record, held in memory.
            record.segments = []
            record.facts = []
            record.spilled = nil
            record.diagnostics = diagnostics
        }
        processInWindows(cutter(), forcedLanguage: forcedLanguage, into: &record, clock: &clock, spill: nil)
    }

    /// Processes a very large document window by window (see ``Windows``): each window is decoded
    /// text of its own (normalized, segmented, matched, resolved, linked), its entities shifted to
    /// document offsets; a paragraph cut in two is one segment again; the main factory is chosen
    /// over the whole document at the end. With `spill`, entities are written to it window by
    /// window and facts at the end, and the record keeps only their counts (``SpilledBody``).
    func processInWindows(
        _ cutter: WindowCutter, forcedLanguage: Language?, into record: inout Record, clock: inout StageClock, spill: SpillFile?
    ) {
        var cutter = cutter
        var languageCounts: [Language: Int] = [:]
        // Facts waiting for the document's factory, and whether each refers to `the factory`.
        var documentLinked: [(fact: Int, byReference: Bool)] = []
        var tally = FactoryTally()
        var entityTotal = 0
        var entityCounts: [EntityType: Int] = [:]
        var contentWarningCount = 0
        // UTF-16 end of the last segment, to tell whether the next one continues its paragraph, and
        // whether a line break follows it in the windows before the current one.
        var lastSegmentEnd = -1
        var breakSinceLastSegment = false
        // Unicode scalar offset of the current window: the scalars of the windows before it.
        var scalarBase = 0
        if let spill {
            spill.writer.key("entities")
            spill.writer.beginArray()
        }
        while let (pieceUnits, unitBase) = cutter.next() {
            var pieceScalars = 0
            let piece = stages(pieceUnits, forcedLanguage: forcedLanguage, mainFactory: .deferred, clock: &clock) { doc in
                pieceScalars = doc.source.scalarCount
                for p in doc.paragraphs {
                    if p.language != .und { languageCounts[p.language, default: 0] += p.range.count }
                    let o = doc.originalRange(p.range)
                    let start = o.lowerBound + unitBase, end = o.upperBound + unitBase
                    let r = doc.scalarRange(p.range)
                    let segment = Segment(start: r.lowerBound + scalarBase, end: r.upperBound + scalarBase, language: p.language)
                    let gapBreak =
                        lastSegmentEnd >= unitBase
                        ? Self.hasLineBreak(pieceUnits, (lastSegmentEnd - unitBase)..<(start - unitBase))
                        : breakSinceLastSegment || Self.hasLineBreak(pieceUnits, 0..<(start - unitBase))
                    if lastSegmentEnd >= 0, let prev = record.segments.last, prev.language == segment.language, !gapBreak {
                        record.segments[record.segments.count - 1].end = segment.end
                    } else {
                        record.segments.append(segment)
                    }
                    lastSegmentEnd = end
                }
                if lastSegmentEnd >= unitBase {
                    breakSinceLastSegment = Self.hasLineBreak(pieceUnits, (lastSegmentEnd - unitBase)..<pieceUnits.count)
                } else if lastSegmentEnd >= 0 {
                    breakSinceLastSegment = breakSinceLastSegment || Self.hasLineBreak(pieceUnits, 0..<pieceUnits.count)
                }
            }
            var entities = piece.entities
            for var d in piece.warnings.prefix(max(0, ContentWarning.perDocument - contentWarningCount)) {
                d.start = d.start.map { $0 + scalarBase }
                d.end = d.end.map { $0 + scalarBase }
                record.diagnostics.append(d)
                contentWarningCount += 1
            }
            let entityBase = entityTotal
            for i in entities.indices {
                entities[i].start += scalarBase
                entities[i].end += scalarBase
                tally.add(entities[i], at: entityBase + i)
            }
            entityTotal += entities.count
            scalarBase += pieceScalars
            for var f in piece.facts {
                f.money += entityBase
                f.period = f.period.map { $0 + entityBase }
                f.factory = f.factory.map { $0 + entityBase }
                if let spill {
                    if f.factoryBy == .document { documentLinked.append((spill.facts.count, f.byReference)) }
                    spill.facts.append(f)
                } else {
                    if f.factoryBy == .document { documentLinked.append((record.facts.count, f.byReference)) }
                    record.facts.append(f)
                }
            }
            clock.lap(.link)
            if let spill {
                for e in entities {
                    entityCounts[e.type, default: 0] += 1
                    spill.writer.element()
                    spill.writer.entity(e)
                }
                spill.flushIfFull()
                clock.lap(.encode)
            } else {
                record.entities.append(contentsOf: entities)
            }
        }
        if record.segments.isEmpty, !record.diagnostics.contains(where: { $0.code == .emptyDocument }) {
            record.diagnostics.append(Diagnostic(code: .emptyDocument, message: "empty document: no text after decoding"))
        }
        record.language = (languageCounts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? .und)
        let main = tally.main, referenced = tally.referenced
        if let spill {
            for (k, byReference) in documentLinked {
                if byReference { spill.facts.linkReference(k, to: referenced) } else { spill.facts.linkDocument(k, to: main) }
            }
        } else {
            for (k, byReference) in documentLinked {
                if let main = byReference ? referenced : main {
                    record.facts[k].factory = main
                } else if byReference, record.facts[k].factory != nil {
                    // `the factory` with no document factory: the earlier mention in its paragraph.
                    record.facts[k].factoryBy = .paragraph
                } else {
                    record.facts[k].factoryBy = nil
                }
            }
        }
        clock.lap(.link)
        if let spill {
            spill.writer.endArray()
            spill.writer.key("facts")
            spill.writer.beginArray()
            for k in 0..<spill.facts.count {
                spill.writer.element()
                spill.writer.fact(spill.facts[k])
                spill.flushIfFull()
            }
            spill.writer.endArray()
            record.spilled = SpilledBody(path: spill.path, entityCounts: entityCounts, factCount: spill.facts.count)
            clock.lap(.encode)
        }
    }

    /// Whether `units[range]` holds a line end (an empty or reversed range holds none).
    static func hasLineBreak(_ units: [UInt16], _ range: Range<Int>) -> Bool {
        guard range.lowerBound < range.upperBound else { return false }
        return units[range.clamped(to: 0..<units.count)].contains { $0 == 0x0A || $0 == 0x0D || $0 == 0x85 || $0 == 0x2028 || $0 == 0x2029 }
    }

    /// Window ranges of about `size` units covering `units`. A cut goes after the last line end,
    /// else after the last sentence end (`.` `!` `?` `।` and a space), else after the last space,
    /// found in the second half of the window; a text with none of these is cut where no character
    /// (surrogate pair, combining mark) is split. Cutting after a space or a line end keeps tokens
    /// and normalization clusters whole.
    static func windowRanges(_ units: [UInt16], size: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        let n = units.count
        while start < n {
            var end = min(start + size, n)
            if end < n { end = cut(units, from: start + size / 2, to: end) }
            out.append(start..<end)
            start = end
        }
        return out
    }

    /// The best cut position in `lo...hi` (a window's second half), as ``windowRanges`` describes.
    static func cut(_ u: [UInt16], from lo: Int, to hi: Int) -> Int {
        var space = -1, sentence = -1
        var i = hi
        while i > lo {
            let c = u[i - 1]
            if c == 0x0A || c == 0x0D && u[i] != 0x0A { if startsCleanly(u, i) { return i } }
            if c == 0x20, startsCleanly(u, i) {
                if sentence < 0, i >= 2, [0x2E, 0x21, 0x3F, 0x0964].contains(u[i - 2]) { sentence = i }
                if space < 0 { space = i }
            }
            i -= 1
        }
        if sentence >= 0 { return sentence }
        if space >= 0 { return space }
        var k = hi
        while k > lo, !startsCleanly(u, k) { k -= 1 }
        return k > lo ? k : hi
    }

    /// Whether a window may start at `i`: not inside a surrogate pair and not on a combining mark,
    /// zero-width character or joiner (which belong to the character before them).
    static func startsCleanly(_ u: [UInt16], _ i: Int) -> Bool {
        guard i < u.count else { return true }
        let c = u[i]
        if c & 0xFC00 == 0xDC00 { return false }
        switch c {
        case 0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05C7, 0x0900...0x0903, 0x093A...0x094F, 0x0951...0x0957,
            0x0962...0x0963, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x200B...0x200F, 0x2060...0x2064, 0x20D0...0x20FF, 0xFE00...0xFE0F,
            0xFE20...0xFE2F, 0xFEFF, 0x00AD:
            return false
        default:
            return true
        }
    }
}

/// Lower-case hex of `bytes`, written into one buffer (a string per byte, each built from a fresh
/// character array, was a visible share of the decode stage).
func hexString<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for b in bytes {
        out.append(digits[Int(b >> 4)])
        out.append(digits[Int(b & 0xF)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// Laps of a monotonic clock into stage slots.
struct StageClock {
    let enabled: Bool
    var last: UInt64
    var profile = StageProfile()

    init(enabled: Bool) {
        self.enabled = enabled
        last = enabled ? DispatchTime.now().uptimeNanoseconds : 0
    }

    mutating func lap(_ stage: Stage) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        profile.nanos[stage.index] += now - last
        last = now
    }
}
