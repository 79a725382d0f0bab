import Foundation

/// One document of a batch run through ``Pipeline/run(_:jobs:emit:)``: where it came from and its bytes.
public struct BatchDocument: Sendable {
    /// The record's `source` (a path, a URL, an id).
    public var source: String
    /// The original bytes; the decoder finds the encoding (UTF-8, UTF-16 with a byte-order mark, windows-1258).
    public var bytes: [UInt8]

    /// A document from its bytes.
    public init(source: String, bytes: [UInt8]) {
        self.source = source
        self.bytes = bytes
    }

    /// A document from a string (its UTF-8 bytes).
    public init(source: String, text: String) {
        self.init(source: source, bytes: Array(text.utf8))
    }
}

extension Pipeline {
    /// Processes documents on `jobs` threads and hands each record to `emit` in input order.
    ///
    /// `document(i)` is called on a worker thread for each index in `0..<count`, so a caller can
    /// read each document when its turn comes; at most a few documents per thread are in flight,
    /// which bounds memory whatever `count` is. `emit(i, record)` runs on the calling thread in
    /// index order (0, 1, 2, …), whatever order the workers finish in.
    ///
    /// - Parameters:
    ///   - count: the number of documents.
    ///   - jobs: worker threads (1 processes on the calling thread).
    ///   - document: the document at an index.
    ///   - emit: receives each index and its record, in order.
    public func run(
        count: Int, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
        document: @escaping @Sendable (Int) -> BatchDocument, emit: (Int, Record) -> Void
    ) {
        let jobs = max(1, jobs)
        orderedParallel(
            count: count, jobs: jobs, window: jobs * 4,
            work: { i in
                let d = document(i)
                return self.process(bytes: d.bytes, source: d.source)
            }, emit: emit)
    }

    /// Processes `documents` on `jobs` threads and hands each record to `emit` in input order.
    public func run(_ documents: [BatchDocument], jobs: Int = ProcessInfo.processInfo.activeProcessorCount, emit: (Int, Record) -> Void) {
        run(count: documents.count, jobs: jobs, document: { documents[$0] }, emit: emit)
    }
}
