import ICUKit

/// Renders an offset map in Unicode scalars, as `assay normalize --offsets` prints it.
package enum NormalizedRuns {
    /// One line per run: `norm_start norm_end orig_start orig_end`.
    package static func lines(_ doc: TextDocument) -> [String] {
        let norm = SourceText(units: doc.text.units)
        return doc.text.map.runs.map { r in
            "\(norm.scalarOffset(r.normStart)) \(norm.scalarOffset(r.normEnd)) \(doc.source.scalarOffset(r.origStart)) \(doc.source.scalarOffset(r.origEnd))"
        }
    }
}
