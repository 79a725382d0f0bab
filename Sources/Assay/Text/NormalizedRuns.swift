import ICUKit

/// Renders an offset map in Unicode scalars, as `assay normalize --offsets` prints it.
public enum NormalizedRuns {
    /// One line per run: `norm_start norm_end orig_start orig_end`.
    public static func lines(_ doc: TextDocument) -> [String] {
        let norm = SourceText(units: doc.text.units)
        return doc.text.map.runs.map { r in
            "\(norm.scalarOffset(r.normStart)) \(norm.scalarOffset(r.normEnd)) \(doc.source.scalarOffset(r.origStart)) \(doc.source.scalarOffset(r.origEnd))"
        }
    }
}

/// Encoding names accepted on the command line.
public enum EncodingName {
    /// Whether ICU (or Assay's own UTF decoders) can decode `name`.
    public static func isKnown(_ name: String) -> Bool {
        ["utf-8", "utf-16le", "utf-16be"].contains(DocumentDecoder.ianaName(name)) || Charset.exists(name)
    }
}
