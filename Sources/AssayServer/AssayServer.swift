import Assay
import Dispatch
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// `assay serve`: an HTTP service (Hummingbird 2 on SwiftNIO) that turns documents into records
/// for other services, the same records `assay extract` and `assay run --stdin-jsonl` write.
///
/// Every request takes the rule snapshot in force when it starts and keeps it to its end, so a
/// reload never changes a record half-way. Documents run on a bounded pool of workers; requests
/// beyond wait in arrival order, then get a 503 with `Retry-After`. Every error is a JSON body
/// `{"error": {"code": …, "message": …}}`.
public struct AssayServer: Sendable {
    /// Limits, address and rule directory.
    public let options: ServerOptions
    /// The rules in force, swapped by reloads.
    public let store: RuleStore
    /// The service's log; each request's log lines carry its id (`hb.request.id`).
    public let logger: Logger
    let pool: WorkerPool
    let metrics = ServerMetrics()
    let tracker = ConnectionTracker()

    /// The routes served, as (method, path). `GET /openapi.json` documents exactly these, and a
    /// test holds the two together.
    public static let routes: [(method: HTTPRequest.Method, path: String)] = [
        (.get, "/healthz"),
        (.get, "/metrics"),
        (.get, "/openapi.json"),
        (.get, "/v1/rules"),
        (.post, "/v1/rules/reload"),
        (.post, "/v1/extract"),
        (.post, "/v1/batch"),
    ]

    /// The response header that names the rule-set version a record was made with.
    public static let rulesVersionHeader = HTTPField.Name("Assay-Rules-Version")!
    /// The response header carrying the request id that the request's log lines carry.
    public static let requestIDHeader = HTTPField.Name("X-Request-Id")!

    /// A server over already-loaded rules.
    public init(options: ServerOptions, rules: RuleSnapshot, logger: Logger) {
        self.options = options
        store = RuleStore(initial: rules, checkExamplesOnReload: options.checkExamplesOnReload)
        self.logger = logger
        pool = WorkerPool(workers: options.workers, maxQueue: options.maxQueue)
    }

