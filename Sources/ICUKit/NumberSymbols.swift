import ICUShim

/// A locale's number marks, read from ICU's locale data, and ICU's decimal parser.
public struct NumberSymbols: Sendable, Equatable {
    /// The decimal mark (`,` for `vi`, `.` for `en`).
    public let decimal: String
    /// The grouping mark (`.` for `vi`, `,` for `en`).
    public let grouping: String
    /// The ICU locale id these came from.
    public let locale: String

    /// Reads the symbols of `locale` from ICU; falls back to `.` and `,` if ICU has no data.
    public init(locale: String) {
        self.locale = locale
        decimal = NumberSymbols.symbol(locale, ASSAY_DECIMAL_SEPARATOR) ?? "."
        grouping = NumberSymbols.symbol(locale, ASSAY_GROUPING_SEPARATOR) ?? ","
    }

    private static func symbol(_ locale: String, _ which: AssayNumberSymbol) -> String? {
        var buf = [UInt16](repeating: 0, count: 16)
        let n = buf.withUnsafeMutableBufferPointer { assay_number_symbol(locale, which, $0.baseAddress, 16) }
        guard n > 0, n <= 16 else { return nil }
        return String(decoding: buf[0..<Int(n)], as: UTF16.self)
    }

    /// Parses `text` with ICU's decimal parser for this locale. Returns the exact decimal string
    /// (`.` as the mark) and how many UTF-16 units ICU consumed, or nil when nothing parsed.
    public func parse(_ text: String) -> (value: String, consumed: Int)? {
        let units = Array(text.utf16)
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 128) { out in
            var consumed: Int32 = 0
            let n = units.withUnsafeBufferPointer { u in
                assay_parse_decimal(locale, u.baseAddress, Int32(u.count), &consumed, out.baseAddress, 128)
            }
            guard n > 0, n < 128 else { return nil }
            let bytes = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: out[0..<Int(n)]))
            return (String(decoding: bytes, as: UTF8.self), Int(consumed))
        }
    }
}
