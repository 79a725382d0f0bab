import WebShim

/// The text a reader sees in an HTML page, extracted with libxml2's HTML parser (through WebShim).
/// The charset is decided here, before parsing, by Assay's own decoder, and libxml2 is handed UTF-8
/// with its own charset switching turned off, so one place decides every document's charset.
/// Extraction rules: README "HTML input".
package enum HTMLText {
    /// Decodes an HTML document's bytes to its extracted text. The charset: a byte-order mark, else
    /// `forcedEncoding`, else `transportCharset` (an HTTP Content-Type's charset), else the page's
    /// `<meta>` declaration, else detection as for text (UTF-8, windows-1258 fallback). W301 then
    /// refers to the HTML source, so its offsets are null.
    package static func decode(_ bytes: [UInt8], forcedEncoding: String? = nil, transportCharset: String? = nil) -> DecodedDocument {
        var decoded: DecodedDocument
        let utf8BOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        let hasBOM = utf8BOM || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        let declared =
            hasBOM
            ? nil
            : forcedEncoding ?? transportCharset.flatMap(HTMLCharset.decoderName(for:))
                ?? HTMLCharset.declared(in: bytes).flatMap(HTMLCharset.decoderName(for:))
        // The common case, valid UTF-8 (declared or not): libxml2 reads the bytes as they are, and the
        // page is never decoded to UTF-16 only to be encoded back.
        if !bytes.isEmpty, declared == nil || DocumentDecoder.ianaName(declared!) == "utf-8", utf8BOM || !hasBOM,
            let text = bytes.withUnsafeBufferPointer({ cleanUTF8Text(UnsafeBufferPointer(rebasing: $0[(utf8BOM ? 3 : 0)...])) })
        {
            return DecodedDocument(units: text, encoding: "utf-8", isBinary: false, diagnostics: [])
        }
        if let name = declared {
            decoded = DocumentDecoder.decode(bytes, forcedEncoding: name)
        } else {
            decoded = DocumentDecoder.decode(bytes)
        }
        if decoded.isBinary || decoded.units.isEmpty { return decoded }
        let text = utf8(decoded.units).withUnsafeBufferPointer { extract($0) }
        for i in decoded.diagnostics.indices where decoded.diagnostics[i].code == .invalidBytes {
            decoded.diagnostics[i].message += " (in the HTML source)"
            decoded.diagnostics[i].start = nil
            decoded.diagnostics[i].end = nil
        }
        if let text {
            decoded.units = Array(String(decoding: text, as: UTF8.self).utf16)
        } else {
            decoded.units = []
            decoded.diagnostics.append(Diagnostic(code: .binarySkipped, message: "HTML page not parsed: over 2 GiB, or out of memory; no text extracted"))
        }
        return decoded
    }

    /// The extracted text as UTF-16 when `bytes` are valid UTF-8 and not binary (what the decoder
    /// would then give: UTF-8, no diagnostics); nil otherwise, or when libxml2 could not take them.
    static func cleanUTF8Text(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt16]? {
        guard UTF8Scan(bytes).invalidSequences == 0, !DocumentDecoder.looksBinary(bytes), let text = extract(bytes) else {
            return nil
        }
        return Array(String(decoding: text, as: UTF8.self).utf16)
    }

    /// The extracted text of valid UTF-8 HTML, as UTF-8; nil when libxml2 could not take it.
    package static func extract(_ utf8: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var length = 0
        let empty: [UInt8] = []
        let out = empty.withUnsafeBufferPointer { e in
            assay_html_text(utf8.baseAddress ?? e.baseAddress, utf8.count, &length)
        }
        guard let out else { return nil }
        defer { assay_web_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: length))
    }

    /// The extracted text of an HTML string (valid UTF-8 by construction).
    package static func extract(_ html: String) -> String {
        var s = html
        let bytes = s.withUTF8 { extract($0) } ?? []
        return String(decoding: bytes, as: UTF8.self)
    }

    /// UTF-16 to UTF-8 (units are already repaired: no unpaired surrogates).
    static func utf8(_ units: [UInt16]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(units.count * 3 / 2)
        var i = 0
        while i < units.count {
            var c = UInt32(units[i])
            if c & 0xFC00 == 0xD800, i + 1 < units.count, units[i + 1] & 0xFC00 == 0xDC00 {
                c = 0x10000 + ((c - 0xD800) << 10) + (UInt32(units[i + 1]) - 0xDC00)
                i += 1
            } else if c & 0xF800 == 0xD800 {
                c = 0xFFFD
            }
            i += 1
            if c < 0x80 {
                out.append(UInt8(c))
            } else if c < 0x800 {
                out.append(UInt8(0xC0 | c >> 6)); out.append(UInt8(0x80 | c & 0x3F))
            } else if c < 0x10000 {
                out.append(UInt8(0xE0 | c >> 12)); out.append(UInt8(0x80 | c >> 6 & 0x3F)); out.append(UInt8(0x80 | c & 0x3F))
            } else {
                out.append(UInt8(0xF0 | c >> 18)); out.append(UInt8(0x80 | c >> 12 & 0x3F))
                out.append(UInt8(0x80 | c >> 6 & 0x3F)); out.append(UInt8(0x80 | c & 0x3F))
            }
        }
        return out
    }
}
