/// One document found in a WARC archive: the payload of a `response` record.
package struct WARCDocument: Sendable {
    /// The HTTP payload (after the HTTP headers, de-chunked and un-gzipped as the headers say).
    package var payload: [UInt8]
    /// `WARC-Target-URI`, or `ARCHIVE#OFFSET` when the record has none.
    package var source: String
    /// How the payload is read: `.html` or `.text`, from the HTTP Content-Type (sniffed when absent).
    package var format: DocumentFormat
    /// The charset of the HTTP Content-Type, if any.
    package var charset: String?
    /// `{"warc_record_id", "warc_date", "url", "content_type"}` (null where the record has none).
    package var meta: JSONValue
}

/// What the next step through an archive gave.
package enum WARCItem: Sendable {
    case document(WARCDocument)
    /// A member or record that could not be read (E303); `source` is `ARCHIVE#BYTE_OFFSET`.
    case failure(source: String, message: String)
    /// A record that is not a document: its WARC-Type, or `response-other` for a response whose payload
    /// is neither HTML nor text.
    case skipped(String)
}

/// Reads a WARC archive (`.warc`, or `.warc.gz` as crawlers write it: one gzip member per record)
/// record by record, in archive order, holding one member at a time. A truncated or corrupt member,
/// or a malformed record, becomes a ``WARCItem/failure(source:message:)`` and reading goes on with
/// the next member (the next gzip header) or the next `WARC/` line.
package final class WARCReader {
    private let store: ByteStore
    private let name: String
    private let gzip: Bool
    private var pos = 0
    private var queue: [WARCItem] = []
    private var queueHead = 0
    /// Inflated bytes not yet parsed (a record split over members), and where their member began.
    private var pending: [UInt8] = []
    private var pendingStart = 0
    private let members = GzipMembers()

    /// Opens (maps) the archive at `path`; `name` (default: the path) prefixes failure sources.
    package init(path: String, name: String? = nil) throws(IngestError) {
        store = try ByteStore(path: path)
        self.name = name ?? path
        gzip = GzipMembers.isMember(store.bytes, at: 0)
    }

    /// Opens (maps) the archive whose path is these bytes; `name` prefixes failure sources.
    package init(pathBytes: [UInt8], name: String) throws(IngestError) {
        store = try ByteStore(pathBytes: pathBytes)
        self.name = name
        gzip = GzipMembers.isMember(store.bytes, at: 0)
    }

    /// An archive held in memory.
    package init(bytes: [UInt8], name: String) {
        store = ByteStore(bytes)
        self.name = name
        gzip = GzipMembers.isMember(store.bytes, at: 0)
    }

    /// The next item, or nil at the end of the archive.
    package func next() -> WARCItem? {
        while queueHead >= queue.count {
            queue.removeAll(keepingCapacity: true)
            queueHead = 0
            if !(gzip ? step() : stepPlain()) { return nil }
        }
        defer { queueHead += 1 }
        return queue[queueHead]
    }

    /// One gzip member: inflated, its complete records queued. False at the end.
    private func step() -> Bool {
        let b = store.bytes
        guard pos < b.count else {
            if !pending.contains(where: { $0 != 0x0D && $0 != 0x0A }) { return false }
            queue.append(.failure(source: "\(name)#\(pendingStart)", message: "WARC record at byte \(pendingStart) ends inside its block (archive ends)"))
            pending = []
            return true
        }
        let start = pos
        switch members.inflate(UnsafeBufferPointer(rebasing: b[start...])) {
        case .member(let bytes, let consumed):
            pos = start + consumed
            if pending.isEmpty { pendingStart = start }
            pending.append(contentsOf: bytes)
            let used = pending.withUnsafeBufferPointer { parse($0, baseName: pendingStart, final: false) }
            pending.removeSubrange(0..<used)
            if !pending.isEmpty { pendingStart = start }
        case .truncated:
            fail(at: start, "gzip member at byte \(start) is truncated (the archive ends inside it)")
            pos = b.count
        case .corrupt:
            fail(at: start, "gzip member at byte \(start) is corrupt (bad header, deflate data or checksum)")
            pos = nextMember(after: start)
        case .tooLarge:
            fail(at: start, "gzip member at byte \(start) inflates to more than \(GzipMembers.maxOutput >> 20) MiB")
            pos = nextMember(after: start)
        }
        return true
    }

    private func fail(at offset: Int, _ message: String) {
        if pending.contains(where: { $0 != 0x0D && $0 != 0x0A }) {
            queue.append(.failure(source: "\(name)#\(pendingStart)", message: "WARC record at byte \(pendingStart) is cut off by the bad member after it"))
        }
        pending = []
        queue.append(.failure(source: "\(name)#\(offset)", message: message))
    }

    private func nextMember(after start: Int) -> Int {
        let b = store.bytes
        var i = start + 1
        while i < b.count, !GzipMembers.isMember(b, at: i) { i += 1 }
        return i
    }

    /// Uncompressed archive: the next record (or failure) queued. False at the end.
    private func stepPlain() -> Bool {
        let b = store.bytes
        guard pos < b.count else { return false }
        let before = queue.count
        let used = parse(UnsafeBufferPointer(rebasing: b[pos...]), baseName: pos, final: true, one: true)
        pos += used
        return used > 0 || queue.count > before
    }

    /// Parses the records in `b` and queues their items; returns how many bytes were used. With
    /// `final`, the bytes are all there is: an incomplete record is a failure and reading resumes at
    /// the next `WARC/` line; else it is left for the next member. `one` stops after one item.
    private func parse(_ b: UnsafeBufferPointer<UInt8>, baseName: Int, final: Bool, one: Bool = false) -> Int {
        var p = 0
        while p < b.count {
            while p < b.count, b[p] == 0x0D || b[p] == 0x0A { p += 1 }
            if p >= b.count { break }
            let offset = baseName + p
            switch WARCRecord.parse(b, at: p) {
            case .record(let record, let end):
                queue.append(item(record, b: b, offset: offset))
                p = end
            case .incomplete:
                guard final else { return p }
                queue.append(.failure(source: "\(name)#\(offset)", message: "WARC record at byte \(offset) is truncated"))
                return b.count
            case .malformed(let why):
                queue.append(.failure(source: "\(name)#\(offset)", message: "malformed WARC record at byte \(offset): \(why)"))
                guard final else { return b.count }
                p = WARCRecord.nextVersionLine(b, after: p)
            }
            if one { return p }
        }
        return p
    }

    private func item(_ r: WARCRecord, b: UnsafeBufferPointer<UInt8>, offset: Int) -> WARCItem {
        let type = (r.headers["warc-type"] ?? "").lowercased()
        guard type == "response" else { return .skipped(type.isEmpty ? "untyped" : type) }
        let block = UnsafeBufferPointer(rebasing: b[r.block])
        let uri = r.headers["warc-target-uri"].map { $0.hasPrefix("<") && $0.hasSuffix(">") ? String($0.dropFirst().dropLast()) : $0 }
        let source = uri ?? "\(name)#\(offset)"
        var payload: [UInt8]
        var contentType: String?
        if (r.headers["content-type"] ?? "").lowercased().hasPrefix("application/http") {
            switch HTTPResponse.parse(block) {
            case .failure(let why):
                return .failure(source: "\(name)#\(offset)", message: "WARC record at byte \(offset) (\(source)): \(why)")
            case .success(let http):
                payload = http.payload
                contentType = http.contentType
            }
        } else {
            payload = Array(block)
            contentType = r.headers["content-type"]
        }
        let mime = (contentType ?? "").split(separator: ";").first.map { String($0).trimmingSpaces.lowercased() } ?? ""
        let format: DocumentFormat
        switch mime {
        case "text/html", "application/xhtml+xml": format = .html
        case "text/plain": format = .text
        case "": format = DocumentFormat.sniff(payload) == .html ? .html : .text
        default: return .skipped("response-other")
        }
        func str(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        let meta = JSONValue.object([
            ("warc_record_id", str(r.headers["warc-record-id"])), ("warc_date", str(r.headers["warc-date"])),
            ("url", str(uri)), ("content_type", str(contentType)),
        ])
        return .document(
            WARCDocument(
                payload: payload, source: source, format: format, charset: contentType.flatMap(HTMLCharset.parameter), meta: meta))
    }
}

/// One WARC record's headers (names lowercased) and where its block lies.
struct WARCRecord {
    var headers: [String: String]
    var block: Range<Int>

    enum Parse {
        case record(WARCRecord, end: Int)
        case incomplete
        case malformed(String)
    }

    /// Longest header section accepted.
    static let maxHeader = 1 << 20

    static func parse(_ b: UnsafeBufferPointer<UInt8>, at p: Int) -> Parse {
        guard let headerEnd = HTTPResponse.headerEnd(b, from: p, limit: maxHeader) else {
            return b.count - p >= maxHeader ? .malformed("no end of headers in the first MiB") : .incomplete
        }
        let lines = HTTPResponse.lines(b, p..<headerEnd.lineEnd)
        guard let first = lines.first, first.hasPrefix("WARC/") else { return .malformed("expected a 'WARC/' version line") }
        let headers = HTTPResponse.fields(lines.dropFirst())
        guard let lengthText = headers["content-length"], let length = Int(lengthText.trimmingSpaces), length >= 0 else {
            return .malformed("no valid Content-Length")
        }
        let start = headerEnd.bodyStart
        guard start + length <= b.count else { return .incomplete }
        var end = start + length
        // The record ends with CRLF CRLF; tolerate fewer.
        var k = 0
        while k < 4, end < b.count, b[end] == 0x0D || b[end] == 0x0A {
            end += 1
            k += 1
        }
        return .record(WARCRecord(headers: headers, block: start..<start + length), end: end)
    }

    /// The start of the next line beginning with `WARC/` after `p`, or the end.
    static func nextVersionLine(_ b: UnsafeBufferPointer<UInt8>, after p: Int) -> Int {
        let tag = Array("WARC/".utf8)
        var i = p + 1
        while i < b.count {
            if b[i - 1] == 0x0A, i + tag.count <= b.count, b[i] == 0x57, Array(b[i..<i + tag.count]) == tag { return i }
            i += 1
        }
        return b.count
    }
}
