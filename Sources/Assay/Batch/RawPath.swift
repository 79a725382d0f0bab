#if canImport(Glibc)
    import Glibc
#endif

/// A file path as the bytes the kernel sees. A name need not be valid UTF-8, so a path is never
/// round-tripped through `String` (which would replace the bad bytes and name another file).
package struct RawPath: Hashable, Comparable, Sendable {
    /// The path's bytes, without a terminating NUL.
    package var bytes: [UInt8]

    /// The path with these bytes.
    package init(bytes: [UInt8]) { self.bytes = bytes }

    /// The path whose bytes are the string's UTF-8.
    package init(_ string: String) { bytes = Array(string.utf8) }

    /// `self/name` (no second slash when the path already ends in one).
    package func appending(_ name: [UInt8]) -> RawPath {
        var b = bytes
        if b.last != UInt8(ascii: "/") { b.append(UInt8(ascii: "/")) }
        b.append(contentsOf: name)
        return RawPath(bytes: b)
    }

    /// Calls `body` with the path as a NUL-terminated C string.
    package func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        var c = bytes.map { CChar(bitPattern: $0) }
        c.append(0)
        return try c.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// The path as text for a record's `source` and for messages: the UTF-8 of the name, with every
    /// backslash written `\\` and every byte that is not part of a well-formed UTF-8 sequence written
    /// `\xNN` (two upper-case hex digits). The escaping is reversible: `\\` → `\`, `\xNN` → byte NN.
    package var display: String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        let hex = Array("0123456789ABCDEF".utf8)
        var i = 0
        while i < bytes.count {
            let n = RawPath.sequenceLength(bytes, at: i)
            if n == 0 {
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "x"), hex[Int(bytes[i] >> 4)], hex[Int(bytes[i] & 0xF)]])
                i += 1
            } else if bytes[i] == UInt8(ascii: "\\") {
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                i += 1
            } else {
                out.append(contentsOf: bytes[i..<i + n])
                i += n
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The length of the well-formed UTF-8 sequence starting at `i` (Unicode table 3-7: no overlong
    /// forms, no surrogates, nothing above U+10FFFF), or 0 when the byte there starts none.
    static func sequenceLength(_ b: [UInt8], at i: Int) -> Int {
        let c = b[i]
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            i + k < b.count && b[i + k] >= lo && b[i + k] <= hi
        }
        switch c {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }

    package static func < (a: RawPath, b: RawPath) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }
}
