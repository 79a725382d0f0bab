import Assay
import HTTPTypes
import Hummingbird

/// An error reply: an HTTP status and `{"error": {"code": …, "message": …}}` (plus `details` where
/// there is a list to give, such as the rule-file errors of a refused reload). Services match on
/// `code`, never on the message.
public struct APIError: HTTPResponseError, Sendable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// A stable snake_case code: `bad_request`, `unsupported_media_type`, `payload_too_large`, …
    public var code: String
    /// What went wrong, for a person.
    public var message: String
    /// Extra structured data, written as `error.details`.
    public var details: JSONValue?
    /// Extra response headers (`Retry-After`, `Allow`).
    public var headers: HTTPFields

    /// An error reply.
    public init(_ status: HTTPResponse.Status, code: String, _ message: String, details: JSONValue? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers
    }

    /// The JSON body.
    public var body: [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.key("error")
        w.beginObject()
        w.key("code")
        w.string(code)
        w.key("message")
        w.string(message)
        if let details {
            w.key("details")
            w.value(details)
        }
        w.endObject()
        w.endObject()
        var bytes = w.bytes
        bytes.append(0x0A)
        return bytes
    }

    /// The response for this error.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    /// The response for this error.
    public func response() -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, code: "bad_request", message) }

    /// Any error a handler or Hummingbird threw, as an error reply.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let e as APIError:
            return e
        case let e as HTTPError:
            return APIError(e.status, code: code(for: e.status), e.body ?? e.status.reasonPhrase, headers: e.headers)
        case let e as any HTTPResponseError:
            return APIError(e.status, code: code(for: e.status), "\(e)")
        default:
            return APIError(.internalServerError, code: "internal", "internal error: \(error)")
        }
    }

    /// The stable code for a status Hummingbird itself raises.
    static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: return "bad_request"
        case 404: return "not_found"
        case 405: return "method_not_allowed"
        case 408: return "request_timeout"
        case 413: return "payload_too_large"
        case 415: return "unsupported_media_type"
        case 503: return "overloaded"
        case 504: return "timeout"
        case 500..<600: return "internal"
        default: return "http_\(status.code)"
        }
    }
}
