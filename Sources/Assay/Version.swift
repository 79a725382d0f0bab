/// Assay's version and record schema id.
public enum AssayVersion {
    /// The tool's version.
    public static let version = "0.1.0"
    /// The record schema this build writes.
    public static let recordSchema = "assay.record.v1"
}
