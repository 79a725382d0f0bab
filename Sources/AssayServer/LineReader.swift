import Hummingbird

/// Splits a request body into JSON Lines the way `assay run --stdin-jsonl` reads standard input: a
/// line ends at `\n` (a `\r` before it is dropped too), the last line needs no newline, and lines
/// are counted from 1, empty ones included. A line longer than `maxLineBytes` is skipped (never
/// held in memory) and reported as such, so memory follows the longest line allowed, not the body.
final class LineReader: @unchecked Sendable {
    // @unchecked: one task at a time uses a reader (first the handler, then the response writer).

    /// One line, or the number of a line that was too long.
    enum Item {
        case line(number: Int, bytes: [UInt8])
        case tooLong(number: Int, bytes: Int)
    }

    private var iterator: RequestBody.AsyncIterator
    private let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var ended = false
    private var lineNumber = 0

    init(_ body: RequestBody, maxLineBytes: Int) {
        iterator = body.makeAsyncIterator()
        self.maxLineBytes = maxLineBytes
    }

    /// The next line, empty ones included; nil at the end of the body.
    func next() async throws -> Item? {
        var skipping = 0  // bytes of an over-long line dropped so far
        while true {
            if let nl = buffer[position...].firstIndex(of: 0x0A) {
                lineNumber += 1
                var end = nl
                if end > position, buffer[end - 1] == 0x0D { end -= 1 }
                let length = end - position
                defer { position = nl + 1 }
                if skipping > 0 || length > maxLineBytes { return .tooLong(number: lineNumber, bytes: skipping + (nl - position)) }
                return .line(number: lineNumber, bytes: Array(buffer[position..<end]))
            }
            if ended {
                guard position < buffer.count || skipping > 0 else { return nil }
                lineNumber += 1
                var end = buffer.count
                if end > position, buffer[end - 1] == 0x0D { end -= 1 }
                let length = end - position
                defer { position = buffer.count }
                if skipping > 0 || length > maxLineBytes { return .tooLong(number: lineNumber, bytes: skipping + length) }
                return .line(number: lineNumber, bytes: Array(buffer[position..<end]))
            }
            // Compact, then drop an over-long partial line before reading more.
            if position > 0 {
                buffer.removeSubrange(0..<position)
                position = 0
            }
            if buffer.count > maxLineBytes + 1 {
                skipping += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
            guard let chunk = try await iterator.next() else {
                ended = true
                continue
            }
            buffer.append(contentsOf: chunk.readableBytesView)
        }
    }
}
