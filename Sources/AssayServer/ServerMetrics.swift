import Assay
import CoreMetrics
import Metrics
import Prometheus
import Synchronization

/// The service's metrics, kept through swift-metrics in a Prometheus registry of its own (not the
/// process-wide bootstrap, so two servers in one test process count apart) and served as
/// Prometheus text by `GET /metrics`.
///
/// - `assay_http_requests_total{method,path,status}`: requests answered (`path` is the route, or
///   `unmatched`).
/// - `assay_http_request_duration_seconds{method,path}`: time from the request to the end of its
///   response body (histogram).
/// - `assay_http_requests_in_flight`: requests being answered now.
/// - `assay_documents_total{outcome}` (`ok`, `error`, `timeout`), `assay_document_bytes_total`:
///   documents processed and their bytes; `timeout` counts documents stopped short at their
///   deadline (a 504, or a batch line's timeout record).
/// - `assay_entities_total{type}`: entities found, by type.
/// - `assay_rule_reloads_total{outcome}` (`reloaded`, `refused`).
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let factory: PrometheusMetricsFactory
    let inFlight: Meter
    let documentBytes: CoreMetrics.Counter
    /// `assay_documents_total` by outcome, and `assay_entities_total` by type (in
    /// `EntityType.allCases` order), made once: a metric looked up by label and dimensions on
    /// every request cost a lock, a key and a dictionary probe each.
    let documentsOK: CoreMetrics.Counter
    let documentsError: CoreMetrics.Counter
    let documentsTimedOut: CoreMetrics.Counter
    let entities: [CoreMetrics.Counter]
    /// The request counter and latency timer of each (method, route, status) seen so far.
    private let requestMetrics = Mutex<[RequestKey: (CoreMetrics.Counter, CoreMetrics.Timer)]>([:])

    private struct RequestKey: Hashable {
        var method: String
        var path: String
        var status: Int
    }

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
            .seconds(5), .seconds(10), .seconds(30),
        ]
        self.factory = factory
        inFlight = Meter(label: "assay_http_requests_in_flight", factory: factory)
        documentBytes = CoreMetrics.Counter(label: "assay_document_bytes_total", factory: factory)
        inFlight.set(0)
        func documents(_ outcome: String) -> CoreMetrics.Counter {
            CoreMetrics.Counter(label: "assay_documents_total", dimensions: [("outcome", outcome)], factory: factory)
        }
        documentsOK = documents("ok")
        documentsError = documents("error")
        documentsTimedOut = documents("timeout")
        entities = EntityType.allCases.map { type in
            CoreMetrics.Counter(label: "assay_entities_total", dimensions: [("type", type.rawValue)], factory: factory)
        }
        for outcome in ["reloaded", "refused"] {
            CoreMetrics.Counter(label: "assay_rule_reloads_total", dimensions: [("outcome", outcome)], factory: factory).increment(by: 0)
        }
    }

    /// One answered request.
    func request(method: String, path: String, status: Int, duration: Duration) {
        let key = RequestKey(method: method, path: path, status: status)
        let (counter, timer) = requestMetrics.withLock { known in
            if let m = known[key] { return m }
            let m = (
                CoreMetrics.Counter(
                    label: "assay_http_requests_total", dimensions: [("method", method), ("path", path), ("status", String(status))],
                    factory: factory),
                CoreMetrics.Timer(label: "assay_http_request_duration_seconds", dimensions: [("method", method), ("path", path)], factory: factory)
            )
            known[key] = m
            return m
        }
        counter.increment()
        timer.recordNanoseconds(duration.nanoseconds)
    }

    /// One processed document (an E3xx record counts as an error).
    func document(_ record: Record, bytes: Int) {
        (record.error == nil ? documentsOK : documentsError).increment()
        documentBytes.increment(by: bytes)
        var counts = [Int](repeating: 0, count: entities.count)
        for e in record.entities { counts[EntityType.allCases.firstIndex(of: e.type)!] += 1 }
        for (i, n) in counts.enumerated() where n > 0 { entities[i].increment(by: n) }
    }

    /// One document stopped at its deadline before its record was complete.
    func documentTimedOut() {
        documentsTimedOut.increment()
    }

    /// One reload, live or refused.
    func reload(succeeded: Bool) {
        CoreMetrics.Counter(label: "assay_rule_reloads_total", dimensions: [("outcome", succeeded ? "reloaded" : "refused")], factory: factory)
            .increment()
    }

    /// Everything, in the Prometheus text format.
    func render() -> [UInt8] {
        var out: [UInt8] = []
        registry.emit(into: &out)
        return out
    }
}

extension Duration {
    /// Whole nanoseconds (saturating at Int64's range).
    var nanoseconds: Int64 {
        let (s, atto) = components
        return s.multipliedReportingOverflow(by: 1_000_000_000).overflow ? .max : s * 1_000_000_000 + atto / 1_000_000_000
    }
}
