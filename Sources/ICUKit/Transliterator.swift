import ICUShim

/// An ICU transliterator. Instances are immutable after opening and may be shared across threads.
public final class Transliterator: @unchecked Sendable {
    private let handle: OpaquePointer

    /// Opens the transliterator `id` (e.g. `Any-Latin; Latin-ASCII`); nil when ICU does not know it.
    public init?(id: String) {
        let u = Array(id.utf16)
        guard let h = u.withUnsafeBufferPointer({ assay_translit_open($0.baseAddress, Int32($0.count)) }) else {
            return nil
        }
        handle = h
    }

    deinit { assay_translit_close(handle) }

    /// The transliteration of `text`; `text` itself if ICU fails.
    public func transliterate(_ text: String) -> String {
        let src = Array(text.utf16)
        var cap = src.count * 3 + 16
        for _ in 0..<2 {
            var buf = src + [UInt16](repeating: 0, count: cap - src.count)
            let n = buf.withUnsafeMutableBufferPointer {
                assay_translit(handle, $0.baseAddress, Int32(src.count), Int32(cap))
            }
            if n < 0 { return text }
            if Int(n) <= cap { return String(decoding: buf[0..<Int(n)], as: UTF16.self) }
            cap = Int(n) + 16
        }
        return text
    }
}
