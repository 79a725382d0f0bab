#if canImport(Glibc)
    import Glibc
#endif

/// A document's bytes, read piece by piece: held in memory, or a regular file read again for each
/// pass. A very large document is decoded window by window from here, so neither its bytes nor its
/// decoded text are ever held whole.
package final class DocumentBytes: @unchecked Sendable {
    enum Storage {
        case memory([UInt8])
        case file(Int32)
    }

    let storage: Storage
    /// The number of bytes (a file's size when it was opened).
    package let count: Int
    /// Set when a file read failed or came up short (the file changed under us): `errno`, or 0 for a
    /// short read.
    package private(set) var failure: Int32? = nil

    /// Bytes held in memory.
    package init(_ bytes: [UInt8]) {
        storage = .memory(bytes)
        count = bytes.count
    }

    /// A regular file, open for reading; `size` is its size from `fstat`. The descriptor stays the
    /// caller's to close.
    package init(fileDescriptor fd: Int32, size: Int) {
        storage = .file(fd)
        count = size
    }

    /// All the bytes at once (for documents small enough, or an encoding that cannot be decoded in
    /// pieces); nil when a file read fails.
    package func all() -> [UInt8]? {
        switch storage {
        case .memory(let b): return b
        case .file:
            var out: [UInt8] = []
            return read(0..<count, into: &out) ? out : nil
        }
    }

    /// Replaces `out` with the bytes in `range` (clamped to the document); false when a file read
    /// fails or comes up short (``failure`` says why).
    package func read(_ range: Range<Int>, into out: inout [UInt8]) -> Bool {
        let r = range.clamped(to: 0..<count)
        switch storage {
        case .memory(let b):
            out.removeAll(keepingCapacity: true)
            out.append(contentsOf: b[r])
            return true
        case .file(let fd):
            out = [UInt8](repeating: 0, count: r.count)
            var done = 0
            while done < r.count {
                let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, r.count - done, off_t(r.lowerBound + done)) }
                if n < 0, errno == EINTR { continue }
                if n <= 0 {
                    failure = n < 0 ? errno : 0
                    return false
                }
                done += n
            }
            return true
        }
    }
}
