/// 64-bit FNV-1a over folded UTF-16 units: the key of a token for literals and lexicons.
@inline(__always)
func tokenKey(_ units: UnsafeBufferPointer<UInt16>, _ start: Int, _ end: Int) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for i in start..<end {
        h = (h ^ UInt64(units[i])) &* 0x0000_0100_0000_01B3
    }
    return h
}

/// Token keys of a text normalized and folded like a document (for literals and lexicon phrases).
func phraseKeys(_ text: String) -> [UInt64] {
    let n = NormalizedText(text)
    let tokens = Tokenizer.tokenize(n.units, folded: n.folded, range: 0..<n.units.count)
    return n.folded.withUnsafeBufferPointer { f in tokens.map { tokenKey(f, $0.start, $0.end) } }
}
