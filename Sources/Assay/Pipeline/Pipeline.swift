import Crypto
import Dispatch

/// Time spent in each stage, summed over documents (`assay run --profile`).
public struct StageProfile: Sendable {
    public static let stages = ["decode", "normalize", "segment", "match", "resolve", "link", "encode"]
    /// Nanoseconds per stage, in `stages` order.
    public var nanos = [UInt64](repeating: 0, count: stages.count)

    public init() {}

    public mutating func add(_ other: StageProfile) {
        for i in nanos.indices { nanos[i] += other.nanos[i] }
    }
}

/// One document in: bytes, where they came from, options. One record out. Pure: the record depends
/// on the document and the rule set only; nothing here throws because of content.
public struct Pipeline: Sendable {
    public let extractor: Extractor
    public let linker: FactLinker

    public init(rules: RuleSet) {
        extractor = Extractor(rules: rules)
        linker = FactLinker(rules: rules)
    }

    /// The record of one document.
    public func process(
        bytes: [UInt8], source: String, forcedEncoding: String? = nil, forcedLanguage: Language? = nil, meta: JSONValue? = nil
    ) -> Record {
        process(bytes: bytes, source: source, forcedEncoding: forcedEncoding, forcedLanguage: forcedLanguage, meta: meta, profiling: false).0
    }

    /// The record of one document and, when `profiling`, the time each stage took.
    public func process(
        bytes: [UInt8], source: String, forcedEncoding: String? = nil, forcedLanguage: Language? = nil, meta: JSONValue? = nil,
        profiling: Bool
    ) -> (Record, StageProfile) {
        var clock = StageClock(enabled: profiling)
        let id = "sha256:" + hexString(SHA256.hash(data: bytes))
        let decoded = DocumentDecoder.decode(bytes, forcedEncoding: forcedEncoding)
        clock.lap(0)
        var record = Record(
            id: id, source: source, encoding: decoded.encoding, language: "und", segments: [], entities: [], facts: [],
            diagnostics: decoded.diagnostics, meta: meta, error: nil)
        if decoded.isBinary || decoded.units.isEmpty {
            if !decoded.isBinary, decoded.diagnostics.allSatisfy({ $0.code != "W304" }) {
                record.diagnostics.append(Diagnostic(code: "W304", message: "empty document"))
            }
            return (record, clock.profile)
        }
        let sourceText = SourceText(units: decoded.units)
        let text = NormalizedText(original: decoded.units)
        clock.lap(1)
        let doc = TextDocument(source: sourceText, text: text, forcedLanguage: forcedLanguage)
        if doc.paragraphs.isEmpty, !record.diagnostics.contains(where: { $0.code == "W304" }) {
            record.diagnostics.append(Diagnostic(code: "W304", message: "empty document: no text after decoding"))
        }
        record.language = doc.language.rawValue
        record.segments = doc.paragraphs.map { p in
            let r = doc.scalarRange(p.range)
            return Segment(start: r.lowerBound, end: r.upperBound, language: p.language.rawValue)
        }
        clock.lap(2)
        let matches = extractor.matches(doc)
        clock.lap(3)
        let candidates = extractor.resolve(matches, doc: doc)
        record.entities = extractor.entities(doc, from: candidates)
        clock.lap(4)
        record.facts = linker.facts(doc, entities: record.entities, candidates: candidates)
        clock.lap(5)
        return (record, clock.profile)
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

    mutating func lap(_ stage: Int) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        profile.nanos[stage] += now - last
        last = now
    }
}
