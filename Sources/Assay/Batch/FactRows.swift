import Foundation

/// The flat fact table of `assay run --facts-only`: one row per fact.
package enum FactRows {
    package static let columns = [
        "id", "source", "factory", "metric", "amount", "currency", "qualifier", "per", "period_start", "period_end", "text",
    ]

    /// The rows of a record, each a list of cells in `columns` order (nil = null).
    package static func rows(_ r: Record) -> [[String?]] {
        r.facts.map { f in
            let money = r.entities[f.money]
            let period = f.period.map { r.entities[$0].value }
            return [
                r.id, r.source, f.factory.flatMap { r.entities[$0].value["code"] }, f.metric, money.value["amount"],
                money.value["currency"], f.qualifier?.rawValue, f.per?.rawValue, period?["start"], period?["end"], money.text,
            ]
        }
    }

    /// One JSON object per row, one per line.
    package static func jsonLines(_ r: Record) -> [UInt8] {
        var out: [UInt8] = []
        for row in rows(r) {
            var w = JSONWriter()
            w.beginObject()
            for (k, v) in zip(columns, row) { w.key(k); w.string(v) }
            w.endObject()
            out += w.bytes + [0x0A]
        }
        return out
    }

    /// CSV lines (RFC 4180 quoting), an empty cell for null.
    package static func csvLines(_ r: Record) -> [UInt8] {
        rows(r).map { row in row.map { csvCell($0) }.joined(separator: ",") + "\n" }.joined().utf8.map { $0 }
    }

    package static var csvHeader: String { columns.joined(separator: ",") + "\n" }

    static func csvCell(_ v: String?) -> String {
        guard let v else { return "" }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }
}
