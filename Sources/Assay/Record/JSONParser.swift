/// A strict JSON parser (RFC 8259) that keeps object key order (for stream lines and their `meta`).
///
/// Strings are read as bytes: invalid UTF-8 inside a string and escaped lone surrogates (`"\ud800"`)
/// become U+FFFD, and the parser counts them (``replacements``) so a caller can say so. One top-level
/// key can be kept raw (``parseObject(_:rawKey:)``): its string's bytes come back unrepaired, for the
/// document decoder to report where they were bad.
package struct JSONParser {
    let b: [UInt8]
    var i = 0
    /// The top-level key whose string value is kept as bytes, and that value once read.
    var rawKey: [UInt8]? = nil
    var raw: RawString? = nil
    /// Top-level keys whose name or value had bytes replaced by U+FFFD (in input order, no repeats).
    var repairedKeys: [String] = []
    /// Strings repaired while reading the current top-level member.
    var repairs = 0

    /// A parse failure with the byte offset where it happened.
    package struct Failure: Error, Sendable {
        package var message: String
        package var offset: Int
    }

    /// A string value kept as bytes: escapes resolved, invalid UTF-8 left as it was; an escaped lone
    /// surrogate is written as U+FFFD (UTF-8 cannot hold it) and counted.
    package struct RawString: Sendable {
        /// The string's bytes (UTF-8 where the input was).
        package var bytes: [UInt8]
        /// Byte offset in ``bytes`` of the first U+FFFD written for an escaped lone surrogate.
        package var firstLoneSurrogate: Int?
        /// Escaped lone surrogates replaced.
        package var loneSurrogates: Int
        /// Byte offset in the input of the first lone surrogate's `\u` escape.
        package var firstLoneSurrogateInput: Int?
    }

    /// A top-level object with one key's string value kept raw (see ``parseObject(_:rawKey:)``).
    package struct RawObject: Sendable {
        /// Every member in input order; the raw key's string member is left out (``raw`` holds it).
        package var pairs: [(String, JSONValue)]
        /// The raw key's last string value, nil when the key is absent or not a string.
        package var raw: RawString?
        /// Top-level keys whose name or value had invalid UTF-8 or a lone surrogate replaced by U+FFFD.
        package var repairedKeys: [String]
    }

    /// Parses one JSON value that must fill the whole input (surrounding whitespace allowed).
    package static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        var p = JSONParser(b: bytes)
        p.space()
        let v = try p.value(depth: 0)
        p.space()
        if p.i != bytes.count { throw Failure(message: "trailing characters", offset: p.i) }
        return v
    }

    /// Parses one JSON object that must fill the whole input; the string value of top-level key
    /// `rawKey` is kept as bytes (``RawString``) instead of a `String`.
    package static func parseObject(_ bytes: [UInt8], rawKey: String) throws(Failure) -> RawObject {
        var p = JSONParser(b: bytes)
        p.rawKey = Array(rawKey.utf8)
        p.space()
        guard p.i < bytes.count else { throw Failure(message: "unexpected end", offset: p.i) }
        guard bytes[p.i] == 0x7B else { throw Failure(message: "expected a JSON object", offset: p.i) }
        guard case .object(let pairs) = try p.object(depth: 0) else { throw Failure(message: "expected a JSON object", offset: 0) }
        p.space()
        if p.i != bytes.count { throw Failure(message: "trailing characters", offset: p.i) }
        return RawObject(pairs: pairs, raw: p.raw, repairedKeys: p.repairedKeys)
    }

    mutating func space() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
    }

    mutating func value(depth: Int) throws(Failure) -> JSONValue {
        guard depth < 512 else { throw Failure(message: "nested too deeply", offset: i) }
        guard i < b.count else { throw Failure(message: "unexpected end", offset: i) }
        switch b[i] {
        case 0x7B: return try object(depth: depth)
        case 0x5B: return try array(depth: depth)
        case 0x22: return .string(try string())
        case 0x74: try literal("true"); return .bool(true)
        case 0x66: try literal("false"); return .bool(false)
        case 0x6E: try literal("null"); return .null
        case 0x2D, 0x30...0x39: return try number()
        default: throw Failure(message: "unexpected character", offset: i)
        }
    }

    mutating func literal(_ word: String) throws(Failure) {
        let w = Array(word.utf8)
        guard i + w.count <= b.count, Array(b[i..<(i + w.count)]) == w else { throw Failure(message: "invalid literal", offset: i) }
        i += w.count
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, kept as written.
    mutating func number() throws(Failure) -> JSONValue {
        let start = i
        func digit(_ k: Int) -> Bool { k < b.count && b[k] >= 0x30 && b[k] <= 0x39 }
        if i < b.count, b[i] == 0x2D { i += 1 }
        guard digit(i) else { throw Failure(message: "invalid number: a digit must follow '-'", offset: i) }
        if b[i] == 0x30 {
            i += 1
            if digit(i) { throw Failure(message: "invalid number: leading zero", offset: start) }
        } else {
            while digit(i) { i += 1 }
        }
        if i < b.count, b[i] == 0x2E {
            i += 1
            guard digit(i) else { throw Failure(message: "invalid number: a digit must follow '.'", offset: i) }
            while digit(i) { i += 1 }
        }
        if i < b.count, b[i] == 0x65 || b[i] == 0x45 {
            i += 1
            if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
            guard digit(i) else { throw Failure(message: "invalid number: a digit must follow the exponent", offset: i) }
            while digit(i) { i += 1 }
        }
        // What follows must end the value: `1-2` or `01` must not pass as a number and something after it.
        if i < b.count, ![0x20, 0x09, 0x0A, 0x0D, 0x2C, 0x5D, 0x7D].contains(b[i]) {
            throw Failure(message: "invalid number", offset: start)
        }
        return .number(String(decoding: b[start..<i], as: UTF8.self))
    }

    /// A string as Swift text: invalid UTF-8 and lone surrogates become U+FFFD and are counted in ``repairs``.
    mutating func string() throws(Failure) -> String {
        let s = try rawString()
        if s.loneSurrogates > 0 { repairs += 1 }
        if let valid = String(validating: s.bytes, as: UTF8.self) { return valid }
        repairs += 1
        return String(decoding: s.bytes, as: UTF8.self)
    }

    /// A string's bytes with escapes resolved; `i` is at its opening quote.
    mutating func rawString() throws(Failure) -> RawString {
        i += 1
        var out = RawString(bytes: [], firstLoneSurrogate: nil, loneSurrogates: 0, firstLoneSurrogateInput: nil)
        while i < b.count {
            // Copy a run of plain bytes at once: a stream line's text is megabytes of them.
            var j = i
            while j < b.count, b[j] != 0x22, b[j] != 0x5C, b[j] >= 0x20 { j += 1 }
            if j > i {
                if out.bytes.isEmpty, j < b.count, b[j] == 0x22 { out.bytes.reserveCapacity(j - i) }
                out.bytes.append(contentsOf: b[i..<j])
                i = j
            }
            guard i < b.count else { break }
            let c = b[i]
            if c == 0x22 {
                i += 1
                return out
            }
            if c < 0x20 { throw Failure(message: "control character in string", offset: i) }
            // A backslash.
            let escape = i
            i += 1
            guard i < b.count else { break }
            switch b[i] {
            case 0x22: out.bytes.append(0x22)
            case 0x5C: out.bytes.append(0x5C)
            case 0x2F: out.bytes.append(0x2F)
            case 0x62: out.bytes.append(0x08)
            case 0x66: out.bytes.append(0x0C)
            case 0x6E: out.bytes.append(0x0A)
            case 0x72: out.bytes.append(0x0D)
            case 0x74: out.bytes.append(0x09)
            case 0x75:
                var u = try hex4()
                var lone = false
                if (0xD800..<0xDC00).contains(u) {
                    if i + 2 < b.count, b[i + 1] == 0x5C, b[i + 2] == 0x75 {
                        let back = i
                        i += 2
                        let lo = try hex4()
                        if (0xDC00..<0xE000).contains(lo) {
                            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
                        } else {
                            // Only the high half is lone; the next escape is read on its own.
                            i = back
                            lone = true
                        }
                    } else {
                        lone = true
                    }
                } else if (0xDC00..<0xE000).contains(u) {
                    lone = true
                }
                if lone {
                    if out.firstLoneSurrogate == nil {
                        out.firstLoneSurrogate = out.bytes.count
                        out.firstLoneSurrogateInput = escape
                    }
                    out.loneSurrogates += 1
                    u = 0xFFFD
                }
                appendUTF8(Unicode.Scalar(u) ?? "\u{FFFD}", to: &out.bytes)
            default: throw Failure(message: "invalid escape", offset: i)
            }
            i += 1
        }
        throw Failure(message: "unterminated string", offset: i)
    }

    func appendUTF8(_ s: Unicode.Scalar, to out: inout [UInt8]) {
        let v = s.value
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800: out.append(contentsOf: [UInt8(0xC0 | v >> 6), UInt8(0x80 | v & 0x3F)])
        case 0x800..<0x10000:
            out.append(contentsOf: [UInt8(0xE0 | v >> 12), UInt8(0x80 | v >> 6 & 0x3F), UInt8(0x80 | v & 0x3F)])
        default:
            out.append(contentsOf: [UInt8(0xF0 | v >> 18), UInt8(0x80 | v >> 12 & 0x3F), UInt8(0x80 | v >> 6 & 0x3F), UInt8(0x80 | v & 0x3F)])
        }
    }

    mutating func hex4() throws(Failure) -> UInt32 {
        guard i + 4 < b.count else { throw Failure(message: "short \\u escape", offset: i) }
        var v: UInt32 = 0
        for k in 1...4 {
            let c = b[i + k]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw Failure(message: "bad hex digit", offset: i + k)
            }
            v = v << 4 | d
        }
        i += 4
        return v
    }

    mutating func array(depth: Int) throws(Failure) -> JSONValue {
        i += 1
        var items: [JSONValue] = []
        space()
        if i < b.count, b[i] == 0x5D { i += 1; return .array(items) }
        while true {
            space()
            items.append(try value(depth: depth + 1))
            space()
            guard i < b.count else { throw Failure(message: "unterminated array", offset: i) }
            if b[i] == 0x2C { i += 1; continue }
            if b[i] == 0x5D { i += 1; return .array(items) }
            throw Failure(message: "expected ',' or ']'", offset: i)
        }
    }

    mutating func object(depth: Int) throws(Failure) -> JSONValue {
        i += 1
        var pairs: [(String, JSONValue)] = []
        space()
        if i < b.count, b[i] == 0x7D { i += 1; return .object(pairs) }
        while true {
            space()
            guard i < b.count, b[i] == 0x22 else { throw Failure(message: "expected a key", offset: i) }
            let top = depth == 0 && rawKey != nil
            if top { repairs = 0 }
            let k = try string()
            space()
            guard i < b.count, b[i] == 0x3A else { throw Failure(message: "expected ':'", offset: i) }
            i += 1
            space()
            if top, let rawKey, i < b.count, b[i] == 0x22, Array(k.utf8) == rawKey {
                raw = try rawString()
            } else {
                pairs.append((k, try value(depth: depth + 1)))
            }
            if top, repairs > 0, !repairedKeys.contains(k) { repairedKeys.append(k) }
            space()
            guard i < b.count else { throw Failure(message: "unterminated object", offset: i) }
            if b[i] == 0x2C { i += 1; continue }
            if b[i] == 0x7D { i += 1; return .object(pairs) }
            throw Failure(message: "expected ',' or '}'", offset: i)
        }
    }
}
