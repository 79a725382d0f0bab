import AssayServer
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The idle timeout closes connections that keep the server waiting, never a response still being produced.
@Suite struct IdleTimeoutTests {
    /// Regression: the server reads a batch body only as far as its workers are ahead, so with a
    /// timeout far below the batch's run time the reads pause for longer than the timeout. The
    /// whole response must still arrive (the client throws on a chunked body cut off).
    @Test func aBatchLongerThanTheIdleTimeoutIsNotCutOff() async throws {
        var options = ServerOptions(port: 0, rulesDirectory: rulesPath, workers: 1)
        options.idleTimeout = .milliseconds(150)
        let texts = (0..<300).map { i in #"{"id":"doc-\#(i)","text":"Nhà máy Z1\#(i % 90 + 10) đạt \#(i).500 tỷ đồng năm 20\#(10 + i % 15)"}"# }
        let expected = texts.enumerated().flatMap { expectedStreamRecord($1, line: $0 + 1) }
        try await withServer(options) { port, _ in
            let started = ContinuousClock.now
            let r = try await http(
                port, "POST", "/v1/batch", headers: [("Content-Type", "application/x-ndjson")], body: Array(texts.joined(separator: "\n").utf8), chunked: 1000)
            let took = ContinuousClock.now - started
            #expect(r.status == 200)
            #expect(r.lines.count == 300)
            #expect(r.body == expected)
            // Only meaningful if the batch outlasted the timeout: it does by far on a debug build.
            #expect(took > .milliseconds(150))
        }
    }

    /// A connection that sends nothing, and one that stops in the middle of a body, are closed.
    @Test func silentAndStalledClientsAreClosed() async throws {
        var options = ServerOptions(port: 0, rulesDirectory: rulesPath)
        options.idleTimeout = .milliseconds(300)
        try await withServer(options) { port, _ in
            for stall in [false, true] {
                let (closed, took) = try await offPool { () -> (Bool, Duration) in
                    let c = try HTTPConnection(port: port)
                    var limit = timeval(tv_sec: 20, tv_usec: 0)
                    setsockopt(c.fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                    let started = ContinuousClock.now
                    if stall {
                        c.sendHead("POST", "/v1/extract", headers: [("Content-Type", "text/plain")], length: 100)
                        c.send(Array("Z121 Fac".utf8))
                    }
                    var buffer = [UInt8](repeating: 0, count: 4096)
                    while true {
                        let n = recv(c.fd, &buffer, buffer.count, 0)
                        if n == 0 { return (true, ContinuousClock.now - started) }
                        if n < 0 { return (errno == ECONNRESET, ContinuousClock.now - started) }
                    }
                }
                #expect(closed, "stall: \(stall)")
                #expect(took >= .milliseconds(250), "stall: \(stall)")
                #expect(took < .seconds(15), "stall: \(stall)")
            }
        }
    }
}
