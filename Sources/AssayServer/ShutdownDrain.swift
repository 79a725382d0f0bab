import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle
import Synchronization

/// Open connections, requests in flight and whether the server is draining. Hummingbird's own
/// graceful shutdown closes a connection as soon as its response's last part is handed to NIO,
/// which drops response bytes not yet taken by the client (seen here: a 25 MB record cut off at
/// 4 MB). So the service drains first: it stops accepting connections, answers requests that
/// arrive on open connections with a 503, adds `Connection: close` to every response (so each
/// connection closes itself once its bytes are out), waits for the requests in flight, then for the
/// connections to close (at most `lingerLimit`) — and only then lets Hummingbird shut down.
final class ConnectionTracker: Sendable {
    private struct State {
        var open = 0
        var inFlight = 0
        var draining = false
    }

    private let state = Mutex(State())

    var draining: Bool { state.withLock { $0.draining } }
    var counts: (open: Int, inFlight: Int) { state.withLock { ($0.open, $0.inFlight) } }

    func opened() { state.withLock { $0.open += 1 } }
    func closed() { state.withLock { $0.open -= 1 } }
    func requestStarted() { state.withLock { $0.inFlight += 1 } }
    func requestEnded() { state.withLock { $0.inFlight -= 1 } }
    func startDraining() { state.withLock { $0.draining = true } }

    /// The delegate Hummingbird asks before accepting a connection.
    struct Delegate: AvailableConnectionsDelegate {
        let tracker: ConnectionTracker
        mutating func connectionOpened() { tracker.opened() }
        mutating func connectionClosed() { tracker.closed() }
        func isAcceptingNewConnections() -> Bool { !tracker.draining }
    }
}

/// Waits for a graceful shutdown, then drains (see ``ConnectionTracker``). Placed after the
/// application in the service group, so it is shut down — drained — before the application.
struct ShutdownDrain: Service {
    let tracker: ConnectionTracker
    let logger: Logger
    /// How long connections may stay open once no request is in flight.
    var lingerLimit: Duration = .seconds(5)

    func run() async throws {
        do {
            try await gracefulShutdown()
        } catch {
            return  // cancelled: nothing to drain
        }
        tracker.startDraining()
        logger.notice("draining", metadata: ["in_flight": .stringConvertible(tracker.counts.inFlight)])
        while tracker.counts.inFlight > 0 { try? await Task.sleep(for: .milliseconds(5)) }
        let end = ContinuousClock.now + lingerLimit
        while tracker.counts.open > 0, ContinuousClock.now < end { try? await Task.sleep(for: .milliseconds(5)) }
        logger.notice("drained", metadata: ["open_connections": .stringConvertible(tracker.counts.open)])
    }
}
