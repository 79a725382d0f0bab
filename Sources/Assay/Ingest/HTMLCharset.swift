/// The charset an HTML document declares: `<meta charset>` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` within its first 4 KiB (comments skipped), and the `charset` parameter of
/// a Content-Type value. A simplified form of the HTML standard's prescan.
package enum HTMLCharset {
    /// How far the prescan looks (the standard says 1024 bytes; pages with long heads go further).
    package static let prescanLimit = 4096

    /// The declared charset's name as written (lowercased), or nil.
    package static func declared(in bytes: [UInt8]) -> String? {
        let n = min(bytes.count, prescanLimit)
        var i = 0
        while i < n {
            guard bytes[i] == 0x3C else {
                i += 1
                continue
            }
            if DocumentFormat.hasPrefix(bytes, i, "<!--") {
                guard let end = DocumentFormat.find(bytes, "-->", from: i + 4, limit: n) else { return nil }
                i = end + 3
                continue
            }
            if DocumentFormat.hasPrefix(bytes, i, "<meta"), i + 5 < n, isSpace(bytes[i + 5]) || bytes[i + 5] == 0x2F {
                let (attributes, end) = parseAttributes(bytes, from: i + 5, limit: n)
                if let c = attributes["charset"], !c.isEmpty { return c }
                if attributes["http-equiv"] == "content-type", let content = attributes["content"], let c = parameter(content) {
                    return c
                }
                i = end
                continue
            }
            i += 1
        }
        return nil
    }

    /// The `charset` parameter of a Content-Type value (`text/html; charset=windows-1258`), lowercased.
    package static func parameter(_ contentType: String) -> String? {
        let lower = contentType.lowercased()
        guard let r = lower.range(of: "charset") else { return nil }
        var rest = lower[r.upperBound...].drop { $0 == " " || $0 == "\t" }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "'" }
        let value = rest.prefix { !($0 == ";" || $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "'") }
        return value.isEmpty ? nil : String(value)
    }

    /// The encoding to decode with for a declared name, as the HTML standard maps labels: ASCII and
    /// Latin-1 labels mean windows-1252, a UTF-16 label in ASCII-compatible bytes means UTF-8. Nil for a
    /// name no decoder knows (the declaration is then ignored).
    package static func decoderName(for declared: String) -> String? {
        let name = DocumentDecoder.ianaName(declared.trimmingSpaces)
        switch name {
        case "utf-16", "utf-16le", "utf-16be", "utf8", "unicode-1-1-utf-8": return "utf-8"
        case "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "x-user-defined": return "windows-1252"
        default: return EncodingName.isKnown(name) ? name : nil
        }
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C }

    /// A tag's attributes from just after its name to its `>`: names lowercased, values as written
    /// (lowercased too: only charset names and `content-type` are read). Returns where the tag ends.
    static func parseAttributes(_ b: [UInt8], from: Int, limit n: Int) -> ([String: String], Int) {
        var out: [String: String] = [:]
        var i = from
        while i < n {
            while i < n, isSpace(b[i]) || b[i] == 0x2F { i += 1 }
            guard i < n, b[i] != 0x3E else { return (out, i + 1) }
            let nameStart = i
            while i < n, !isSpace(b[i]), b[i] != 0x3D, b[i] != 0x3E, b[i] != 0x2F { i += 1 }
            let name = String(decoding: b[nameStart..<i], as: UTF8.self).lowercased()
            while i < n, isSpace(b[i]) { i += 1 }
            var value = ""
            if i < n, b[i] == 0x3D {
                i += 1
                while i < n, isSpace(b[i]) { i += 1 }
                if i < n, b[i] == 0x22 || b[i] == 0x27 {
                    let quote = b[i]
                    i += 1
                    let s = i
                    while i < n, b[i] != quote { i += 1 }
                    value = String(decoding: b[s..<i], as: UTF8.self)
                    i += 1
                } else {
                    let s = i
                    while i < n, !isSpace(b[i]), b[i] != 0x3E { i += 1 }
                    value = String(decoding: b[s..<i], as: UTF8.self)
                }
            }
            if out[name] == nil { out[name] = value.lowercased().trimmingSpaces }
        }
        return (out, n)
    }
}

extension String {
    /// Without leading and trailing ASCII white space.
    var trimmingSpaces: String {
        let u = Array(utf8)
        var a = 0, b = u.count
        while a < b, HTMLCharset.isSpace(u[a]) { a += 1 }
        while b > a, HTMLCharset.isSpace(u[b - 1]) { b -= 1 }
        return String(decoding: u[a..<b], as: UTF8.self)
    }
}
