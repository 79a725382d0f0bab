import Crypto

/// Decodes a very large UTF-8 document in pieces: one pass over the bytes decides what the whole
/// document is (hash, binary or not, how many invalid sequences) exactly as ``DocumentDecoder``
/// would, and a second pass decodes it chunk by chunk for the window cutter. The decoded units are
/// the ones ``DocumentDecoder`` gives for the whole: chunks are cut where no UTF-8 sequence (nor a
/// maximal invalid subpart, which U+FFFD replaces) can straddle the cut.
package enum StreamingDecoder {
    /// Bytes read per step.
    package static let chunk = 1 << 20

    /// What the first pass found.
    package struct Survey: Sendable {
        /// The SHA-256 digest of all the bytes.
        package var digest: [UInt8]
        /// Where the text starts (after a UTF-8 byte-order mark).
        package var bodyStart: Int
        /// The document as ``DocumentDecoder`` would describe it, without its units.
        package var header: DecodedDocument
    }

    /// The first pass, or nil when the document must be decoded whole: a UTF-16 byte-order mark, a
    /// forced encoding other than UTF-8, or mostly invalid UTF-8 (a windows-1258 candidate). Also nil
    /// when a file read fails (``DocumentBytes/failure``).
    package static func survey(_ doc: DocumentBytes, forcedEncoding: String? = nil) -> Survey? {
        var head: [UInt8] = []
        guard doc.count > 0, doc.read(0..<3, into: &head) else { return nil }
        let forcedUTF8: Bool
        if let forced = forcedEncoding {
            guard DocumentDecoder.ianaName(forced) == "utf-8" else { return nil }
            forcedUTF8 = true
        } else {
            forcedUTF8 = false
            if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return nil }
        }
        let hasBOM = head.starts(with: [0xEF, 0xBB, 0xBF])
        let bodyStart = hasBOM ? 3 : 0
        var hasher = SHA256()
        head.withUnsafeBufferPointer { hasher.update(bufferPointer: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: $0[0..<bodyStart]))) }
        var scan = UTF8Scan()
        var nul = false
        var controls = 0
        // Lead bytes before the first invalid one: each started one scalar.
        var leads = 0
        var buf: [UInt8] = []
        var pos = bodyStart
        while pos < doc.count {
            let want = min(chunk, doc.count - pos)
            guard doc.read(pos..<(pos + want + 1), into: &buf) else { return nil }
            let cut = buf.count > want ? buf.withUnsafeBufferPointer { safeCut($0, want) } : buf.count
            buf.withUnsafeBufferPointer { all in
                let p = UnsafeBufferPointer(rebasing: all[0..<cut])
                hasher.update(bufferPointer: UnsafeRawBufferPointer(p))
                for b in p {
                    if b == 0 { nul = true }
                    if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C || b == 0x7F { controls += 1 }
                }
                let before = scan.firstInvalid
                scan.add(p, at: pos - bodyStart)
                if before == nil {
                    let limit = scan.firstInvalid.map { $0 - (pos - bodyStart) } ?? cut
                    for k in 0..<limit where p[k] & 0xC0 != 0x80 { leads += 1 }
                }
            }
            pos += cut
        }
        let bodyCount = doc.count - bodyStart
        let looksBinary = nul || controls * 10 > bodyCount
        let digest = Array(hasher.finalize())
        func binary() -> Survey {
            Survey(digest: digest, bodyStart: bodyStart, header: DocumentDecoder.binary(encoding: "utf-8"))
        }
        if forcedUTF8 || hasBOM {
            if scan.invalidSequences == 0, looksBinary { return binary() }
        } else {
            if looksBinary { return binary() }
            if scan.invalidSequences > 0, scan.invalidSequences > scan.validMultibyte { return nil }
        }
        var diagnostics: [Diagnostic] = []
        if let first = scan.firstInvalid {
            diagnostics.append(
                Diagnostic(
                    code: .invalidBytes,
                    message: "invalid UTF-8 replaced by U+FFFD: first bad byte at offset \(first + bodyStart), \(scan.invalidSequences) bad sequence(s)",
                    start: leads, end: leads + 1))
        }
        return Survey(digest: digest, bodyStart: bodyStart, header: DecodedDocument(units: [], encoding: "utf-8", isBinary: false, diagnostics: diagnostics))
    }

    /// The second pass: a function giving the next decoded piece of the text on each call, nil at
    /// the end (or when a file read fails: ``DocumentBytes/failure``).
    /// `chunk` is the bytes decoded per call (at least 4, so that a safe cut is always found).
    package static func units(_ doc: DocumentBytes, from start: Int, chunk: Int = chunk) -> () -> [UInt16]? {
        let chunk = max(chunk, 4)
        var pos = start
        var buf: [UInt8] = []
        return {
            guard pos < doc.count else { return nil }
            let want = min(chunk, doc.count - pos)
            guard doc.read(pos..<(pos + want + 1), into: &buf) else { return nil }
            let cut = buf.count > want ? buf.withUnsafeBufferPointer { safeCut($0, want) } : buf.count
            pos += cut
            return buf.withUnsafeBufferPointer { Array(String(decoding: UnsafeBufferPointer(rebasing: $0[0..<cut]), as: UTF8.self).utf16) }
        }
    }

    /// A cut at or a little before `at` (which must be a valid index, and at least 4) where no UTF-8
    /// sequence straddles: before a byte that is not a continuation byte, or after three continuation
    /// bytes (no sequence, valid or not, holds more than three).
    static func safeCut(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> Int {
        var c = at
        while c >= at - 3, c >= 1 {
            if b[c] & 0xC0 != 0x80 { return c }
            c -= 1
        }
        return at
    }
}
