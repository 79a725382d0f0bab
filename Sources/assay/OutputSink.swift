import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where records go: standard output, a FIFO or device written directly, or a regular file written
/// to a temporary file in the same folder and renamed at the end (never a truncated file that looks
/// complete).
final class OutputSink {
    private let fd: Int32
    private let tempPath: String?
    private let finalPath: String?
    private var buffer: [UInt8] = []

    /// Opens the sink; throws a message when the file cannot be created.
    init(path: String?) throws {
        guard let path, path != "-" else {
            fd = STDOUT_FILENO
            tempPath = nil
            finalPath = nil
            return
        }
        var st = stat()
        if stat(path, &st) == 0, st.st_mode & S_IFMT != S_IFREG, st.st_mode & S_IFMT != S_IFDIR {
            let f = open(path, O_WRONLY)
            guard f >= 0 else { throw SinkError("cannot open '\(path)': \(String(cString: strerror(errno)))") }
            fd = f
            tempPath = nil
            finalPath = nil
            return
        }
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        let temp = dir + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        let f = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard f >= 0 else { throw SinkError("cannot create '\(path)': \(String(cString: strerror(errno)))") }
        fd = f
        tempPath = temp
        finalPath = path
    }

    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    func flush() {
        var off = 0
        buffer.withUnsafeBytes { p in
            while off < p.count {
                let n = Glibc.write(fd, p.baseAddress! + off, p.count - off)
                if n <= 0 {
                    if errno == EINTR { continue }
                    break
                }
                off += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes the bytes of the file at `path` (a spilled record's body), a megabyte at a time.
    func copy(file path: String) {
        flush()
        let src = open(path, O_RDONLY)
        guard src >= 0 else { return }
        defer { close(src) }
        buffer.reserveCapacity(1 << 20)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(src, $0.baseAddress!, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            buffer.append(contentsOf: chunk[0..<n])
            flush()
        }
    }

    /// Flushes, closes and renames the temporary file into place.
    func finish() throws {
        flush()
        guard let temp = tempPath, let final = finalPath else { return }
        close(fd)
        guard rename(temp, final) == 0 else { throw SinkError("cannot rename into '\(final)': \(String(cString: strerror(errno)))") }
    }

    /// Removes the temporary file after a failure.
    func abandon() {
        guard let temp = tempPath else { return }
        close(fd)
        unlink(temp)
    }
}

struct SinkError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
