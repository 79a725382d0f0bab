/// Class masks and lexicon matches of a window's tokens, computed once per token.
struct TokenCache {
    /// The token range cached.
    private(set) var cached = 0..<0
    private var masks = RawList<UInt16>(capacity: 1024)
    /// Lexicon matches of cached token k: entries `lexStart[k - lo]..<lexStart[k - lo + 1]`.
    private var lexStart = RawList<Int32>(capacity: 1024)
    private var lexLexicon = RawList<Int32>(capacity: 1024)
    private var lexEnd = RawList<Int32>(capacity: 1024)
    /// Lexicon phrases by end position q in `lo...hi`, for left contexts: (lexicon, start) entries
    /// `endStart[q - lo]..<endStart[q - lo + 1]`.
    private var endStart = RawList<Int32>(capacity: 1024)
    private var cursor = RawList<Int32>(capacity: 1024)
    private var endsComplete = 0..<0
    /// Whether the by-end index describes the current window; what building it needs.
    private var endsIndexed = false
    private var paragraphStart = 0
    private var maxAdvance = 1
    private var endLexicon = RawList<Int32>(capacity: 1024)
    private var endLowest = RawList<Int32>(capacity: 1024)

    /// Fills the caches for `tokens`.
    mutating func fill(_ text: DocumentView, trie: FlatTrie, maxAdvance: Int, tokens r: Range<Int>) {
        cached = r
        masks.removeAll()
        lexStart.removeAll()
        lexLexicon.removeAll()
        lexEnd.removeAll()
        for k in r {
            masks.append(TokenClassMask.of(text.tokens[k], folded: text.folded))
            lexStart.append(Int32(lexLexicon.count))
            trie.matches(keys: text.keys, start: k, end: text.range.upperBound) { lex, end in
                lexLexicon.append(lex)
                lexEnd.append(end)
            }
        }
        lexStart.append(Int32(lexLexicon.count))
        // Only left contexts read the by-end index, and many windows meet none: it is built on
        // their first question.
        endsIndexed = false
        paragraphStart = text.range.lowerBound
        self.maxAdvance = maxAdvance
    }

    /// Builds the by-end index of the cached phrases (a counting sort by end, starts ascending).
    /// Every phrase ending at a position of `endsComplete` starts inside the cache, so the index is
    /// complete there; left contexts elsewhere scan.
    private mutating func indexEnds(paragraphStart: Int, maxAdvance: Int) {
        let lo = cached.lowerBound
        let positions = cached.count + 1
        endStart.reset(repeating: 0, count: positions + 1)
        for e in 0..<lexEnd.count where Int(lexEnd[e]) - lo < positions { endStart[Int(lexEnd[e]) - lo + 1] += 1 }
        for q in 0..<positions { endStart[q + 1] += endStart[q] }
        let total = Int(endStart[positions])
        endLexicon.reset(repeating: 0, count: total)
        endLowest.reset(repeating: 0, count: total)
        cursor.removeAll()
        for q in 0..<positions { cursor.append(endStart[q]) }
        for k in cached {
            for e in Int(lexStart[k - lo])..<Int(lexStart[k - lo + 1]) where Int(lexEnd[e]) - lo < positions {
                let q = Int(lexEnd[e]) - lo
                endLexicon[Int(cursor[q])] = lexLexicon[e]
                endLowest[Int(cursor[q])] = Int32(k)
                cursor[q] += 1
            }
        }
        let from = lo == paragraphStart ? lo : lo + maxAdvance
        endsComplete = from..<max(from, cached.upperBound + 1)
    }

    /// The lowest start of a `lexicon` phrase ending at `p`, -1 when there is none; nil when the
    /// index is not complete at `p`.
    @inline(__always)
    mutating func lowestStart(of lexicon: Int32, endingAt p: Int) -> Int? {
        if !endsIndexed {
            indexEnds(paragraphStart: paragraphStart, maxAdvance: maxAdvance)
            endsIndexed = true
        }
        guard endsComplete.contains(p) else { return nil }
        let q = p - cached.lowerBound
        // Entries are in start order: the first of the lexicon is the lowest.
        for i in Int(endStart[q])..<Int(endStart[q + 1]) where endLexicon[i] == lexicon { return Int(endLowest[i]) }
        return -1
    }

    /// The token classes of token `k`.
    @inline(__always)
    func classMask(at k: Int, _ text: DocumentView) -> UInt16 {
        cached.contains(k) ? masks[k - cached.lowerBound] : TokenClassMask.of(text.tokens[k], folded: text.folded)
    }

    /// Calls `body(lexicon, end)` for each lexicon phrase starting at token `k`, shortest first.
    @inline(__always)
    func forEachLexicon(at k: Int, _ text: DocumentView, _ trie: FlatTrie, _ body: (Int32, Int) -> Void) {
        if cached.contains(k) {
            let i = k - cached.lowerBound
            for e in Int(lexStart[i])..<Int(lexStart[i + 1]) { body(lexLexicon[e], Int(lexEnd[e])) }
        } else {
            trie.matches(keys: text.keys, start: k, end: text.range.upperBound) { lex, end in body(lex, Int(end)) }
        }
    }

    /// Calls `body(end)` for each token position where `atom` can end when it starts at token `k`
    /// (inside the paragraph).
    @inline(__always)
    func forEachEnd(of atom: FlatAtom, at k: Int, _ text: DocumentView, _ trie: FlatTrie, _ body: (Int) -> Void) {
        switch atom.kind {
        case .literal: if text.keys[k] == atom.key { body(k + 1) }
        case .tokenClass: if classMask(at: k, text) & UInt16(atom.id) != 0 { body(k + 1) }
        case .lexicon:
            // One trie node holds a lexicon once, so its ends rise strictly: no duplicates.
            forEachLexicon(at: k, text, trie) { lex, end in if lex == atom.id { body(end) } }
        }
    }

    func free() {
        masks.free()
        lexStart.free()
        lexLexicon.free()
        lexEnd.free()
        endStart.free()
        cursor.free()
        endLexicon.free()
        endLowest.free()
    }
}
