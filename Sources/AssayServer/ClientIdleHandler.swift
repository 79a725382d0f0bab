import NIOCore
import NIOHTTPTypes

/// Closes a connection that has kept the server waiting for `timeout`: the server asked for
/// bytes (an idle keep-alive connection, a request head or body still to come) and none came.
///
/// Hummingbird's own idle timeout (`HTTP1Channel.Configuration.idleTimeout`) counts only bytes
/// read, and while a request is still being read it closes the connection once nothing was read
/// for that long — even when it is the server that stopped reading. `/v1/batch` reads its body
/// only as far as its workers are ahead of the response (back-pressure), so on a slow machine a
/// long batch went without a read for longer than the timeout and its streaming response was cut
/// off in the middle. Here the clock runs only while a read is outstanding: a connection the
/// server is not reading from (back-pressure), or one whose request is fully read and whose
/// response is still being produced, is never closed for idleness.
final class ClientIdleHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let timeout: TimeAmount
    /// A read asked for by the server and not yet answered by the client.
    private var readOutstanding = false
    /// When the current wait for the client began.
    private var waitingSince = NIODeadline.now()
    /// Requests whose head arrived and whose response has not been written to its end.
    private var requestsInProgress = 0
    /// Between a request's head and its end.
    private var requestBeingRead = false
    private var timer: Scheduled<Void>?

    /// A handler that closes a connection after `timeout` of waiting for its client.
    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    /// Whether the server is waiting for the client (and not, say, answering a request it has read).
    private var waitingForClient: Bool {
        readOutstanding && !(requestsInProgress > 0 && !requestBeingRead)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startWaiting(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        startWaiting(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        readOutstanding = false
        switch unwrapInboundIn(data) {
        case .head:
            requestBeingRead = true
            requestsInProgress += 1
        case .body:
            break
        case .end:
            requestBeingRead = false
        }
        context.fireChannelRead(data)
    }

    func read(context: ChannelHandlerContext) {
        if !readOutstanding { startWaiting(context) }
        context.read()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            requestsInProgress = max(0, requestsInProgress - 1)
            // The next request's wait starts when this answer is complete.
            if requestsInProgress == 0 { waitingSince = .now() }
            if waitingForClient { arm(context) }
        }
        context.write(data, promise: promise)
    }

    private func startWaiting(_ context: ChannelHandlerContext) {
        readOutstanding = true
        waitingSince = .now()
        if waitingForClient { arm(context) }
    }

    private func arm(_ context: ChannelHandlerContext) {
        guard timer == nil else { return }
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: waitingSince + timeout) { [self] in
            timer = nil
            guard waitingForClient else { return }  // armed again when the server next waits
            if NIODeadline.now() >= waitingSince + timeout {
                context.close(promise: nil)
            } else {
                arm(context)
            }
        }
    }
}
