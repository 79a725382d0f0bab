import Foundation

/// Totals of a batch: the summary printed at the end and written by `--stats`.
package struct BatchStats: Sendable {
    package var documents = 0
    package var bytes = 0
    package var entities: [EntityType: Int] = [:]
    package var diagnostics: [DiagnosticCode: Int] = [:]
    package var errors: [DiagnosticCode: Int] = [:]
    package var facts = 0
    /// WARC records that are not documents, by WARC-Type (`response-other`: neither HTML nor text).
    package var warcSkipped: [String: Int] = [:]
    package var seconds = 0.0
    package var profile = StageProfile()
    /// Directory symlinks not followed because they lead back to a directory being walked.
    package var loops = 0
    /// Directories and files reached a second time (named twice, or through a link) and read once.
    package var repeatedDirectories = 0
    package var repeatedFiles = 0

    package init() {}

    /// Counts one record and the size of its document.
    package mutating func add(_ r: Record, bytes n: Int) {
        documents += 1
        bytes += n
        for e in r.entities { entities[e.type, default: 0] += 1 }
        for d in r.diagnostics { diagnostics[d.code, default: 0] += 1 }
        if let e = r.error { errors[e.code, default: 0] += 1 }
        facts += r.facts.count
        if let s = r.spilled {
            for (type, n) in s.entityCounts { entities[type, default: 0] += n }
            facts += s.factCount
        }
    }

    package var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1_000_000 / seconds : 0 }

    /// The human summary for standard error.
    package func summary(withProfile: Bool) -> String {
        func list(_ d: [String: Int]) -> String {
            d.isEmpty ? "none" : d.keys.sorted().map { "\($0) \(d[$0]!)" }.joined(separator: ", ")
        }
        var s = """
            documents: \(documents) (\(String(format: "%.2f", Double(bytes) / 1_000_000)) MB) in \(String(format: "%.2f", seconds)) s, \(String(format: "%.1f", megabytesPerSecond)) MB/s
            entities: \(list(Self.named(entities))); facts: \(facts)
            diagnostics: \(list(Self.named(diagnostics))); unreadable: \(list(Self.named(errors)))
            """
        if loops + repeatedDirectories + repeatedFiles > 0 {
            s += "\nwalk: \(loops) directory loop(s) not followed; read once: \(repeatedDirectories) directory(ies) and \(repeatedFiles) file(s) reached twice"
        }
        if !warcSkipped.isEmpty { s += "\nWARC records skipped: \(list(warcSkipped))" }
        if withProfile {
            let total = max(1, profile.nanos.reduce(0, +))
            s +=
                "\nstages (thread time): "
                + zip(Stage.allCases, profile.nanos).map { stage, ns in
                    "\(stage.rawValue) \(String(format: "%.3f", Double(ns) / 1e9)) s (\(ns * 100 / total)%)"
                }.joined(separator: ", ")
        }
        return s
    }

    /// Counts keyed by the contract values' JSON strings (the summary's and `--stats`'s keys).
    static func named<Key: RawRepresentable>(_ d: [Key: Int]) -> [String: Int] where Key.RawValue == String {
        Dictionary(uniqueKeysWithValues: d.map { ($0.key.rawValue, $0.value) })
    }

    /// The summary as JSON (`--stats FILE`).
    package func json() -> [UInt8] {
        var w = JSONWriter(pretty: true)
        func dict(_ d: [String: Int]) {
            w.beginObject()
            for k in d.keys.sorted() { w.key(k); w.int(d[k]!) }
            w.endObject()
        }
        w.beginObject()
        w.key("documents"); w.int(documents)
        w.key("bytes"); w.int(bytes)
        w.key("entities"); dict(Self.named(entities))
        w.key("facts"); w.int(facts)
        w.key("diagnostics"); dict(Self.named(diagnostics))
        w.key("errors"); dict(Self.named(errors))
        w.key("warc_skipped"); dict(warcSkipped)
        w.key("walk"); w.beginObject()
        w.key("loops"); w.int(loops)
        w.key("repeated_directories"); w.int(repeatedDirectories)
        w.key("repeated_files"); w.int(repeatedFiles)
        w.endObject()
        w.key("seconds"); w.value(.number(String(format: "%.4f", seconds)))
        w.key("mb_per_s"); w.value(.number(String(format: "%.3f", megabytesPerSecond)))
        w.key("stages_seconds"); w.beginObject()
        for (stage, ns) in zip(Stage.allCases, profile.nanos) { w.key(stage.rawValue); w.value(.number(String(format: "%.4f", Double(ns) / 1e9))) }
        w.endObject()
        w.endObject()
        return w.bytes + [0x0A]
    }
}
