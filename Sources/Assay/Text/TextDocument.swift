import ICUKit

/// A paragraph: text between line breaks, with its language and tokens.
package struct Paragraph: Sendable {
    /// Normalized UTF-16 range (without the line break).
    package var range: Range<Int>
    package var language: Language
    /// Range into ``TextDocument/tokens``.
    package var tokens: Range<Int>
}

/// A document after decoding, normalization, tokenizing and segmentation.
package struct TextDocument: Sendable {
    package let source: SourceText
    package let text: NormalizedText
    /// All tokens, in order; paragraphs index into it.
    package let tokens: [Token]
    package let paragraphs: [Paragraph]
    /// Each token's key (a hash of its folded text), for literals and lexicons.
    package let keys: [UInt64]

    /// Builds the text layers of decoded original text.
    package init(original: [UInt16], forcedLanguage: Language? = nil) {
        self.init(source: SourceText(units: original), text: NormalizedText(original: original), forcedLanguage: forcedLanguage)
    }

    /// Segments already normalized text (the pipeline times normalization and segmentation apart).
    package init(source: SourceText, text: NormalizedText, forcedLanguage: Language? = nil) {
        self.source = source
        self.text = text
        var tokens: [Token] = []
        var paragraphs: [Paragraph] = []
        let u = text.units
        tokens.reserveCapacity(u.count / 5)
        var start = 0
        while start <= u.count {
            var end = start
            while end < u.count, u[end] != 0x0A { end += 1 }
            if end > start {
                let first = tokens.count
                Tokenizer.tokenize(u, folded: text.folded, range: start..<end, into: &tokens)
                if tokens.count > first {
                    let toks = tokens[first...]
                    let lang = forcedLanguage ?? LanguageDetector.detect(tokens: toks, folded: text.folded)
                    // The paragraph's span runs from its first to its last token (no edge spaces).
                    paragraphs.append(
                        Paragraph(range: toks.first!.start..<toks.last!.end, language: lang, tokens: first..<tokens.count))
                }
            }
            start = end + 1
        }
        self.tokens = tokens
        self.paragraphs = paragraphs
        keys = text.folded.withUnsafeBufferPointer { f in tokens.map { tokenKey(f, $0.start, $0.end) } }
    }

    /// The original UTF-16 range of a normalized range.
    package func originalRange(_ r: Range<Int>) -> Range<Int> { text.map.originalRange(r) }

    /// The original Unicode scalar range of a normalized range.
    package func scalarRange(_ r: Range<Int>) -> Range<Int> {
        let o = originalRange(r)
        return source.scalarOffset(o.lowerBound)..<source.scalarOffset(o.upperBound)
    }

    /// The document's language: the majority of paragraph characters, `und` when none is decidable.
    package var language: Language {
        var counts: [Language: Int] = [:]
        for p in paragraphs where p.language != .und { counts[p.language, default: 0] += p.range.count }
        return counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? .und
    }
}
