import ICUKit

/// Lowercase ASCII without diacritics for Latin text (`Đặng Hữu Phước` → `dang huu phuoc`).
public enum LatinFold {
    /// Letters whose base is not reached by canonical decomposition.
    static let special: [Character: String] = [
        "đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
        "ı": "i",
    ]

    /// Decomposes, drops combining marks and non-ASCII leftovers, and lowercases.
    public static func fold(_ text: String) -> String {
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
}
