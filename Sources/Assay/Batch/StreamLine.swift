/// One line of `assay run --stdin-jsonl`: `{"id": …, "text": …, …}` → a record. Every line gets a
/// record, an empty one too (a client waiting for one answer per line never waits in vain).
package enum StreamLine {
    /// The record for input line `line` (counted from 1), the size of its text in bytes, and the
    /// stage times; a malformed line (empty, not a JSON object, no string `text`) gives an E303 error
    /// record. `bytes` is the line without its line end; it is emptied once parsed, so the line and
    /// the document are not held at once.
    ///
    /// The text is decoded as UTF-8 (or as `encoding`): invalid bytes in it, and escaped lone
    /// surrogates (`"\ud800"`), become U+FFFD with a `W301` diagnostic pointing at the first one.
    /// The record's `id` is the SHA-256 of the text's bytes as the line carried them, escapes
    /// resolved (a lone surrogate counted as U+FFFD). Invalid UTF-8 in `id` or in a `meta` key or
    /// value is replaced too, with a `W301` that names the key. With `spillDirectory`, a text long
    /// enough to be processed in windows writes its entities and facts there (see ``Pipeline``).
    /// A line's optional `"format"` (`"text"` or `"html"`) says how its `text` is read; it stays in
    /// `meta` like any other key.
    package static func process(
        _ bytes: inout [UInt8], line: Int, pipeline: Pipeline, encoding: String?, profiling: Bool = false,
        spillDirectory: String? = nil, withText: Bool = false
    ) -> (Record, Int, StageProfile) {
        let fallback = "stdin:\(line)"
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }) {
            let what = bytes.isEmpty ? "empty line" : "blank line (white space only)"
            bytes = []
            return (.failure(source: fallback, code: .malformedStreamLine, message: "line \(line): \(what): expected a JSON object"), 0, StageProfile())
        }
        let parsed: JSONParser.RawObject
        do {
            parsed = try JSONParser.parseObject(bytes, rawKey: "text")
        } catch {
            bytes = []
            return (
                .failure(source: fallback, code: .malformedStreamLine, message: "line \(line): malformed JSON: \(error.message) at byte \(error.offset)"), 0,
                StageProfile()
            )
        }
        bytes = []
        var source = fallback
        var meta: [(String, JSONValue)] = []
        var format = DocumentFormat.text
        var badFormat: String? = nil
        for (k, v) in parsed.pairs {
            if k == "format" {
                if case .string(let f) = v, let known = DocumentFormat(rawValue: f), known != .warc {
                    format = known
                } else {
                    badFormat = "line \(line): 'format' is \"text\" or \"html\""
                }
            }
            switch (k, v) {
            case ("id", .string(let s)): source = s
            case ("id", _), ("text", _): break
            default: meta.append((k, v))
            }
        }
        guard let text = parsed.raw else {
            return (
                .failure(source: source, code: .malformedStreamLine, message: "line \(line): no string 'text' field", meta: .object(meta)), 0, StageProfile()
            )
        }
        if let badFormat {
            return (.failure(source: source, code: .malformedStreamLine, message: badFormat, meta: .object(meta)), 0, StageProfile())
        }
        // JSON is UTF-8: plain text is not sniffed for a legacy encoding (HTML keeps its own rules).
        var (record, profile) = pipeline.process(
            bytes: text.bytes, source: source, forcedEncoding: encoding ?? (format == .text ? "utf-8" : nil), meta: .object(meta),
            profiling: profiling, spillDirectory: spillDirectory, format: format, withText: withText)
        if let lone = loneSurrogateDiagnostic(text, positioned: format == .text) { insert(lone, into: &record) }
        for key in parsed.repairedKeys where key != "text" {
            insert(
                Diagnostic(code: .invalidBytes, message: "invalid UTF-8 or an escaped lone surrogate replaced by U+FFFD in the '\(key)' member of the line"),
                into: &record)
        }
        return (record, text.bytes.count, profile)
    }

    /// The record for one line given as text (see ``process(_:line:pipeline:encoding:profiling:spillDirectory:withText:)``).
    package static func process(
        _ text: String, line: Int, pipeline: Pipeline, encoding: String?, profiling: Bool = false, withText: Bool = false
    ) -> (Record, Int, StageProfile) {
        var bytes = Array(text.utf8)
        return process(&bytes, line: line, pipeline: pipeline, encoding: encoding, profiling: profiling, withText: withText)
    }

    /// `W301` for the first escaped lone surrogate, at its Unicode scalar offset in the decoded text
    /// (after a byte-order mark, which the decoder drops); without a position for HTML, whose
    /// offsets are in the extracted text.
    static func loneSurrogateDiagnostic(_ text: JSONParser.RawString, positioned: Bool = true) -> Diagnostic? {
        guard let at = text.firstLoneSurrogate else { return nil }
        let bom = text.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let scalar = String(decoding: text.bytes[min(bom, at)..<at], as: UTF8.self).unicodeScalars.count
        return Diagnostic(
            code: .invalidBytes,
            message: "escaped lone surrogate replaced by U+FFFD: first at byte offset \(at) of the text"
                + " (byte \(text.firstLoneSurrogateInput ?? 0) of the line), \(text.loneSurrogates) in all",
            start: positioned ? scalar : nil, end: positioned ? scalar + 1 : nil)
    }

    /// Adds `d` after the diagnostics that come before it (by start, whole-document ones last).
    static func insert(_ d: Diagnostic, into record: inout Record) {
        let k = record.diagnostics.firstIndex { e in
            guard let s = e.start else { return d.start != nil }
            guard let t = d.start else { return false }
            return s > t
        }
        record.diagnostics.insert(d, at: k ?? record.diagnostics.count)
    }
}
