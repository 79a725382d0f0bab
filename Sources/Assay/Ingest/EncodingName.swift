import ICUKit

/// Encoding names accepted on the command line.
package enum EncodingName {
    /// Whether ICU (or Assay's own UTF decoders) can decode `name`.
    package static func isKnown(_ name: String) -> Bool {
        ["utf-8", "utf-16le", "utf-16be"].contains(DocumentDecoder.ianaName(name)) || Charset.exists(name)
    }
}
