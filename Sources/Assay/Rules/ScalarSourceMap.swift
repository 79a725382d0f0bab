import Yams

/// Where a character of a YAML scalar's value is written in its file: the value of a quoted,
/// plain, folded (`>`) or literal (`|`) scalar is not the text as written (quotes, escapes,
/// indentation and folded line breaks come and go), so an offset into a rule's pattern is mapped
/// back by walking the value and the source side by side.
struct ScalarSourceMap {
    /// The file's lines (split at `\n`; a `\r` stays at the end of its line and reads as a space).
    let lines: [Substring]

    /// The 1-based line and column (in Unicode scalars of the line as written) of value scalar
    /// `offset` of `node` (the end of the value when `offset` is its length), or nil when the value
    /// cannot be lined up with the source (an escape this walk does not know).
    func position(ofValueOffset offset: Int, in node: Node) -> (line: Int, column: Int)? {
        guard let scalar = node.scalar, let mark = node.mark, mark.line >= 1, mark.line <= lines.count else { return nil }
        let value = Array(scalar.string.unicodeScalars)
        guard offset >= 0, offset <= value.count else { return nil }
        var cursor: Cursor
        switch scalar.style {
        case .singleQuoted, .doubleQuoted: cursor = Cursor(lines: lines, line: mark.line - 1, column: mark.column)
        case .literal, .folded: cursor = Cursor(lines: lines, line: mark.line, column: 0)
        default: cursor = Cursor(lines: lines, line: mark.line - 1, column: mark.column - 1)
        }
        let double = scalar.style == .doubleQuoted
        for v in value[..<offset] {
            if double, cursor.current == "\\", let width = cursor.escapeWidth() {
                cursor.column += width
                continue
            }
            if v.properties.isWhitespace {
                if cursor.current == v { cursor.column += 1 }
                continue
            }
            cursor.skipWhitespace()
            if cursor.current == v {
                cursor.column += 1
            } else if scalar.style == .singleQuoted, v == "'", cursor.current == "'", cursor.peek(1) == "'" {
                cursor.column += 2
            } else {
                return nil
            }
        }
        if offset < value.count, !value[offset].properties.isWhitespace { cursor.skipWhitespace() }
        guard cursor.line < lines.count else { return nil }
        return (cursor.line + 1, cursor.column + 1)
    }

    /// A position in the source lines (0-based line, 0-based scalar column).
    struct Cursor {
        let lines: [Substring]
        var line: Int
        var column: Int
        var scalars: [Unicode.Scalar] = []
        var loaded = -1

        init(lines: [Substring], line: Int, column: Int) {
            self.lines = lines
            self.line = line
            self.column = column
        }

        /// The scalars of the current line (cached while the cursor stays on it).
        mutating func row() -> [Unicode.Scalar] {
            if loaded != line {
                scalars = line < lines.count ? Array(lines[line].unicodeScalars) : []
                loaded = line
            }
            return scalars
        }

        var current: Unicode.Scalar? {
            mutating get { peek(0) }
        }

        mutating func peek(_ k: Int) -> Unicode.Scalar? {
            let r = row()
            return column + k < r.count ? r[column + k] : nil
        }

        /// Moves past spaces, tabs and line ends (indentation and folded breaks).
        mutating func skipWhitespace() {
            while line < lines.count {
                if let c = current {
                    guard c.properties.isWhitespace else { return }
                    column += 1
                } else {
                    line += 1
                    column = 0
                }
            }
        }

        /// The source width of a double-quoted escape at the cursor that stands for one value
        /// scalar (`\"`, `\\`, `\t`, `\xHH`, `\uHHHH`, `\UHHHHHHHH` …); nil for a line continuation.
        mutating func escapeWidth() -> Int? {
            guard let next = peek(1) else { return nil }
            switch next {
            case "x": return 4
            case "u": return 6
            case "U": return 10
            default: return 2
            }
        }
    }
}
