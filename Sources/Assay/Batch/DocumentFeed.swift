/// One unit of work for a batch: an input as the command line named it, or one item out of a WARC
/// archive.
package enum WorkItem: Sendable {
    case input(InputItem)
    /// A `response` record's payload.
    case warc(WARCDocument)
    /// A WARC member or record that could not be read: an E303 record.
    case warcFailure(source: String, message: String)
}

/// Turns command-line inputs into work in input order, opening WARC archives (by name: `.warc`,
/// `.warc.gz`) and reading them record by record, so a batch holds a bounded slice of an archive at a
/// time. Counts the WARC records that are not documents.
package final class DocumentFeed {
    private let items: [InputItem]
    private var index = 0
    private var archive: WARCReader?
    /// WARC records skipped, by WARC-Type (`request`, `metadata`, …; `response-other` for a
    /// response that is neither HTML nor text).
    package private(set) var skipped: [String: Int] = [:]

    package init(_ items: [InputItem]) { self.items = items }

    /// The next slice of work: up to `maxItems` items, fewer once the WARC payloads held reach
    /// `maxBytes`; nil at the end.
    package func next(maxItems: Int, maxBytes: Int = 64 << 20) -> [WorkItem]? {
        var out: [WorkItem] = []
        var bytes = 0
        while out.count < maxItems, bytes < maxBytes {
            if let reader = archive {
                guard let item = reader.next() else {
                    archive = nil
                    continue
                }
                switch item {
                case .document(let d):
                    bytes += d.payload.count
                    out.append(.warc(d))
                case .failure(let source, let message):
                    out.append(.warcFailure(source: source, message: message))
                case .skipped(let type):
                    skipped[type, default: 0] += 1
                }
                continue
            }
            guard index < items.count else { break }
            let item = items[index]
            index += 1
            if case .file(let path) = item, DocumentFormat(path: path.display) == .warc {
                do {
                    archive = try WARCReader(pathBytes: path.bytes, name: path.display)
                } catch {
                    out.append(.input(.failed(path, code: .unreadable, message: "cannot read '\(path.display)': \(error)")))
                }
                continue
            }
            out.append(.input(item))
        }
        return out.isEmpty ? nil : out
    }
}

extension Pipeline {
    /// The record of a WARC `response` payload: read as its Content-Type says, charset from it,
    /// `format` `warc`, `meta` from the record.
    package func process(
        warc d: WARCDocument, forcedEncoding: String? = nil, forcedLanguage: Language? = nil, profiling: Bool = false,
        spillDirectory: String? = nil, withText: Bool = false
    ) -> (Record, StageProfile) {
        var (record, profile) = process(
            bytes: d.payload, source: d.source, forcedEncoding: forcedEncoding, forcedLanguage: forcedLanguage, meta: d.meta,
            profiling: profiling, spillDirectory: spillDirectory, format: d.format, transportCharset: d.charset, withText: withText)
        record.format = DocumentFormat.warc.rawValue
        return (record, profile)
    }

    /// The record of a file's bytes (or standard input's), read as its name says or, when the name
    /// says nothing, as its content looks (``DocumentFormat/sniff(_:)``).
    package func process(
        file bytes: [UInt8], source: String, path: String?, forcedEncoding: String? = nil, forcedLanguage: Language? = nil,
        profiling: Bool = false, spillDirectory: String? = nil, withText: Bool = false
    ) -> (Record, StageProfile) {
        var format = path.flatMap(DocumentFormat.init(path:)) ?? DocumentFormat.sniff(bytes)
        // An archive given where one document is expected (`assay extract x.warc`) is read as text.
        if format == .warc { format = .text }
        return process(
            bytes: bytes, source: source, forcedEncoding: forcedEncoding, forcedLanguage: forcedLanguage, meta: nil,
            profiling: profiling, spillDirectory: spillDirectory, format: format, withText: withText)
    }
}
