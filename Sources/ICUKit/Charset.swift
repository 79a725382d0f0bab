import ICUShim

/// Charset conversion through ICU converters.
public enum Charset {
    /// The result of decoding bytes with a converter.
    public struct Decoded: Sendable {
        /// The text as UTF-16 code units.
        public var units: [UInt16]
        /// How many bytes could not be converted and became U+FFFD.
        public var substitutions: Int
        /// ICU's canonical name of the converter.
        public var canonicalName: String
    }

    /// Whether ICU has a converter for `name` (aliases count).
    public static func exists(_ name: String) -> Bool { assay_converter_exists(name) }

    /// Decodes `bytes` with the converter `name`; nil when there is no such converter.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, charset name: String) -> Decoded? {
        var cap = bytes.count + 16
        var nameBuf = [CChar](repeating: 0, count: 64)
        for _ in 0..<2 {
            var out = [UInt16](repeating: 0, count: cap)
            var subs: Int32 = 0
            let n = out.withUnsafeMutableBufferPointer { o in
                nameBuf.withUnsafeMutableBufferPointer { nb in
                    assay_convert_to_utf16(
                        name, bytes.baseAddress, Int32(bytes.count), o.baseAddress, Int32(cap), &subs,
                        nb.baseAddress, Int32(nb.count))
                }
            }
            if n < 0 { return nil }
            if Int(n) <= cap {
                out.removeSubrange(Int(n)...)
                let canonical = nameBuf.withUnsafeBufferPointer { p in
                    String(decoding: p.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
                }
                return Decoded(units: out, substitutions: Int(subs), canonicalName: canonical)
            }
            cap = Int(n)
        }
        return nil
    }
}
