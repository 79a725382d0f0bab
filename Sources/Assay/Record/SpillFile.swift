#if canImport(Glibc)
    import Glibc
#endif

/// A spill file: entities and facts of one record, written through a buffer. Removed by
/// ``finish()`` when a write failed; else it is the caller's to remove after use.
final class SpillFile {
    let path: String
    private var fd: Int32
    var writer = JSONWriter()
    /// The facts so far, held compactly until the main factory is known.
    var facts = CompactFacts()
    private var failed = false

    /// A new file in `directory`, or nil when none can be created.
    init?(directory: String) {
        // Registered, so an interrupted or failed run removes it (see ``TemporaryFiles``).
        guard case .success(let made) = TemporaryFiles.shared.makeUnique(template: Array((directory + "/assay-spill-XXXXXX").utf8))
        else { return nil }
        self.fd = made.fd
        path = String(decoding: made.path, as: UTF8.self)
        // The file's bytes come right after the record's "segments" array.
        writer.continueAfterSpill()
    }

    /// Writes the buffer out once it holds a megabyte.
    func flushIfFull() {
        if writer.bytes.count >= 1 << 20 { flush() }
    }

    private func flush() {
        let bytes = writer.drain()
        guard !failed else { return }
        var off = 0
        bytes.withUnsafeBytes { p in
            while off < p.count {
                let n = write(fd, p.baseAddress! + off, p.count - off)
                if n < 0, errno == EINTR { continue }
                if n <= 0 {
                    failed = true
                    return
                }
                off += n
            }
        }
    }

    /// Flushes and closes; false (and the file removed) when any write failed.
    func finish() -> Bool {
        flush()
        if close(fd) != 0 { failed = true }
        fd = -1
        if failed { TemporaryFiles.shared.remove(Array(path.utf8)) }
        return !failed
    }
}

/// Facts in 32 bytes each instead of a ``Fact``'s 130: indices as 32-bit integers and the
/// strings (metric, qualifier, per-unit, link reasons: a handful of distinct values) as indices into
/// a table. A 50 MB document can hold millions of figures.
struct CompactFacts {
    struct Item {
        var money: Int32
        var period: Int32
        var factory: Int32
        var metric: UInt32
        var qualifier: UInt32
        var per: UInt32
        var periodBy: UInt32
        var factoryBy: UInt32
    }

    private var items: [Item] = []
    /// Index 0 is nil.
    private var strings: [String?] = [nil]
    private var index: [String: UInt32] = [:]

    var count: Int { items.count }

    private mutating func intern(_ s: String?) -> UInt32 {
        guard let s else { return 0 }
        if let k = index[s] { return k }
        let k = UInt32(strings.count)
        strings.append(s)
        index[s] = k
        return k
    }

    mutating func append(_ f: Fact) {
        items.append(
            Item(
                money: Int32(f.money), period: Int32(f.period ?? -1), factory: Int32(f.factory ?? -1), metric: intern(f.metric),
                qualifier: intern(f.qualifier?.rawValue), per: intern(f.per?.rawValue), periodBy: intern(f.periodBy?.rawValue),
                factoryBy: intern(f.factoryBy?.rawValue)))
    }

    /// Gives a fact waiting for the document's main factory its link, or none.
    mutating func linkDocument(_ k: Int, to main: Int?) {
        if let main { items[k].factory = Int32(main) } else { items[k].factoryBy = 0 }
    }

    /// Gives a fact whose sentence says `the factory` the document's factory (`referenced`), else the
    /// earlier mention in its paragraph it holds (`paragraph`), else none.
    mutating func linkReference(_ k: Int, to referenced: Int?) {
        if let referenced {
            items[k].factory = Int32(referenced)
        } else if items[k].factory >= 0 {
            items[k].factoryBy = intern("paragraph")
        } else {
            items[k].factoryBy = 0
        }
    }

    subscript(k: Int) -> Fact {
        let i = items[k]
        return Fact(
            metric: strings[Int(i.metric)] ?? "other", money: Int(i.money), period: i.period < 0 ? nil : Int(i.period),
            factory: i.factory < 0 ? nil : Int(i.factory), qualifier: strings[Int(i.qualifier)].flatMap(Qualifier.init(rawValue:)),
            per: strings[Int(i.per)].flatMap(PerUnit.init(rawValue:)),
            periodBy: strings[Int(i.periodBy)].flatMap(PeriodLink.init(rawValue:)), factoryBy: strings[Int(i.factoryBy)].flatMap(FactoryLink.init(rawValue:)))
    }
}

extension Record {
    /// Writes a spilled record (``spilled``) as one JSON line: the record's own fields through
    /// `write`, the spill file's entities and facts through `copyFile` between them, then removes
    /// the spill file.
    package func assembleSpilled(write: ([UInt8]) -> Void, copyFile: (String) -> Void) {
        guard let body = spilled else { return }
        let (head, tail) = spilledHalves()
        write(head)
        copyFile(body.path)
        write(tail)
        TemporaryFiles.shared.remove(Array(body.path.utf8))
    }
}
