import Assay
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where output goes: standard output, a FIFO or device written directly, or a regular file
/// written to a temporary file beside it, synced, closed and renamed at the end — so the final
/// name only ever holds a complete file. Every write is checked: a failure ends the process with
/// a message and exit 1 after the temporary files are removed (see ``Termination``).
final class OutputSink {
    private let fd: Int32
    private let tempPath: [UInt8]?
    private let finalPath: RawPath?
    /// For messages: "to standard output", "to 'out.jsonl'".
    private let what: String
    private var buffer: [UInt8] = []

    /// Opens the sink (nil or `-`: standard output); throws a message when the file cannot be created.
    init(path: RawPath?) throws {
        guard let path, path.bytes != [UInt8(ascii: "-")] else {
            fd = STDOUT_FILENO
            tempPath = nil
            finalPath = nil
            what = "to standard output"
            return
        }
        what = "to '\(path.display)'"
        var st = stat()
        if path.withCString({ stat($0, &st) }) == 0, st.st_mode & S_IFMT != S_IFREG, st.st_mode & S_IFMT != S_IFDIR {
            let f = path.withCString { open($0, O_WRONLY | O_CLOEXEC) }
            guard f >= 0 else { throw SinkError("cannot open '\(path.display)': \(String(cString: strerror(errno)))") }
            fd = f
            tempPath = nil
            finalPath = nil
            return
        }
        // `.NAME.assay-XXXXXX` in the same directory, so the rename stays on one file system.
        var dir = path.bytes
        var name: [UInt8] = dir
        if let slash = dir.lastIndex(of: UInt8(ascii: "/")) {
            name = Array(dir[(slash + 1)...])
            dir = Array(dir[...slash])
        } else {
            dir = []
        }
        let template = dir + Array(".".utf8) + name + Array(".assay-XXXXXX".utf8)
        switch TemporaryFiles.shared.makeUnique(template: template) {
        case .failure(let code):
            throw SinkError("cannot create '\(path.display)': \(String(cString: strerror(code.code.rawValue)))")
        case .success(let made):
            fd = made.fd
            tempPath = made.path
            finalPath = path
            // mkstemp makes the file 0600: give it the mode of the file it replaces, else what a new
            // file would get (0666 less the umask).
            if path.withCString({ stat($0, &st) }) == 0, st.st_mode & S_IFMT == S_IFREG {
                fchmod(fd, st.st_mode & 0o7777)
            } else {
                let mask = umask(0)
                umask(mask)
                fchmod(fd, 0o666 & ~mask)
            }
        }
    }

    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        if let code = buffer.withUnsafeBytes({ writeAll(fd, $0) }) {
            Termination.writeFailed(what, errno: code, toStandardOutput: fd == STDOUT_FILENO)
        }
    }

    /// Writes the bytes of the file at `path` (a spilled record's body), a megabyte at a time.
    func copy(file path: String) {
        flush()
        let src = open(path, O_RDONLY | O_CLOEXEC)
        guard src >= 0 else { Termination.exit(status: 1, message: "assay: cannot read the spill file '\(path)': \(String(cString: strerror(errno)))") }
        defer { close(src) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(src, $0.baseAddress!, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { Termination.exit(status: 1, message: "assay: cannot read the spill file '\(path)': \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            buffer.append(contentsOf: chunk[0..<n])
            flush()
        }
    }

    /// Flushes; for a file, syncs, closes and renames the temporary file into place.
    func finish() {
        flush()
        guard let temp = tempPath, let final = finalPath else {
            if fd != STDOUT_FILENO, close(fd) != 0 { Termination.writeFailed(what, errno: errno, toStandardOutput: false) }
            return
        }
        if fsync(fd) != 0 { Termination.writeFailed(what, errno: errno, toStandardOutput: false) }
        if close(fd) != 0 { Termination.writeFailed(what, errno: errno, toStandardOutput: false) }
        let renamed = RawPath(bytes: temp).withCString { t in final.withCString { rename(t, $0) } }
        if renamed != 0 {
            Termination.exit(status: 1, message: "assay: cannot rename into '\(final.display)': \(String(cString: strerror(errno)))")
        }
        TemporaryFiles.shared.forget(temp)
    }
}

struct SinkError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Writes `bytes` to `path` through an ``OutputSink`` (atomically for a regular file); exits 1
/// with a message when the file cannot be created or written.
func writeWholeFile(_ path: String, _ bytes: [UInt8]) {
    let sink: OutputSink
    do {
        sink = try OutputSink(path: RawArguments.path(path))
    } catch {
        Termination.exit(status: 1, message: "assay: \(error)")
    }
    sink.write(bytes)
    sink.finish()
}
