/// A small JSON writer that keeps the record contract's key order, writes `null` for absent values
/// and UTF-8 as is. Faster than `JSONEncoder` and exact about key order.
package struct JSONWriter {
    package private(set) var bytes: [UInt8] = []
    let pretty: Bool
    var depth = 0
    var first = [true]

    /// Makes room for `count` bytes in all.
    mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

    package init(pretty: Bool = false) {
        self.pretty = pretty
        bytes.reserveCapacity(4096)
    }

    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func newline() {
        guard pretty else { return }
        bytes.append(0x0A)
        for _ in 0..<depth { bytes.append(0x20); bytes.append(0x20) }
    }

    mutating func separator() {
        if first[first.count - 1] { first[first.count - 1] = false } else { bytes.append(0x2C) }
        newline()
    }

    package mutating func beginObject() { bytes.append(0x7B); depth += 1; first.append(true) }
    package mutating func endObject() { close(0x7D) }
    package mutating func beginArray() { bytes.append(0x5B); depth += 1; first.append(true) }
    package mutating func endArray() { close(0x5D) }

    mutating func close(_ c: UInt8) {
        depth -= 1
        let empty = first.removeLast()
        if !empty { newline() }
        bytes.append(c)
    }

    /// Writes `"key":` inside an object.
    package mutating func key(_ k: String) {
        separator()
        string(k)
        bytes.append(0x3A)
        if pretty { bytes.append(0x20) }
    }

    /// Prepares an array element.
    package mutating func element() { separator() }

    package mutating func string(_ s: String) {
        bytes.append(0x22)
        var s = s
        s.withUTF8 { u in
            for b in u {
                switch b {
                case 0x22: raw("\\\"")
                case 0x5C: raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                case 0..<0x20:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    raw("\\u00")
                    bytes.append(hex[Int(b >> 4)])
                    bytes.append(hex[Int(b & 0xF)])
                default: bytes.append(b)
                }
            }
        }
        bytes.append(0x22)
    }

    package mutating func string(_ s: String?) {
        if let s { string(s) } else { raw("null") }
    }

    /// Writes a contract value (a code, type, qualifier …) as its JSON string, or `null`.
    package mutating func string<Value: RawRepresentable>(_ v: Value?) where Value.RawValue == String {
        if let v { string(v.rawValue) } else { raw("null") }
    }

    package mutating func int(_ i: Int) { bytes.append(contentsOf: String(i).utf8) }

    package mutating func int(_ i: Int?) {
        if let i { int(i) } else { raw("null") }
    }

    package mutating func null() { raw("null") }

    package mutating func value(_ v: JSONValue) {
        switch v {
        case .null: raw("null")
        case .bool(let b): if b { raw("true") } else { raw("false") }
        case .number(let n): bytes.append(contentsOf: n.utf8)
        case .string(let s): string(s)
        case .array(let a):
            beginArray()
            for x in a { element(); value(x) }
            endArray()
        case .object(let o):
            beginObject()
            for (k, x) in o { key(k); value(x) }
            endObject()
        }
    }
}

extension JSONWriter {
    /// One entity object, keys in contract order.
    package mutating func entity(_ e: Entity) {
        beginObject()
        key("type"); string(e.type.rawValue)
        key("text"); string(e.text)
        key("start"); int(e.start)
        key("end"); int(e.end)
        key("language"); string(e.language.rawValue)
        key("rule"); string(e.rule)
        key("value"); beginObject()
        for f in e.value.fields { key(f.key); string(f.value) }
        endObject()
        endObject()
    }

    /// One fact object, keys in contract order.
    package mutating func fact(_ f: Fact) {
        beginObject()
        key("metric"); string(f.metric)
        key("money"); int(f.money)
        key("period"); int(f.period)
        key("factory"); int(f.factory)
        key("qualifier"); string(f.qualifier)
        key("per"); string(f.per)
        key("period_by"); string(f.periodBy)
        key("factory_by"); string(f.factoryBy)
        endObject()
    }

