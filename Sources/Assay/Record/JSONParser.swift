/// A strict JSON parser that keeps object key order (for stream lines and their `meta`).
public struct JSONParser {
    let b: [UInt8]
    var i = 0

    /// A parse failure with the byte offset where it happened.
    public struct Failure: Error, Sendable {
        public var message: String
        public var offset: Int
    }

    /// Parses one JSON value that must fill the whole input (surrounding whitespace allowed).
    public static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        var p = JSONParser(b: bytes)
        p.space()
        let v = try p.value(depth: 0)
        p.space()
        if p.i != bytes.count { throw Failure(message: "trailing characters", offset: p.i) }
        return v
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
        default: return try number()
        }
    }

    mutating func literal(_ word: String) throws(Failure) {
        let w = Array(word.utf8)
        guard i + w.count <= b.count, Array(b[i..<(i + w.count)]) == w else { throw Failure(message: "invalid literal", offset: i) }
        i += w.count
    }

    mutating func number() throws(Failure) -> JSONValue {
        let start = i
        if i < b.count, b[i] == 0x2D { i += 1 }
        var digits = 0
        while i < b.count, (0x30...0x39).contains(b[i]) || b[i] == 0x2E || b[i] == 0x65 || b[i] == 0x45 || b[i] == 0x2B || b[i] == 0x2D {
            if (0x30...0x39).contains(b[i]) { digits += 1 }
            i += 1
        }
        guard digits > 0 else { throw Failure(message: "unexpected character", offset: start) }
        return .number(String(decoding: b[start..<i], as: UTF8.self))
    }

    mutating func string() throws(Failure) -> String {
        i += 1
        var out: [UInt8] = []
        while i < b.count {
            let c = b[i]
            if c == 0x22 {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw Failure(message: "control character in string", offset: i) }
            if c != 0x5C {
                out.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < b.count else { break }
            switch b[i] {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x2F: out.append(0x2F)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var u = try hex4()
                if (0xD800..<0xDC00).contains(u), i + 2 < b.count, b[i + 1] == 0x5C, b[i + 2] == 0x75 {
                    i += 2
                    let lo = try hex4()
                    if (0xDC00..<0xE000).contains(lo) { u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00) } else { u = 0xFFFD }
                }
                let scalar = Unicode.Scalar(u) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: throw Failure(message: "invalid escape", offset: i)
            }
            i += 1
        }
        throw Failure(message: "unterminated string", offset: i)
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
            let k = try string()
            space()
            guard i < b.count, b[i] == 0x3A else { throw Failure(message: "expected ':'", offset: i) }
            i += 1
            space()
            pairs.append((k, try value(depth: depth + 1)))
            space()
            guard i < b.count else { throw Failure(message: "unterminated object", offset: i) }
            if b[i] == 0x2C { i += 1; continue }
            if b[i] == 0x7D { i += 1; return .object(pairs) }
            throw Failure(message: "expected ',' or '}'", offset: i)
        }
    }
}
