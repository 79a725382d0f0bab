import ICUShim

/// Unicode normalization through the system ICU. All functions are thread-safe (ICU's
/// normalizer instances are immutable singletons).
public enum NFC {
    /// Length of the longest prefix of `units[from...]` that is NFC by quick check, counted from `from`.
    public static func quickCheckSpan(_ units: UnsafeBufferPointer<UInt16>, from: Int) -> Int {
        guard from < units.count, let base = units.baseAddress else { return 0 }
        let n = assay_nfc_span_yes(base + from, Int32(units.count - from))
        return n < 0 ? 0 : Int(n)
    }

    /// Whether text may be cut before code point `c` and each part normalized alone.
    public static func hasBoundaryBefore(_ c: UInt32) -> Bool {
        assay_nfc_has_boundary_before(c)
    }

    /// The NFC form of `units`.
    public static func normalize(_ units: UnsafeBufferPointer<UInt16>) -> [UInt16] {
        run(units, assay_nfc_normalize)
    }

    /// The NFD form of `units`.
    public static func decompose(_ units: UnsafeBufferPointer<UInt16>) -> [UInt16] {
        run(units, assay_nfd_normalize)
    }

    /// The NFC form of a string.
    public static func normalize(_ s: String) -> String {
        let u = Array(s.utf16)
        return String(utf16Units: u.withUnsafeBufferPointer { normalize($0) })
    }

    /// The NFD form of a string.
    public static func decompose(_ s: String) -> String {
        let u = Array(s.utf16)
        return String(utf16Units: u.withUnsafeBufferPointer { decompose($0) })
    }

    private static func run(
        _ units: UnsafeBufferPointer<UInt16>,
        _ f: (UnsafePointer<UInt16>?, Int32, UnsafeMutablePointer<UInt16>?, Int32) -> Int32
    ) -> [UInt16] {
        guard units.count > 0 else { return [] }
        var cap = units.count + units.count / 2 + 8
        for _ in 0..<2 {
            var out = [UInt16](repeating: 0, count: cap)
            let n = out.withUnsafeMutableBufferPointer { f(units.baseAddress, Int32(units.count), $0.baseAddress, Int32(cap)) }
            if n < 0 { return Array(units) }
            if Int(n) <= cap {
                out.removeSubrange(Int(n)...)
                return out
            }
            cap = Int(n)
        }
        return Array(units)
    }
}

/// Character properties from ICU.
public enum UCharacter {
    /// Simple default case folding of one code point.
    public static func foldCase(_ c: UInt32) -> UInt32 { assay_fold_case(c) }
    /// The value of a Unicode decimal digit (any script), or nil.
    public static func digitValue(_ c: UInt32) -> Int? {
        let v = assay_digit_value(c)
        return v < 0 ? nil : Int(v)
    }
}
