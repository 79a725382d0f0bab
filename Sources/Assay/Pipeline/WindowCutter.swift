/// Cuts decoded text into windows as it is decoded, holding about one window of it: the windows are
/// the ones ``Pipeline/windowRanges(_:size:)`` gives for the whole text (a cut looks only at the
/// window's second half and the unit after it).
struct WindowCutter {
    let size: Int
    /// The next decoded piece, nil at the end.
    let feed: () -> [UInt16]?
    /// Decoded units from document offset `base` on: the window being cut, two units before it (the
    /// cut looks back two units), and what was decoded past it.
    private var buffer: [UInt16] = []
    private var base = 0
    private var start = 0
    private var exhausted = false

    init(size: Int, feed: @escaping () -> [UInt16]?) {
        self.size = max(size, 1)
        self.feed = feed
    }

    /// Cuts text held whole, in pieces of a window.
    init(units: [UInt16], size: Int) {
        var at = 0
        let step = max(size, 1)
        self.init(size: size) {
            guard at < units.count else { return nil }
            defer { at = min(at + step, units.count) }
            return Array(units[at..<min(at + step, units.count)])
        }
    }

    /// The next window's units and its UTF-16 offset in the document, nil after the last.
    mutating func next() -> (units: [UInt16], offset: Int)? {
        // The cut needs the unit right after the window's end.
        while !exhausted, base + buffer.count <= start + size {
            if let more = feed() { buffer.append(contentsOf: more) } else { exhausted = true }
        }
        let known = base + buffer.count
        guard start < known else { return nil }
        var end = min(start + size, known)
        if end < known { end = Pipeline.cut(buffer, from: start + size / 2 - base, to: end - base) + base }
        let window = Array(buffer[(start - base)..<(end - base)])
        let offset = start
        start = end
        let keep = max(start - 2, base)
        if keep > base {
            buffer.removeFirst(keep - base)
            base = keep
        }
        return (window, offset)
    }
}
