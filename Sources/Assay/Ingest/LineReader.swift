#if canImport(Glibc)
    import Glibc
#endif

/// Reads lines of bytes from a file descriptor (standard input for `assay run --stdin-jsonl`), as
/// they come: no decoding, so invalid UTF-8 reaches the stream-line parser as it was sent.
package struct LineReader {
    let fd: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var start = 0
    private var end = 0
    private var atEnd = false

    /// A reader of `fd`; the descriptor stays open (the caller owns it).
    package init(fd: Int32) {
        self.fd = fd
    }

    /// The next line without its `\n` (or `\r\n`); the last line need not end in one. False at the end
    /// of the input, or when reading fails (``failure`` then holds `errno`).
    package mutating func next(into line: inout [UInt8]) -> Bool {
        line.removeAll(keepingCapacity: false)
        var any = false
        while true {
            if start < end {
                any = true
                let found = buffer.withUnsafeBufferPointer { p -> Int? in
                    var k = start
                    while k < end, p[k] != 0x0A { k += 1 }
                    return k < end ? k : nil
                }
                if let nl = found {
                    line.append(contentsOf: buffer[start..<nl])
                    start = nl + 1
                    if line.last == 0x0D { line.removeLast() }
                    return true
                }
                line.append(contentsOf: buffer[start..<end])
                start = end
            }
            if atEnd { return any }
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                atEnd = true
            } else if n == 0 {
                atEnd = true
            } else {
                start = 0
                end = n
            }
        }
    }

    /// `errno` of a failed read, or nil.
    package private(set) var failure: Int32? = nil
}
