/// How `assay serve` listens, which rules it loads and how it bounds work.
public struct ServerOptions: Sendable {
    /// The address to bind (loopback by default: put a proxy in front to expose it).
    public var host: String
    /// The TCP port; 0 picks a free one (the bound port is logged and handed to `onListening`).
    public var port: Int
    /// The rule directory, loaded at start and on every reload.
    public var rulesDirectory: String
    /// Documents processed at once; more requests wait for a free worker.
    public var workers: Int
    /// Largest `/v1/extract` body, and largest `/v1/batch` line, in bytes (413 / an E303 record beyond).
    public var maxBodySize: Int
    /// From arrival to record for `/v1/extract`: reading the body, waiting for a worker and
    /// processing (408 while reading, 504 once processing has started).
    public var requestTimeout: Duration
    /// How long one `/v1/batch` line may take once a worker has it; a line still unfinished then
    /// stops at the pipeline's next check and gets an `E301` error record in its place.
    public var lineTimeout: Duration
    /// How long a request waits for a free worker before a 503 with `Retry-After`.
    public var queueTimeout: Duration
    /// How many requests may wait for a worker at once; beyond, a 503 at once.
    public var maxQueue: Int
    /// A connection that sends nothing for this long is closed (idle keep-alive, stalled upload).
    public var idleTimeout: Duration
    /// Whether a reload also runs every rule example (E190) before the new rules go live.
    public var checkExamplesOnReload: Bool

    /// The defaults of `assay serve`.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, rulesDirectory: String = "rules", workers: Int = 2,
        maxBodySize: Int = 16 << 20, requestTimeout: Duration = .seconds(30), lineTimeout: Duration = .seconds(30), queueTimeout: Duration = .seconds(5),
        maxQueue: Int = 1024, idleTimeout: Duration = .seconds(60), checkExamplesOnReload: Bool = true
    ) {
        self.host = host
        self.port = port
        self.rulesDirectory = rulesDirectory
        self.workers = max(1, workers)
        self.maxBodySize = maxBodySize
        self.requestTimeout = requestTimeout
        self.lineTimeout = lineTimeout
        self.queueTimeout = queueTimeout
        self.maxQueue = maxQueue
        self.idleTimeout = idleTimeout
        self.checkExamplesOnReload = checkExamplesOnReload
    }
}
