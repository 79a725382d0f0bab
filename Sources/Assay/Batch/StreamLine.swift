/// One line of `assay run --stdin-jsonl`: `{"id": …, "text": …, …}` → a record.
public enum StreamLine {
    /// The record for input line `line` (counted from 1); a malformed line gives an E303 error record.
    /// A line's optional `"format"` (`"text"` or `"html"`) says how its `text` is read; it stays in
    /// `meta` like any other key.
    public static func process(
        _ text: String, line: Int, pipeline: Pipeline, encoding: String?, profiling: Bool = false, withText: Bool = false
    ) -> (Record, Int, StageProfile) {
        let fallback = "stdin:\(line)"
        let value: JSONValue
        do {
            value = try JSONParser.parse(Array(text.utf8))
        } catch {
            return (.failure(source: fallback, code: .malformedStreamLine, message: "line \(line): malformed JSON: \(error.message) at byte \(error.offset)"), 0, StageProfile())
        }
        guard case .object(let pairs) = value else {
            return (.failure(source: fallback, code: .malformedStreamLine, message: "line \(line): expected a JSON object"), 0, StageProfile())
        }
        var source = fallback
        var body: String? = nil
        var meta: [(String, JSONValue)] = []
        var format = DocumentFormat.text
        var badFormat: String? = nil
        for (k, v) in pairs {
            if k == "format" {
                if case .string(let f) = v, let known = DocumentFormat(rawValue: f), known != .warc {
                    format = known
                } else {
                    badFormat = "line \(line): 'format' is \"text\" or \"html\""
                }
            }
            switch (k, v) {
            case ("id", .string(let s)): source = s
            case ("id", _): break
            case ("text", .string(let s)): body = s
            case ("text", _): break
            default: meta.append((k, v))
            }
        }
        guard let body else {
            return (.failure(source: source, code: .malformedStreamLine, message: "line \(line): no string 'text' field", meta: .object(meta)), 0, StageProfile())
        }
        if let badFormat {
            return (.failure(source: source, code: .malformedStreamLine, message: badFormat, meta: .object(meta)), 0, StageProfile())
        }
        let bytes = Array(body.utf8)
        let (record, profile) = pipeline.process(
            bytes: bytes, source: source, forcedEncoding: encoding, meta: .object(meta), profiling: profiling, format: format,
            withText: withText)
        return (record, bytes.count, profile)
    }
}
