import Assay
import HTTPTypes
import Hummingbird

extension AssayServer {
    /// `POST /v1/extract`: one document in, its record out — the bytes `assay extract --compact`
    /// prints for the same bytes and `source` (a text body), or that `assay run --stdin-jsonl`
    /// prints for the same line (a JSON body, read as line 1).
    func extract(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let deadline = ContinuousClock.now + options.requestTimeout
        let params = try ExtractRequest(contentType: request.headers[.contentType], query: request.uri.queryParameters)
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > options.maxBodySize {
            throw tooLarge(declared)
        }
        let body = try await readBody(request.body, deadline: deadline)
        let snapshot = store.current
        let wait = min(options.queueTimeout, ContinuousClock.now.duration(to: deadline))
        guard await pool.acquire(waitingAtMost: wait) else { throw overloaded() }
        let result = await pool.run(until: deadline) { limit -> (Record, [UInt8])? in
            let pipeline = limit.bound(snapshot.pipeline)
            let record: Record
            switch params.body {
            case .text:
                record = pipeline.process(bytes: body, source: params.source, forcedEncoding: params.encoding, forcedLanguage: params.language)
            case .json:
                record = StreamLine.process(String(decoding: body, as: UTF8.self), line: 1, pipeline: pipeline, encoding: params.encoding).0
            }
            // Stopped at its deadline: the 504 has gone (or goes) out; the record is no record.
            if limit.stopped {
                self.metrics.documentTimedOut()
                return nil
            }
            var json = record.json()
            json.append(0x0A)
            return (record, json)
        }
        guard let (record, json) = result ?? nil else {
            throw APIError(
                .gatewayTimeout, code: "timeout",
                "the document was not processed within the request timeout of \(options.requestTimeout.secondsText)")
        }
        metrics.document(record, bytes: body.count)
        // A JSON body that is not a usable line gets its E303 record with a 400: the record's
        // `error` is `{"code": …, "message": …}` like every error body.
        return Response(
            status: record.error == nil ? .ok : .badRequest,
            headers: [.contentType: "application/json", Self.rulesVersionHeader: snapshot.version],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: json)))
    }

    /// The whole body, at most `maxBodySize` bytes (413 beyond), read before `deadline` (408 after).
    func readBody(_ body: RequestBody, deadline: ContinuousClock.Instant) async throws -> [UInt8] {
        let limit = options.maxBodySize
        let bytes: [UInt8]? = try await withDeadline(deadline) {
            var out: [UInt8] = []
            for try await chunk in body {
                if out.count + chunk.readableBytes > limit { throw tooLarge(nil) }
                out.append(contentsOf: chunk.readableBytesView)
            }
            return out
        }
        guard let bytes else {
            throw APIError(.requestTimeout, code: "request_timeout", "the body did not arrive within \(options.requestTimeout.secondsText)")
        }
        return bytes
    }

    func tooLarge(_ declared: Int?) -> APIError {
        let size = declared.map { "\($0) bytes" } ?? "the body"
        return APIError(
            .contentTooLarge, code: "payload_too_large", "\(size) exceeds the limit of \(options.maxBodySize) bytes (--max-body-size)")
    }

    func overloaded() -> APIError {
        APIError(
            .serviceUnavailable, code: "overloaded",
            "all \(options.workers) workers stayed busy for \(options.queueTimeout.secondsText); retry later",
            headers: [.retryAfter: "1"])
    }
}

/// `work`'s result, or nil when `deadline` comes first (then `work` is cancelled).
func withDeadline<T: Sendable>(_ deadline: ContinuousClock.Instant, _ work: @escaping @Sendable () async throws -> T) async throws -> T? {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try await Task.sleep(until: deadline, clock: .continuous)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { return nil }
        return first
    }
}

extension Duration {
    /// `30 s`, `0.5 s`.
    var secondsText: String {
        let ms = nanoseconds / 1_000_000
        return ms % 1000 == 0 ? "\(ms / 1000) s" : "\(Double(ms) / 1000) s"
    }
}
