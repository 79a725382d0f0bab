import WebShim

/// Inflates gzip members one at a time (zlib through WebShim). Each call starts a fresh stream, so a
/// corrupt member costs only itself.
final class GzipMembers {
    /// What inflating one member gave.
    enum Result {
        /// The member's bytes and its compressed length.
        case member([UInt8], consumed: Int)
        case truncated
        case corrupt
        case tooLarge
    }

    /// Largest inflated member accepted (a WARC record is a member; pages are far smaller).
    static let maxOutput = 512 << 20

    private let z: OpaquePointer

    init() {
        guard let z = assay_inflater_new() else { fatalError("zlib: out of memory creating an inflater") }
        self.z = z
    }

    deinit { assay_inflater_free(z) }

    /// Inflates the member starting at `input[0]`.
    func inflate(_ input: UnsafeBufferPointer<UInt8>, maxOutput: Int = GzipMembers.maxOutput) -> Result {
        guard let base = input.baseAddress, !input.isEmpty else { return .truncated }
        var consumed = 0
        let rc = assay_inflate_member(z, base, input.count, &consumed, maxOutput)
        switch rc {
        case Int32(ASSAY_INFLATE_OK):
            var length = 0
            let p = assay_inflater_output(z, &length)
            return .member(Array(UnsafeBufferPointer(start: p, count: length)), consumed: consumed)
        case Int32(ASSAY_INFLATE_TRUNCATED): return .truncated
        case Int32(ASSAY_INFLATE_TOO_LARGE): return .tooLarge
        case Int32(ASSAY_INFLATE_NO_MEMORY): return .tooLarge
        default: return .corrupt
        }
    }

    /// Whether `b[i...]` starts like a gzip member (magic and deflate method).
    static func isMember(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        i + 2 < b.count && b[i] == 0x1F && b[i + 1] == 0x8B && b[i + 2] == 0x08
    }
}
