import Algorithms
import ICUKit

/// The decoded original text, with conversions from UTF-16 offsets to Unicode scalar offsets
/// (the record's unit).
package struct SourceText: Sendable {
    /// UTF-16 code units of the decoded original.
    package let units: [UInt16]
    /// UTF-16 offsets of the second unit of each surrogate pair, ascending (usually empty).
    let pairTails: [Int]

    package init(units: [UInt16]) {
        self.units = units
        var tails: [Int] = []
        var i = 0
        while i + 1 < units.count {
            if units[i] & 0xFC00 == 0xD800, units[i + 1] & 0xFC00 == 0xDC00 {
                tails.append(i + 1)
                i += 2
            } else {
                i += 1
            }
        }
        pairTails = tails
    }

    /// Number of Unicode scalars.
    package var scalarCount: Int { units.count - pairTails.count }

    /// The Unicode scalar offset of UTF-16 offset `u`.
    package func scalarOffset(_ u: Int) -> Int {
        if pairTails.isEmpty { return u }
        return u - pairTails.partitioningIndex { $0 >= u }
    }

    /// The UTF-16 offset of Unicode scalar offset `s`.
    package func utf16Offset(scalar s: Int) -> Int {
        var u = s
        for t in pairTails where t <= u { u += 1 }
        return u
    }

    /// The text of a Unicode scalar range.
    package func scalarSlice(_ r: Range<Int>) -> String {
        string(utf16Offset(scalar: r.lowerBound)..<utf16Offset(scalar: r.upperBound))
    }

    /// The text of a UTF-16 range.
    package func string(_ r: Range<Int>) -> String {
        String(utf16Units: units, r)
    }
}
