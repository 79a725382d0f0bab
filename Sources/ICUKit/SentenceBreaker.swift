import ICUShim

/// ICU's sentence break iterator.
public enum SentenceBreaker {
    /// Sentence end offsets (UTF-16, exclusive) of `units` for `locale`; the last is `units.count`.
    public static func boundaries(_ units: UnsafeBufferPointer<UInt16>, locale: String) -> [Int] {
        guard units.count > 0 else { return [] }
        var cap = max(16, units.count / 40)
        for _ in 0..<2 {
            var out = [Int32](repeating: 0, count: cap)
            let n = out.withUnsafeMutableBufferPointer {
                assay_sentence_breaks(locale, units.baseAddress, Int32(units.count), $0.baseAddress, Int32(cap))
            }
            if n < 0 { return [units.count] }
            if Int(n) <= cap { return out.prefix(Int(n)).map { Int($0) } }
            cap = Int(n)
        }
        return [units.count]
    }
}
