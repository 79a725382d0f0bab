import Assay
import Foundation

/// What every fuzz target checks after running Assay on an input, and the shared set-up. The fuzz
/// executables (`make fuzz`) link this; nothing else does.
public enum FuzzOracle {
    /// The shipped rules (`$ASSAY_RULES`, else `./rules`), loaded once per process.
    public static let pipeline: Pipeline = {
        let directory = ProcessInfo.processInfo.environment["ASSAY_RULES"] ?? "rules"
        do throws(RuleLoadError) {
            return Pipeline(rules: try RuleSet.load(directory: directory))
        } catch {
            fatalError("fuzz set-up: cannot load rules from '\(directory)' (run from the repository root): \(error.rendered)")
        }
    }()

    /// Traps (a crash libFuzzer reports) unless `record` keeps the record contract for the decoded
    /// text `original`: entity text is the original sliced at its scalar offsets, spans are ordered
    /// and inside the text, fact indices point at entities, and the JSON line parses back.
    public static func check(_ record: Record, original: [UInt16]?) {
        if let original {
            let scalars = Array(String(decoding: original, as: UTF16.self).unicodeScalars)
            var previous = 0
            for e in record.entities {
                precondition(e.start <= e.end && e.end <= scalars.count, "entity span \(e.start)..<\(e.end) outside \(scalars.count) scalars")
                precondition(e.start >= previous, "entities not sorted by start")
                previous = e.start
                var slice = String.UnicodeScalarView()
                slice.append(contentsOf: scalars[e.start..<e.end])
                precondition(String(slice) == e.text, "entity text '\(e.text)' != original[\(e.start)..<\(e.end)] '\(String(slice))'")
            }
            for d in record.diagnostics {
                if let s = d.start, let t = d.end { precondition(0 <= s && s <= t && t <= scalars.count, "diagnostic span outside the text") }
            }
        }
        for f in record.facts {
            precondition(record.entities.indices.contains(f.money), "fact money index out of range")
            if let p = f.period { precondition(record.entities.indices.contains(p), "fact period index out of range") }
            if let k = f.factory { precondition(record.entities.indices.contains(k), "fact factory index out of range") }
        }
        do {
            _ = try JSONParser.parse(record.json())
        } catch {
            preconditionFailure("record JSON does not parse: \(error.message) at byte \(error.offset)")
        }
    }
}
