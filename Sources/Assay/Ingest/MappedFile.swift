#if canImport(Glibc)
    import Glibc
#endif

/// A file's bytes mapped read-only into memory (a WARC archive can be gigabytes; only the pages
/// being read are resident), or bytes held in memory.
final class ByteStore: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    private let mapped: Bool
    private let owned: UnsafeMutableBufferPointer<UInt8>?

    /// Maps the regular file at `path`; throws a message when it cannot be opened or mapped.
    convenience init(path: String) throws(IngestError) {
        try self.init(pathBytes: Array(path.utf8))
    }

    /// Maps the regular file whose path is these bytes (a file name need not be UTF-8).
    init(pathBytes: [UInt8]) throws(IngestError) {
        let fd = (pathBytes.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { open($0.baseAddress!, O_RDONLY) }
        guard fd >= 0 else { throw IngestError(String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw IngestError(String(cString: strerror(errno))) }
        guard st.st_mode & S_IFMT == S_IFREG else { throw IngestError("not a regular file") }
        let size = Int(st.st_size)
        owned = nil
        if size == 0 {
            bytes = UnsafeBufferPointer(start: nil, count: 0)
            mapped = false
            return
        }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw IngestError(String(cString: strerror(errno)))
        }
        bytes = UnsafeBufferPointer(start: p.assumingMemoryBound(to: UInt8.self), count: size)
        mapped = true
    }

    /// A copy of `array`.
    init(_ array: [UInt8]) {
        let m = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(array.count, 1))
        _ = m.initialize(from: array)
        owned = m
        bytes = UnsafeBufferPointer(start: m.baseAddress, count: array.count)
        mapped = false
    }

    deinit {
        if mapped, let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
        owned?.deallocate()
    }
}

/// Why an input could not be read.
package struct IngestError: Error, CustomStringConvertible, Sendable {
    package var description: String
    init(_ d: String) { description = d }
}