    /// The router with every route and the middleware that turns errors into JSON, counts and logs.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        var allowed: [String: [HTTPRequest.Method]] = [:]
        for r in Self.routes { allowed[r.path, default: []].append(r.method) }
        router.add(middleware: ServiceMiddleware(metrics: metrics, tracker: tracker, allowed: allowed))
        router.get("/healthz") { _, _ in self.health() }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: self.metrics.render())))
        }
        router.get("/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        router.get("/v1/rules") { _, _ in Self.json(self.store.current.json) }
        router.post("/v1/rules/reload") { _, _ in try await self.reloadResponse() }
        router.post("/v1/extract") { request, context in try await self.extract(request, context: context) }
        router.post("/v1/batch") { request, context in try await self.batch(request, context: context) }
        return router
    }

    /// The application: the router on an HTTP/1.1 server at the configured address. With
    /// `reloadOnSIGHUP`, SIGHUP reloads the rules. `onListening` gets the bound port (useful with
    /// port 0).
    public func application(
        reloadOnSIGHUP: Bool = false, onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let idle = TimeAmount.nanoseconds(options.idleTimeout.nanoseconds)
        var app = Application(
            router: router(),
            // Not Hummingbird's `idleTimeout`: see ClientIdleHandler for why.
            server: .http1(configuration: HTTP1Channel.Configuration(additionalChannelHandlers: [ClientIdleHandler(timeout: idle)])),
            configuration: ApplicationConfiguration(
                address: .hostname(options.host, port: options.port), serverName: "assay/\(AssayVersion.version)",
                availableConnectionsDelegate: ConnectionTracker.Delegate(tracker: tracker)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? -1
                self.logger.notice(
                    "listening",
                    metadata: [
                        "host": .string(self.options.host), "port": .stringConvertible(port), "workers": .stringConvertible(self.options.workers),
                        "rules_version": .string(self.store.current.version),
                    ])
                await onListening(port)
            },
            logger: logger
        )
        if reloadOnSIGHUP { app.addServices(ReloadOnSignal(server: self)) }
        return app
    }

    /// The service group to run: the application, and before it on shutdown the drain (stop
    /// accepting, finish what is in flight, let connections close). `signals` start a graceful
    /// shutdown; the group's `run()` returns once it is complete.
    public func serviceGroup(
        reloadOnSIGHUP: Bool = false, signals: [UnixSignal] = [.sigterm, .sigint], onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> ServiceGroup {
        let app = application(reloadOnSIGHUP: reloadOnSIGHUP, onListening: onListening)
        return ServiceGroup(
            configuration: .init(
                services: [app, ShutdownDrain(tracker: tracker, logger: logger)], gracefulShutdownSignals: signals, logger: logger))
    }

    /// `GET /healthz`: up, with the rules in force and how busy the workers are.
    func health() -> Response {
        let load = pool.load
        let rules = store.current
        return Self.json(
            .object([
                ("status", .string("ok")),
                ("rules_version", .string(rules.version)),
                ("rules_generation", .number(String(rules.generation))),
                ("workers", .number(String(pool.workers))),
                ("busy", .number(String(load.busy))),
                ("waiting", .number(String(load.waiting))),
            ]))
    }

    /// A 200 JSON response.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        var w = JSONWriter()
        w.value(value)
        var bytes = w.bytes
        bytes.append(0x0A)
        return Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// Turns every error into a JSON error body (404 into 405 with `Allow` when the path exists for
/// other methods), adds the request id header, counts the request and logs it with its id.
struct ServiceMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let metrics: ServerMetrics
    let tracker: ConnectionTracker
    let allowed: [String: [HTTPRequest.Method]]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        metrics.inFlight.increment()
        tracker.requestStarted()
        var response: Response
        do {
            if tracker.draining {
                throw APIError(.serviceUnavailable, code: "shutting_down", "the server is shutting down", headers: [.retryAfter: "1"])
            }
            response = try await next(request, context)
        } catch {
            var e = APIError.from(error)
            if e.status == .notFound, let methods = allowed[request.uri.path] {
                e = APIError(
                    .methodNotAllowed, code: "method_not_allowed", "\(request.method) is not served at \(request.uri.path)",
                    headers: [.allow: methods.map(\.rawValue).joined(separator: ", ")])
            } else if e.status == .notFound {
                e.message = "no route \(request.method) \(request.uri.path)"
            }
            if e.status.code >= 500 { context.logger.error("request failed", metadata: ["error": .string("\(error)")]) }
            response = e.response()
        }
        response.headers[AssayServer.requestIDHeader] = context.id
        // While draining, each connection closes itself once this response is out.
        if tracker.draining { response.headers[.connection] = "close" }
        let method = request.method.rawValue
        // The route, never the raw path (whose values are unbounded); Hummingbird names a miss `NotFound`.
        let path = context.endpointPath.flatMap { allowed[$0] == nil ? nil : $0 } ?? "unmatched"
        let status = response.status.code
        let logger = context.logger
        let (metrics, tracker) = (self.metrics, self.tracker)
        let finish: @Sendable () -> Void = {
            let elapsed = ContinuousClock.now - start
            metrics.inFlight.decrement()
            tracker.requestEnded()
            metrics.request(method: method, path: path, status: status, duration: elapsed)
            logger.info(
                "request",
                metadata: [
                    "method": .string(method), "path": .string(request.uri.path), "status": .stringConvertible(status),
                    "ms": .string(String(Double(elapsed.nanoseconds / 1000) / 1000)),
                ])
        }
        if response.body.contentLength != nil {
            finish()
            return response
        }
        // A streamed body: the request ends when its last byte is written.
        let body = response.body
        response.body = ResponseBody { writer in
            do {
                try await body.write(writer)
                finish()
            } catch {
                logger.warning("response stream failed", metadata: ["error": .string("\(error)")])
                finish()
                throw error
            }
        }
        return response
    }
}

/// Reloads the rules on every SIGHUP until the service shuts down.
struct ReloadOnSignal: Service {
    let server: AssayServer

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            _ = await server.reload(trigger: "SIGHUP")
        }
    }
}
