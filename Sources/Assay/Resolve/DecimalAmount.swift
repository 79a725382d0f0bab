/// An exact non-negative decimal number: an integer significand (decimal digits) times a power of ten.
///
/// Money amounts must keep every digit (DESIGN.md, record contract: amounts are decimal strings), so
/// the arithmetic is done on digit arrays, never on `Double`. Sizes are unbounded: `10^24` and beyond
/// keep all their digits.
package struct DecimalAmount: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Significand digits, most significant first, without leading or trailing zeros (empty for zero).
    package private(set) var digits: [UInt8]
    /// The power of ten the significand is multiplied by.
    package private(set) var exponent: Int

    /// Zero.
    package static let zero = DecimalAmount(digits: [], exponent: 0)

    init(digits: [UInt8], exponent: Int) {
        self.digits = digits
        self.exponent = exponent
        normalize()
    }

    /// `10^n`.
    package static func powerOfTen(_ n: Int) -> DecimalAmount { DecimalAmount(digits: [1], exponent: n) }

    /// Reads a plain decimal string with `.` as the mark and no grouping (`1500.5`, `17`, `0.25`).
    package init?(plain: String) {
        var ds: [UInt8] = []
        ds.reserveCapacity(plain.utf8.count)
        var fraction = 0
        var seenPoint = false
        for u in plain.utf8 {
            if u == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
            } else if u >= 0x30 && u <= 0x39 {
                ds.append(u - 0x30)
                if seenPoint { fraction += 1 }
            } else {
                return nil
            }
        }
        guard !ds.isEmpty else { return nil }
        self.init(digits: ds, exponent: -fraction)
    }

    /// Reads ICU's decimal output, which may be in scientific form (`1E+24`, `1.23456789E+6`).
    package init?(scientific: String) {
        // ICU's usual output has no exponent: read it as plain without the String work below.
        if scientific.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "e") && $0 != UInt8(ascii: "E") }) {
            self.init(plain: scientific)
            return
        }
        let parts = scientific.uppercased().split(separator: "E", omittingEmptySubsequences: false)
        guard parts.count <= 2, var base = DecimalAmount(plain: String(parts[0])) else { return nil }
        if parts.count == 2 {
            guard let e = Int(parts[1].hasPrefix("+") ? String(parts[1].dropFirst()) : String(parts[1])) else { return nil }
            base = base.timesPowerOfTen(e)
        }
        self = base
    }

    /// Whether the value is zero.
    package var isZero: Bool { digits.isEmpty }

    /// Whether the value has no fractional part.
    package var isInteger: Bool { exponent >= 0 || digits.isEmpty }

    /// The integer value, when it is an integer that fits in `Int`.
    package var intValue: Int? {
        guard isInteger, digits.count + exponent <= 18 else { return nil }
        var v = 0
        for d in digits { v = v * 10 + Int(d) }
        for _ in 0..<max(0, exponent) { v *= 10 }
        return v
    }

    /// This value times `10^n`.
    package func timesPowerOfTen(_ n: Int) -> DecimalAmount { DecimalAmount(digits: digits, exponent: exponent + n) }

    /// The exact product.
    package static func * (a: DecimalAmount, b: DecimalAmount) -> DecimalAmount {
        if a.isZero || b.isZero { return .zero }
        // A power of ten (every scale word: `tỷ`, `million`, `करोड़`) only moves the exponent.
        if b.digits == [1] { return DecimalAmount(digits: a.digits, exponent: a.exponent + b.exponent) }
        if a.digits == [1] { return DecimalAmount(digits: b.digits, exponent: a.exponent + b.exponent) }
        // Schoolbook multiplication, least significant digit first.
        let x = a.digits.reversed().map(Int.init), y = b.digits.reversed().map(Int.init)
        var acc = [Int](repeating: 0, count: x.count + y.count)
        for (i, dx) in x.enumerated() {
            var carry = 0
            for (j, dy) in y.enumerated() {
                let t = acc[i + j] + dx * dy + carry
                acc[i + j] = t % 10
                carry = t / 10
            }
            var k = i + y.count
            while carry > 0 {
                let t = acc[k] + carry
                acc[k] = t % 10
                carry = t / 10
                k += 1
            }
        }
        return DecimalAmount(digits: acc.reversed().map(UInt8.init), exponent: a.exponent + b.exponent)
    }

    /// Orders by value.
    package static func < (a: DecimalAmount, b: DecimalAmount) -> Bool {
        if a.isZero || b.isZero { return a.isZero && !b.isZero }
        // The position of the leading digit decides, then the digits themselves.
        let ma = a.digits.count + a.exponent, mb = b.digits.count + b.exponent
        if ma != mb { return ma < mb }
        for i in 0..<max(a.digits.count, b.digits.count) {
            let x = i < a.digits.count ? a.digits[i] : 0, y = i < b.digits.count ? b.digits[i] : 0
            if x != y { return x < y }
        }
        return false
    }

    /// The plain decimal string: no exponent, no grouping, no trailing zeros after the point and no
    /// trailing point (`17600000000`, `1500.5`, `0.25`, `0`).
    package var description: String {
        if digits.isEmpty { return "0" }
        // Written as bytes into one buffer (String concatenation was a visible share of resolving).
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + abs(exponent) + 2)
        let point = digits.count + exponent
        if exponent >= 0 {
            for d in digits { out.append(d + 0x30) }
            out.append(contentsOf: repeatElement(0x30, count: exponent))
        } else if point > 0 {
            for (i, d) in digits.enumerated() {
                if i == point { out.append(UInt8(ascii: ".")) }
                out.append(d + 0x30)
            }
        } else {
            out.append(0x30)
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: repeatElement(0x30, count: -point))
            for d in digits { out.append(d + 0x30) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func normalize() {
        let lead = digits.firstIndex { $0 != 0 } ?? digits.count
        if lead > 0 { digits.removeFirst(lead) }
        // Trailing zeros move to the exponent, counted first and removed at once.
        var trailing = 0
        while trailing < digits.count, digits[digits.count - 1 - trailing] == 0 { trailing += 1 }
        if trailing > 0 {
            digits.removeLast(trailing)
            exponent += trailing
        }
        if digits.isEmpty { exponent = 0 }
    }
}
