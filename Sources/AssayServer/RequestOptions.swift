import Assay
import Hummingbird
import HummingbirdCore

/// A request's `Content-Type`: the media type (lowercased) and its parameters.
struct ContentType: Equatable {
    var mediaType: String
    var parameters: [(String, String)]

    static func == (a: ContentType, b: ContentType) -> Bool {
        a.mediaType == b.mediaType && a.parameters.elementsEqual(b.parameters) { $0 == $1 }
    }

    /// Parses `type/subtype; key=value; key="value"`; nil when it is not of that form.
    init?(_ header: String) {
        let parts = header.split(separator: ";", omittingEmptySubsequences: false)
        let media = parts[0].trimmingSpaces.lowercased()
        let pieces = media.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty, !media.contains(" ") else { return nil }
        mediaType = media
        parameters = []
        for p in parts.dropFirst() {
            let kv = p.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard kv.count == 2 else { return nil }
            let key = kv[0].trimmingSpaces.lowercased()
            var value = kv[1].trimmingSpaces
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            guard !key.isEmpty else { return nil }
            parameters.append((key, value))
        }
    }

    /// The value of parameter `key`.
    func parameter(_ key: String) -> String? { parameters.first { $0.0 == key }?.1 }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

/// How `POST /v1/extract` reads its body, from the content type and the query.
struct ExtractRequest {
    enum Body { case text, json }

    var body: Body
    /// `?encoding=` or the text's `charset`: skips detection, as `--encoding`.
    var encoding: String?
    /// `?lang=`: forces the language, as `--lang`.
    var language: Language?
    /// `?source=`: the record's `source` (text bodies only); `http` when absent.
    var source: String

    /// The default `source` of a text body.
    static let defaultSource = "http"

    /// Reads the options, or throws the 400/415 the request deserves.
    init(contentType header: String?, query: FlatDictionary<Substring, Substring>) throws(APIError) {
        let type: ContentType
        if let header {
            guard let parsed = ContentType(header) else { throw .badRequest("malformed Content-Type '\(header)'") }
            type = parsed
        } else {
            type = ContentType("application/octet-stream")!
        }
        var charset: String? = nil
        switch type.mediaType {
        case "text/plain", "application/octet-stream":
            body = .text
            for (k, v) in type.parameters {
                guard k == "charset" else { throw .badRequest("unknown Content-Type parameter '\(k)' (text/plain takes charset)") }
                guard EncodingName.isKnown(v) else { throw .badRequest("unknown charset '\(v)'") }
                charset = v
            }
        case "application/json":
            body = .json
            try Self.checkUTF8Only(type)
        default:
            throw APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                "Content-Type '\(type.mediaType)' is not accepted: send text/plain (or application/octet-stream) bytes, or an application/json object")
        }
        encoding = nil
        language = nil
        source = Self.defaultSource
        for (key, value) in query {
            switch (key, body) {
            case ("encoding", _):
                guard EncodingName.isKnown(String(value)) else { throw .badRequest("unknown encoding '\(value)'") }
                encoding = String(value)
            case ("lang", .text):
                guard let l = Language(rawValue: String(value)), l != Language.und else { throw .badRequest("lang is one of hi, vi, en") }
                language = l
            case ("source", .text):
                guard !value.isEmpty else { throw .badRequest("source must not be empty") }
                source = String(value)
            case ("lang", .json), ("source", .json):
                throw .badRequest("'\(key)' applies to text/plain bodies; a JSON body is one --stdin-jsonl line (its 'id' names the source)")
            default:
                throw .badRequest("unknown query parameter '\(key)' (extract takes encoding, lang, source)")
            }
        }
        if let charset {
            if let encoding, DocumentDecoder.ianaName(encoding) != DocumentDecoder.ianaName(charset) {
                throw .badRequest("charset '\(charset)' and encoding '\(encoding)' disagree")
            }
            encoding = charset
        }
    }

    /// JSON is UTF-8: a `charset` parameter other than that is a bad request.
    static func checkUTF8Only(_ type: ContentType) throws(APIError) {
        for (k, v) in type.parameters {
            guard k == "charset" else { throw .badRequest("unknown Content-Type parameter '\(k)' (JSON takes charset=utf-8 only)") }
            guard v.lowercased() == "utf-8" || v.lowercased() == "utf8" else { throw .badRequest("JSON is UTF-8; charset '\(v)' is not accepted") }
        }
    }
}

/// How `POST /v1/batch` reads its body.
struct BatchRequest {
    /// `?encoding=`, as `run --stdin-jsonl --encoding`.
    var encoding: String?

    /// The JSON Lines media types accepted (and `application/json`, which many clients send).
    static let mediaTypes: Set<String> = [
        "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-lines", "application/jsonlines",
        "application/json", "text/plain",
    ]

    init(contentType header: String?, query: FlatDictionary<Substring, Substring>) throws(APIError) {
        if let header {
            guard let type = ContentType(header) else { throw .badRequest("malformed Content-Type '\(header)'") }
            guard Self.mediaTypes.contains(type.mediaType) else {
                throw APIError(
                    .unsupportedMediaType, code: "unsupported_media_type",
                    "Content-Type '\(type.mediaType)' is not accepted: send JSON Lines (application/x-ndjson)")
            }
            try ExtractRequest.checkUTF8Only(type)
        }
        encoding = nil
        for (key, value) in query {
            guard key == "encoding" else { throw .badRequest("unknown query parameter '\(key)' (batch takes encoding)") }
            guard EncodingName.isKnown(String(value)) else { throw .badRequest("unknown encoding '\(value)'") }
            encoding = String(value)
        }
    }
}
