/// Assay's version and record schema id.
package enum AssayVersion {
    /// The tool's version.
    package static let version = "0.1.0"
    /// The record schema this build writes.
    package static let recordSchema = "assay.record.v1"
}