    /// Inside an object, after the spill file's keys: the next key needs a separator.
    mutating func continueAfterSpill() { first[first.count - 1] = false }

    /// Empties the buffer (after its bytes were written out), keeping the nesting state.
    package mutating func drain() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }
}

extension Record {
    /// A little more than the compact JSON's size (escapes aside), and room for a newline.
    var estimatedJSONSize: Int {
        func size(_ s: String?) -> Int { (s?.utf8.count ?? 4) + 3 }
        var n = 512 + size(id) + size(source) + size(text) + segments.count * 64 + diagnostics.count * 128
        for e in entities {
            n += 110 + size(e.type.rawValue) + size(e.text) + size(e.language.rawValue) + size(e.rule)
            for f in e.value.fields { n += size(f.key) + size(f.value) + 2 }
        }
        for f in facts { n += 160 + size(f.metric) + size(f.qualifier?.rawValue) + size(f.per?.rawValue) }
        return n + n / 16
    }

    /// The record as JSON (one line unless `pretty`), without a trailing newline: the contract's keys
    /// in order, `null` for an absent value. (A record the CLI spilled to a file while processing has
    /// its entities and facts in that file, not here; the public `process` functions never spill.)
    public func json(pretty: Bool = false) -> [UInt8] { encode(pretty: pretty).bytes }

    /// A spilled record's JSON line around its spill file: `head`, the file's bytes, then `tail`
    /// (which ends with the newline).
    package func spilledHalves() -> (head: [UInt8], tail: [UInt8]) {
        var (bytes, split) = encode(pretty: false)
        bytes.append(0x0A)
        let at = split ?? bytes.count
        return (Array(bytes[..<at]), Array(bytes[at...]))
    }

    func encode(pretty: Bool) -> (bytes: [UInt8], split: Int?) {
        var split: Int? = nil
        var w = JSONWriter(pretty: pretty)
        // Sized up front: a one-line 50 MB document's record is hundreds of MB, and growing the
        // buffer by doubling held the old and the new buffer at once.
        w.reserve(estimatedJSONSize * (pretty ? 2 : 1))
        w.beginObject()
        w.key("schema"); w.string(schema)
        w.key("id"); w.string(id)
        w.key("source"); w.string(source)
        w.key("encoding"); w.string(encoding)
        w.key("format"); w.string(format)
        w.key("language"); w.string(language.rawValue)
        w.key("segments"); w.beginArray()
        for s in segments {
            w.element(); w.beginObject()
            w.key("start"); w.int(s.start)
            w.key("end"); w.int(s.end)
            w.key("language"); w.string(s.language.rawValue)
            w.endObject()
        }
        w.endArray()
        if spilled != nil {
            // The entities and facts are in the spill file, which starts with the separator before
            // "entities" and ends after the facts array; the caller writes it between the halves.
            split = w.bytes.count
            w.continueAfterSpill()
        } else {
            w.key("entities"); w.beginArray()
            for e in entities { w.element(); w.entity(e) }
            w.endArray()
            w.key("facts"); w.beginArray()
            for f in facts { w.element(); w.fact(f) }
            w.endArray()
        }
        w.key("diagnostics"); w.beginArray()
        for d in diagnostics {
            w.element(); w.beginObject()
            w.key("code"); w.string(d.code.rawValue)
            w.key("message"); w.string(d.message)
            w.key("start"); w.int(d.start)
            w.key("end"); w.int(d.end)
            w.endObject()
        }
        w.endArray()
        w.key("meta")
        if let m = meta { w.value(m) } else { w.null() }
        w.key("error")
        if let e = error {
            w.beginObject()
            w.key("code"); w.string(e.code.rawValue)
            w.key("message"); w.string(e.message)
            w.endObject()
        } else {
            w.null()
        }
        w.key("text"); w.string(text)
        w.endObject()
        return (w.bytes, split)
    }
}
