import ICUKit

/// Lowercase ASCII without diacritics for Latin text (`Đặng Hữu Phước` → `dang huu phuoc`).
package enum LatinFold {
    /// Letters whose base is not reached by canonical decomposition.
    static let special: [Character: String] = [
        "đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
        "ı": "i",
    ]

    /// Decomposes, drops combining marks and non-ASCII leftovers, and lowercases.
    package static func fold(_ text: String) -> String {
        foldLatin(text) ?? foldCharacters(text)
    }

    /// ``fold(_:)`` character by character, through ICU's decomposition: for any text.
    static func foldCharacters(_ text: String) -> String {
        var out = ""
        for ch in text {
            if let s = special[ch] {
                out += s
                continue
            }
            for u in NFC.decompose(String(ch)).unicodeScalars where u.isASCII {
                out.unicodeScalars.append(u)
            }
        }
        return out.lowercased()
    }

    /// ``fold(_:)`` for text made only of ASCII and precomposed Latin letters (Latin-1 letters,
    /// Latin Extended-A and -B, Latin Extended Additional, which holds Vietnamese), or nil for
    /// other text. Each of those scalars is a character of its own (none combines with a
    /// neighbour), so folding scalar by scalar from a table gives exactly what folding character
    /// by character through ICU gives, without an ICU call and a String per character.
    static func foldLatin(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x80 {
                bytes.append(UInt8(v))
            } else if let base = LatinBase.table.ascii(v) {
                bytes.append(contentsOf: base)
            } else {
                return nil
            }
        }
        for i in bytes.indices where bytes[i] >= 0x41 && bytes[i] <= 0x5A { bytes[i] += 0x20 }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The ASCII that ``LatinFold`` keeps of each precomposed Latin letter, computed once through ICU.
final class LatinBase: Sendable {
    static let table = LatinBase()

    static let ranges: [ClosedRange<UInt32>] = [0xC0...0x24F, 0x1E00...0x1EFF]
    /// Per range, per scalar: the ASCII bytes kept (not yet lowercased).
    private let bases: [[[UInt8]]]

    private init() {
        bases = Self.ranges.map { r in
            r.map { v -> [UInt8] in
                let ch = Character(Unicode.Scalar(v)!)
                if let s = LatinFold.special[ch] { return Array(s.utf8) }
                return NFC.decompose(String(ch)).unicodeScalars.filter(\.isASCII).map { UInt8($0.value) }
            }
        }
    }

    /// The bytes for scalar `v`, or nil when it is outside the table's ranges.
    @inline(__always)
    func ascii(_ v: UInt32) -> [UInt8]? {
        for (k, r) in Self.ranges.enumerated() where r.contains(v) { return bases[k][Int(v - r.lowerBound)] }
        return nil
    }
}
