/// An HTTP response as a WARC `response` record stores it: status line, headers, payload.
struct HTTPResponse {
    var contentType: String?
    var payload: [UInt8]

    /// The payload of a stored response: after the headers, de-chunked (`Transfer-Encoding: chunked`)
    /// and inflated (`Content-Encoding: gzip`) as the headers say. Other content codings fail.
    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Swift.Result<HTTPResponse, IngestError> {
        guard let end = headerEnd(b, from: 0, limit: b.count) else {
            return .failure(IngestError("HTTP headers do not end"))
        }
        let lines = Self.lines(b, 0..<end.lineEnd)
        guard let status = lines.first, status.hasPrefix("HTTP/") else {
            return .failure(IngestError("the block is not an HTTP response"))
        }
        let headers = fields(lines.dropFirst())
        var payload = Array(b[end.bodyStart...])
        if (headers["transfer-encoding"] ?? "").lowercased().contains("chunked") {
            guard let body = dechunk(payload) else { return .failure(IngestError("malformed chunked payload")) }
            payload = body
        }
        let coding = (headers["content-encoding"] ?? "identity").trimmingSpaces.lowercased()
        switch coding {
        case "", "identity", "none":
            break
        case "gzip", "x-gzip":
            let members = GzipMembers()
            let result = payload.withUnsafeBufferPointer { members.inflate($0) }
            guard case .member(let body, _) = result else { return .failure(IngestError("gzip payload does not inflate")) }
            payload = body
        default:
            return .failure(IngestError("content encoding '\(coding)' is not supported"))
        }
        return .success(HTTPResponse(contentType: headers["content-type"], payload: payload))
    }

    /// Where a header section starting at `from` ends: the end of its last line and the start of
    /// the body (after CRLF CRLF, or LF LF).
    static func headerEnd(_ b: UnsafeBufferPointer<UInt8>, from: Int, limit: Int) -> (lineEnd: Int, bodyStart: Int)? {
        var i = from
        let stop = min(b.count, from + limit)
        while i < stop {
            if b[i] == 0x0A {
                if i + 1 < b.count, b[i + 1] == 0x0A { return (i, i + 2) }
                if i + 2 < b.count, b[i + 1] == 0x0D, b[i + 2] == 0x0A { return (i, i + 3) }
            }
            i += 1
        }
        return nil
    }

    /// The lines of `range`, without their CR LF.
    static func lines(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [String] {
        b[range].split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            let trimmed = line.last == 0x0D ? line.dropLast() : line
            return String(decoding: trimmed, as: UTF8.self)
        }
    }

    /// `Name: value` lines as a dictionary of lowercased names (the first of repeated names;
    /// continuation lines joined).
    static func fields<S: Sequence<String>>(_ lines: S) -> [String: String] {
        var out: [String: String] = [:]
        var last: String?
        for line in lines {
            if let c = line.first, c == " " || c == "\t", let k = last {
                out[k, default: ""] += " " + line.trimmingSpaces
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon]).trimmingSpaces.lowercased()
            if out[name] == nil {
                out[name] = String(line[line.index(after: colon)...]).trimmingSpaces
                last = name
            } else {
                last = nil
            }
        }
        return out
    }

    /// The body of a chunked transfer encoding; nil when a chunk size is malformed or a chunk runs
    /// past the end.
    static func dechunk(_ b: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            var size = 0
            var digits = 0
            while i < b.count, let v = hexValue(b[i]) {
                size = size * 16 + v
                digits += 1
                i += 1
                if digits > 12 { return nil }
            }
            guard digits > 0 else { return nil }
            while i < b.count, b[i] != 0x0A { i += 1 }  // chunk extensions, CR
            i += 1
            if size == 0 { return out }
            guard i + size <= b.count else { return nil }
            out.append(contentsOf: b[i..<i + size])
            i += size
            if i < b.count, b[i] == 0x0D { i += 1 }
            if i < b.count, b[i] == 0x0A { i += 1 }
        }
        return out
    }

    static func hexValue(_ c: UInt8) -> Int? {
        switch c {
        case 0x30...0x39: return Int(c - 0x30)
        case 0x41...0x46: return Int(c - 0x41 + 10)
        case 0x61...0x66: return Int(c - 0x61 + 10)
        default: return nil
        }
    }
}
