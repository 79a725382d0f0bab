import Assay
import HTTPTypes
import Hummingbird

extension AssayServer {
    /// `POST /v1/batch`: JSON Lines in, one record per line out, streamed in input order — the
    /// lines `assay run --stdin-jsonl` writes for the same input. Lines run on the worker pool as
    /// they arrive (up to twice the workers ahead of the slowest unwritten one), so a client can
    /// stream for as long as it likes in bounded memory.
    func batch(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let deadline = ContinuousClock.now + options.requestTimeout
        let params = try BatchRequest(contentType: request.headers[.contentType], query: request.uri.queryParameters)
        let snapshot = store.current
        let reader = LineReader(request.body, maxLineBytes: options.maxBodySize)
        let headers: HTTPFields = [.contentType: "application/x-ndjson", Self.rulesVersionHeader: snapshot.version]
        // The first line before answering, so an overloaded server can still say 503.
        let firstRead: LineReader.Item?? = try await withDeadline(deadline) { try await reader.nextRecordLine() }
        guard let first = firstRead else {
            throw APIError(.requestTimeout, code: "request_timeout", "no line arrived within \(options.requestTimeout.secondsText)")
        }
        guard let first else { return Response(status: .ok, headers: headers, body: ResponseBody()) }
        let wait = min(options.queueTimeout, ContinuousClock.now.duration(to: deadline))
        guard await pool.acquire(waitingAtMost: wait) else { throw overloaded() }
        let line = LineJob(
            pool: pool, metrics: metrics, pipeline: snapshot.pipeline, encoding: params.encoding, limit: options.maxBodySize,
            lineTimeout: options.lineTimeout)
        // Started now, not when the body is written, so its worker comes back whatever happens to the response.
        let firstRecord = line.submit(first)
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                try await self.stream(first: firstRecord, reader: reader, line: line, into: &writer)
            })
    }

    /// Writes the record of the first line (already running) and of every later line, in order.
    func stream(first: Task<[UInt8], Never>, reader: LineReader, line: LineJob, into writer: inout any ResponseBodyWriter) async throws {
        let ahead = WorkerPool(workers: 2 * options.workers, maxQueue: .max, threads: false)
        let (handles, handleSink) = AsyncStream.makeStream(of: Task<[UInt8], Never>.self)
        let pool = self.pool
        _ = await ahead.acquire()
        handleSink.yield(first)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { handleSink.finish() }
                while let item = try await reader.nextRecordLine() {
                    guard await ahead.acquire() else { return }
                    _ = await pool.acquire()
                    handleSink.yield(line.submit(item))
                }
            }
            do {
                for await handle in handles {
                    try await writer.write(ByteBuffer(bytes: await handle.value))
                    ahead.release()
                }
            } catch {
                // The client is gone: stop reading; lines already running finish and free their workers.
                ahead.close()
                group.cancelAll()
                throw error
            }
            try await group.waitForAll()
        }
        try await writer.finish(nil)
    }

}

/// What a batch does with one line: its record, on a worker, as JSON.
struct LineJob: Sendable {
    let pool: WorkerPool
    let metrics: ServerMetrics
    let pipeline: Pipeline
    let encoding: String?
    /// The longest line, for the message of an over-long one.
    let limit: Int
    /// How long one line may take on its worker; a line stopped there gets an `E301` record.
    let lineTimeout: Duration

    /// Starts the record of `item`, whose worker is already taken. The line's time starts when
    /// its worker picks it up; once it is up, the pipeline stops at its next check and the line's
    /// record is an `E301` error record in its place in the stream.
    func submit(_ item: LineReader.Item) -> Task<[UInt8], Never> {
        Task {
            await pool.run {
                let limit = DocumentDeadline(ContinuousClock.now + lineTimeout)
                var (record, size) = Self.record(for: item, pipeline: limit.bound(pipeline), encoding: encoding, limit: self.limit)
                if limit.stopped {
                    record = Self.timedOut(record, line: item.number, after: lineTimeout)
                    metrics.documentTimedOut()
                } else {
                    metrics.document(record, bytes: size)
                }
                var json = record.json()
                json.append(0x0A)
                return json
            }
        }
    }

    /// The record of a line stopped at its timeout: `E301`, with the line's source and metadata.
    static func timedOut(_ stopped: Record, line: Int, after timeout: Duration) -> Record {
        .failure(
            source: stopped.source, code: .unreadable,
            message: "line \(line): not processed within the line timeout of \(timeout.secondsText) (--line-timeout)", meta: stopped.meta)
    }

    /// The record of one line, and the bytes it counts as.
    static func record(for item: LineReader.Item, pipeline: Pipeline, encoding: String?, limit: Int) -> (Record, Int) {
        switch item {
        case .line(let number, let bytes):
            let (record, size, _) = StreamLine.process(String(decoding: bytes, as: UTF8.self), line: number, pipeline: pipeline, encoding: encoding)
            return (record, size)
        case .tooLong(let number, let bytes):
            let message = "line \(number): \(bytes) bytes, longer than the limit of \(limit) bytes (--max-body-size)"
            return (.failure(source: "stdin:\(number)", code: .malformedStreamLine, message: message), 0)
        }
    }
}

extension LineReader.Item {
    /// The line's number in the body (1-based).
    var number: Int {
        switch self {
        case .line(let n, _), .tooLong(let n, _): return n
        }
    }
}

extension LineReader {
    /// The next line that gets a record: empty lines are skipped, as `run --stdin-jsonl` skips them.
    func nextRecordLine() async throws -> Item? {
        while let item = try await next() {
            if case .line(_, let bytes) = item, bytes.isEmpty { continue }
            return item
        }
        return nil
    }
}
