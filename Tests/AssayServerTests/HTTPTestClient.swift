import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An HTTP/1.1 reply as the test client read it.
struct HTTPReply {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as one JSON object.
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }

    /// The body as JSON Lines.
    var lines: [[String: Any]] {
        text.split(separator: "\n").map { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:] }
    }

    /// `error.code` of an error body.
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
}

struct ClientError: Error, CustomStringConvertible {
    var description: String
}

/// A small blocking HTTP/1.1 client over a loopback socket, for tests: one request per connection
/// (`Connection: close`), a body sent whole, in chunks, or by the caller piece by piece. Blocking
/// calls run on Dispatch threads, never on the cooperative pool the server under test needs.
final class HTTPConnection: @unchecked Sendable {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ClientError(description: "socket: \(errno)") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let r = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard r == 0 else {
            close(fd)
            throw ClientError(description: "connect: \(errno)")
        }
    }

    deinit { close(fd) }

    /// Sends bytes; false once the server has closed its side (it may have answered already).
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + off, $0.count - off, Int32(MSG_NOSIGNAL)) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return false }
            off += n
        }
        return true
    }

    func send(_ s: String) { send(Array(s.utf8)) }

    /// Reads until `done` holds for everything read so far (or the server closes, or 30 s pass
    /// without a byte); everything read.
    func receive(until done: ([UInt8]) -> Bool) -> [UInt8] {
        var seen: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        var tv = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        while !done(seen) {
            let n = recv(fd, &buf, buf.count, 0)
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            seen += buf[0..<n]
        }
        return seen
    }

    /// Reads until the server closes the connection; everything read.
    func receiveToEnd() -> [UInt8] { receive { _ in false } }

    /// Sends a request head; `length` nil means a chunked body.
    func sendHead(_ method: String, _ path: String, headers: [(String, String)], length: Int?) {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        head += length.map { "Content-Length: \($0)\r\n" } ?? "Transfer-Encoding: chunked\r\n"
        head += "\r\n"
        send(head)
    }

    /// Sends one chunk of a chunked body (an empty one ends the body).
    @discardableResult
    func sendChunk(_ bytes: [UInt8]) -> Bool {
        send(Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + Array("\r\n".utf8))
    }

    /// Reads everything until the server closes, and parses it.
    func readReply() throws -> HTTPReply {
        var data: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            data.append(contentsOf: buf[0..<n])
        }
        return try Self.parse(data)
    }

    static func parse(_ data: [UInt8]) throws -> HTTPReply {
        guard let end = find(Array("\r\n\r\n".utf8), in: data, from: 0) else {
            throw ClientError(description: "no complete response head in \(data.count) bytes")
        }
        let head = String(decoding: data[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw ClientError(description: "bad status line \(head[0])") }
        var headers: [(String, String)] = []
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var body = Array(data[(end + 4)...])
        let chunked = headers.contains { $0.0.lowercased() == "transfer-encoding" && $0.1.lowercased().contains("chunked") }
        if chunked {
            var out: [UInt8] = []
            var i = 0
            var finished = false
            while let lineEnd = find([0x0D, 0x0A], in: body, from: i) {
                let sizeText = String(decoding: body[i..<lineEnd], as: UTF8.self).split(separator: ";")[0]
                guard let size = Int(sizeText, radix: 16) else { throw ClientError(description: "bad chunk size '\(sizeText)'") }
                if size == 0 {
                    finished = true
                    break
                }
                guard lineEnd + 2 + size <= body.count else { break }
                out.append(contentsOf: body[(lineEnd + 2)..<(lineEnd + 2 + size)])
                i = lineEnd + 2 + size + 2
            }
            guard finished else { throw ClientError(description: "chunked body cut off after \(out.count) bytes") }
            body = out
        } else if let length = headers.first(where: { $0.0.lowercased() == "content-length" }).flatMap({ Int($0.1) }) {
            guard body.count >= length else { throw ClientError(description: "body cut off: \(body.count) of \(length) bytes") }
            body = Array(body[0..<length])
        }
        return HTTPReply(status: status, headers: headers, body: body)
    }

    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard hay.count >= needle.count, from <= hay.count - needle.count else { return nil }
        var i = from
        while i <= hay.count - needle.count {
            if hay[i] == needle[0], Array(hay[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}

/// One request on a new connection; `chunked` sends the body in chunks of that size.
func http(
    _ port: Int, _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil, chunked: Int? = nil
) async throws -> HTTPReply {
    try await offPool {
        let c = try HTTPConnection(port: port)
        if let chunked, let body {
            c.sendHead(method, path, headers: headers, length: nil)
            var i = 0
            var open = true
            while i < body.count, open {
                open = c.sendChunk(Array(body[i..<min(i + chunked, body.count)]))
                i += chunked
            }
            if open { c.sendChunk([]) }
        } else {
            c.sendHead(method, path, headers: headers, length: body?.count ?? 0)
            if let body { c.send(body) }
        }
        return try c.readReply()
    }
}

func http(_ port: Int, _ method: String, _ path: String, contentType: String, body: String) async throws -> HTTPReply {
    try await http(port, method, path, headers: [("Content-Type", contentType)], body: Array(body.utf8))
}

/// Runs blocking work (a client's socket reads, up to 30 s each) on a thread of its own. Not on
/// Dispatch's global queue: on 2 cores it runs about two jobs at once, so a few tests blocked in
/// `recv` at the same time held back every other test's client and the server's queue timers
/// (one full run saw a batch's first record arrive after more than 30 s).
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { c in
        let thread = Thread {
            do { c.resume(returning: try work()) } catch { c.resume(throwing: error) }
        }
        thread.start()
    }
}
