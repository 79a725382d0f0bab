/// What a document is read as: plain text, an HTML page, or a WARC archive of pages.
public enum DocumentFormat: String, Sendable, CaseIterable {
    /// Plain text in any encoding the decoder finds (the record's offsets are in it).
    case text
    /// An HTML page: its text is extracted first, and the record's offsets are in that text.
    case html
    /// A WARC record's payload; ``Pipeline/process(bytes:source:forcedEncoding:forcedLanguage:meta:format:transportCharset:withText:)``
    /// reads bytes given with it as text (the record says `warc`).
    case warc

    /// The format a file name says: `.html`/`.htm` → html, `.warc`/`.warc.gz` → warc, `.txt` → text;
    /// nil for any other name (the content decides: ``sniff(_:)``).
    package init?(path: String) {
        let name = path.lowercased()
        if name.hasSuffix(".html") || name.hasSuffix(".htm") || name.hasSuffix(".xhtml") {
            self = .html
        } else if name.hasSuffix(".warc") || name.hasSuffix(".warc.gz") {
            self = .warc
        } else if name.hasSuffix(".txt") {
            self = .text
        } else {
            return nil
        }
    }

    /// The format of a document whose name says nothing: HTML when its first markup (after a
    /// byte-order mark, white space and comments) is `<!DOCTYPE html`, `<html`, `<head` or `<body`;
    /// else text. A WARC archive is known by its name only (`.warc`, `.warc.gz`).
    package static func sniff(_ bytes: [UInt8]) -> DocumentFormat {
        var i = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        let limit = min(bytes.count, i + 4096)
        while i < limit {
            let c = bytes[i]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C {
                i += 1
                continue
            }
            if Self.hasPrefix(bytes, i, "<!--") {
                guard let end = Self.find(bytes, "-->", from: i + 4, limit: limit) else { return .text }
                i = end + 3
                continue
            }
            for opener in ["<!doctype html", "<html", "<head", "<body"] where Self.hasPrefix(bytes, i, opener) {
                let next = i + opener.utf8.count
                if next >= bytes.count || [0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x3E, 0x2F].contains(bytes[next]) { return .html }
            }
            return .text
        }
        return .text
    }

    /// Whether `bytes[at...]` starts with ASCII `prefix` (lowercase), ignoring ASCII case.
    static func hasPrefix(_ bytes: [UInt8], _ at: Int, _ prefix: String) -> Bool {
        var k = at
        for p in prefix.utf8 {
            guard k < bytes.count else { return false }
            var c = bytes[k]
            if c >= 0x41 && c <= 0x5A { c += 0x20 }
            if c != p { return false }
            k += 1
        }
        return true
    }

    static func find(_ bytes: [UInt8], _ needle: String, from: Int, limit: Int) -> Int? {
        let n = Array(needle.utf8)
        var i = from
        while i + n.count <= limit {
            if bytes[i] == n[0], Array(bytes[i..<i + n.count]) == n { return i }
            i += 1
        }
        return nil
    }
}
