extension Pipeline {
    /// The record of one text given as a string.
    ///
    /// The text is read as its UTF-8 bytes, so `id` is the SHA-256 of those bytes and offsets are
    /// Unicode scalar offsets into `text`, exactly as for a file holding it.
    ///
    /// - Parameters:
    ///   - text: the document's text.
    ///   - source: what the record's `source` says (`text` by default).
    ///   - language: a language for every paragraph instead of detecting it (`hi`, `vi` or `en`).
    public func process(text: String, source: String = "text", language: Language? = nil) -> Record {
        process(bytes: Array(text.utf8), source: source, forcedLanguage: language)
    }
}
