import ICUKit

/// A document's bytes decoded to UTF-16, with what decoding found.
package struct DecodedDocument: Sendable {
    /// The decoded original text (a byte-order mark dropped), as UTF-16 code units.
    package var units: [UInt16]
    /// Lowercase IANA name of the encoding (`utf-8`, `utf-16le`, `utf-16be`, `windows-1258`).
    package var encoding: String
    /// True when the bytes are not text (NUL bytes or mostly control characters): nothing is extracted.
    package var isBinary: Bool
    /// W301–W304 findings; offsets are filled in by the pipeline once scalar offsets are known.
    package var diagnostics: [Diagnostic]
}

/// Decodes document bytes: byte-order mark first, then binary detection, then UTF-8 with a
/// windows-1258 fallback for legacy Vietnamese. Never throws: bad bytes become diagnostics.
package enum DocumentDecoder {
    /// Decodes `bytes`; `forcedEncoding` (any ICU converter name) skips detection.
    package static func decode(_ bytes: [UInt8], forcedEncoding: String? = nil) -> DecodedDocument {
        bytes.withUnsafeBufferPointer { decode($0, forcedEncoding: forcedEncoding) }
    }

    /// Decodes `bytes`; see ``decode(_:forcedEncoding:)``.
    package static func decode(_ bytes: UnsafeBufferPointer<UInt8>, forcedEncoding: String? = nil) -> DecodedDocument {
        if bytes.isEmpty {
            return DecodedDocument(
                units: [], encoding: ianaName(forcedEncoding ?? "utf-8"), isBinary: false,
                diagnostics: [Diagnostic(code: .emptyDocument, message: "empty document")])
        }
        if let forced = forcedEncoding {
            return decodeForced(bytes, name: forced)
        }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return decodeUTF8(UnsafeBufferPointer(rebasing: bytes[3...]), byteOffset: 3)
        }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            return decodeUTF16(UnsafeBufferPointer(rebasing: bytes[2...]), littleEndian: true)
        }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            return decodeUTF16(UnsafeBufferPointer(rebasing: bytes[2...]), littleEndian: false)
        }
        if looksBinary(bytes) {
            return binary(encoding: "utf-8")
        }
        let scan = UTF8Scan(bytes)
        if scan.invalidSequences > 0, scan.invalidSequences > scan.validMultibyte,
            let legacy = decodeWindows1258(bytes)
        {
            return legacy
        }
        return decodeUTF8(bytes, byteOffset: 0, scan: scan)
    }

    static func binary(encoding: String) -> DecodedDocument {
        DecodedDocument(
            units: [], encoding: encoding, isBinary: true,
            diagnostics: [Diagnostic(code: .binarySkipped, message: "binary file skipped: NUL bytes or mostly control characters")])
    }

    /// NUL bytes, or more than 10% control bytes other than tab, line ends and form feed.
    static func looksBinary(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var controls = 0
        for b in bytes {
            if b == 0 { return true }
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C || b == 0x7F { controls += 1 }
        }
        return controls * 10 > bytes.count
    }

    static func decodeUTF8(_ bytes: UnsafeBufferPointer<UInt8>, byteOffset: Int, scan: UTF8Scan? = nil) -> DecodedDocument {
        let scan = scan ?? UTF8Scan(bytes)
        if scan.invalidSequences == 0, looksBinary(bytes) { return binary(encoding: "utf-8") }
        var units = [UInt16]()
        units.reserveCapacity(bytes.count)
        units.append(contentsOf: String(decoding: bytes, as: UTF8.self).utf16)
        var diagnostics: [Diagnostic] = []
        if let first = scan.firstInvalid {
            // Offsets are in Unicode scalars of the decoded text: every lead byte before the first
            // bad one started exactly one scalar.
            var scalar = 0
            for i in 0..<first where bytes[i] & 0xC0 != 0x80 { scalar += 1 }
            diagnostics.append(
                Diagnostic(
                    code: .invalidBytes,
                    message: "invalid UTF-8 replaced by U+FFFD: first bad byte at offset \(first + byteOffset), \(scan.invalidSequences) bad sequence(s)",
                    start: scalar, end: scalar + 1))
        }
        return DecodedDocument(units: units, encoding: "utf-8", isBinary: false, diagnostics: diagnostics)
    }

    static func decodeUTF16(_ bytes: UnsafeBufferPointer<UInt8>, littleEndian: Bool) -> DecodedDocument {
        let name = littleEndian ? "utf-16le" : "utf-16be"
        var units = [UInt16]()
        units.reserveCapacity(bytes.count / 2)
        var i = 0
        while i + 1 < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        var diagnostics: [Diagnostic] = []
        // Repair unpaired surrogates and an odd trailing byte the way UTF-8 errors are repaired.
        let repaired = Array(String(decoding: units, as: UTF16.self).utf16)
        if repaired != units || bytes.count % 2 == 1 {
            var firstBad = 0
            while firstBad < min(units.count, repaired.count), units[firstBad] == repaired[firstBad] { firstBad += 1 }
            var out = repaired
            if bytes.count % 2 == 1 { out.append(0xFFFD) }
            let scalar = String(decoding: out[0..<min(firstBad, out.count)], as: UTF16.self).unicodeScalars.count
            diagnostics.append(
                Diagnostic(
                    code: .invalidBytes, message: "invalid \(name.uppercased()) replaced by U+FFFD: first bad byte at offset \(firstBad * 2 + 2)",
                    start: scalar, end: scalar + 1))
            units = out
        }
        if units.contains(0) { return binary(encoding: name) }
        return DecodedDocument(units: units, encoding: name, isBinary: false, diagnostics: diagnostics)
    }

    static func decodeWindows1258(_ bytes: UnsafeBufferPointer<UInt8>) -> DecodedDocument? {
        guard let decoded = Charset.decode(bytes, charset: "windows-1258"), decoded.substitutions == 0 else { return nil }
        guard LanguageDetector.looksVietnamese(decoded.units) else { return nil }
        return DecodedDocument(
            units: decoded.units, encoding: "windows-1258", isBinary: false,
            diagnostics: [
                Diagnostic(code: .legacyEncoding, message: "legacy encoding detected: decoded as windows-1258 (not valid UTF-8)")
            ])
    }

    static func decodeForced(_ bytes: UnsafeBufferPointer<UInt8>, name: String) -> DecodedDocument {
        let iana = ianaName(name)
        switch iana {
        case "utf-8":
            var b = bytes
            if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { b = UnsafeBufferPointer(rebasing: b[3...]) }
            return decodeUTF8(b, byteOffset: bytes.count - b.count)
        case "utf-16le", "utf-16be":
            var b = bytes
            if b.count >= 2, (b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF) {
                b = UnsafeBufferPointer(rebasing: b[2...])
            }
            return decodeUTF16(b, littleEndian: iana == "utf-16le")
        default:
            break
        }
        if looksBinary(bytes) { return binary(encoding: iana) }
        guard let decoded = Charset.decode(bytes, charset: name) else {
            // Unknown converters are rejected when arguments are validated; this is a last resort.
            return decodeUTF8(bytes, byteOffset: 0)
        }
        var diagnostics: [Diagnostic] = []
        if decoded.substitutions > 0, let first = decoded.units.firstIndex(of: 0xFFFD) {
            let scalar = String(decoding: decoded.units[0..<first], as: UTF16.self).unicodeScalars.count
            diagnostics.append(
                Diagnostic(
                    code: .invalidBytes, message: "\(decoded.substitutions) byte(s) not valid in \(iana) replaced by U+FFFD",
                    start: scalar, end: scalar + 1))
        }
        return DecodedDocument(units: decoded.units, encoding: iana, isBinary: false, diagnostics: diagnostics)
    }

    /// The lowercase IANA-style name for an encoding name a user typed.
    package static func ianaName(_ name: String) -> String {
        let n = name.lowercased()
        switch String(n.map { $0 == "_" ? "-" : $0 }) {
        case "utf8", "utf-8": return "utf-8"
        case "utf-16le", "utf16le": return "utf-16le"
        case "utf-16be", "utf16be": return "utf-16be"
        case "cp1258", "windows-1258", "win-1258", "windows1258": return "windows-1258"
        default: return n
        }
    }
}

/// One pass over bytes counting valid multibyte UTF-8 sequences and invalid ones.
struct UTF8Scan {
    var validMultibyte = 0
    var invalidSequences = 0
    var firstInvalid: Int?

    /// A scan of nothing yet; ``add(_:at:)`` goes on chunk by chunk.
    init() {}

    init(_ b: UnsafeBufferPointer<UInt8>) {
        add(b, at: 0)
    }

    /// Scans the next chunk, which starts at byte `base` of the whole. A chunk must end where no
    /// sequence can straddle it (see ``StreamingDecoder/safeCut(_:_:)``): the counts are then the
    /// ones a scan of the whole gives.
    mutating func add(_ b: UnsafeBufferPointer<UInt8>, at base: Int) {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            var need = 0
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: need = -1
            }
            var ok = need > 0 && i + need < n
            if ok {
                for k in 1...need {
                    let x = b[i + k]
                    if k == 1 ? (x < lo || x > hi) : (x & 0xC0 != 0x80) { ok = false; break }
                }
            }
            if ok {
                validMultibyte += 1
                i += need + 1
            } else {
                invalidSequences += 1
                if firstInvalid == nil { firstInvalid = base + i }
                i += 1
            }
        }
    }
}
