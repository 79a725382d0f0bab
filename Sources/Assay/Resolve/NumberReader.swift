import ICUKit

/// Why a number token could not be read; `explain` shows the reason.
package struct NumberReadError: Error, Sendable, Equatable {
    /// A sentence for `explain`, naming the token and the marks that failed.
    package var reason: String
    /// Set when the text itself is at fault (not a number in the language's marks, ambiguous, a
    /// range that does not rise), not the rule or a lexicon: the record then carries it.
    package var warning: ContentWarning? = nil

    package init(reason: String, warning: ContentWarning? = nil) {
        self.reason = reason
        self.warning = warning
    }
}

/// Reads a number token (`1.500,5`, `13,12,100`, `240`) by the marks of its paragraph's language.
///
/// The marks come from ICU's locale data (`vi`: `.` groups and `,` is decimal; `en`, also used for
/// Hindi text, which writes English marks: the reverse). A reading is cross-checked with ICU's parser
/// for the locale it used (`vi`, `en`, or `en_IN` for Indian grouping, which `en` rejects), which must
/// consume the whole token: every reading in debug builds, in release builds only the readings the
/// byte reader does not cover (``CrossCheck``). English and Hindi accept Western (`1,500,000`) and Indian (`1,00,000`)
/// grouping; Vietnamese only groups of three. A token whose marks are impossible in its language is
/// read with the other marks only when that reading is the only one possible (both marks present, or
/// one mark repeated, which can only be grouping); otherwise it is rejected as ambiguous (`1.50` in
/// Vietnamese: a broken `1.500` or an English `1.50`?).
package struct NumberReader: Sendable {
    /// How the integer part of a reading was grouped.
    package enum Grouping: Sendable, Equatable { case none, western, indian }

    /// The language whose conventions apply.
    package let language: Language
    /// The language's marks, from ICU.
    package let marks: NumberSymbols

    /// The reader for `language` (its marks are read from ICU once).
    package static func reader(for language: Language) -> NumberReader {
        switch language {
        case .vi: return vi
        case .hi: return hi
        case .en, .und: return en
        }
    }

    static let vi = NumberReader(language: .vi)
    static let en = NumberReader(language: .en)
    static let hi = NumberReader(language: .hi)
    static let icu: [String: NumberSymbols] = Dictionary(
        uniqueKeysWithValues: ["vi", "en", "en_IN"].map { ($0, NumberSymbols(locale: $0)) })

    /// A reader with `language`'s marks from ICU: `vi` from the `vi` locale; English, Hindi (which
    /// writes English marks) and undetermined text from `en`.
    package init(language: Language) {
        self.language = language
        marks = NumberSymbols(locale: language == .vi ? "vi" : "en")
        func byte(_ mark: String) -> UInt8? { mark.count == 1 ? mark.first.flatMap(Self.singleASCII) : nil }
        decimalByte = byte(marks.decimal)
        groupingByte = byte(marks.grouping)
    }

    /// The marks as bytes when each is one ASCII character (always, for the locales Assay reads):
    /// the byte reader then runs without looking at the mark Strings.
    let decimalByte: UInt8?
    let groupingByte: UInt8?

    /// When a reading is confirmed by ICU's parser.
    package enum CrossCheck: Sendable {
        /// Every reading (what debug builds do).
        case always
        /// Only readings the byte reader does not cover: a token that is not plain ASCII, or marks
        /// that are not one ASCII character each (release builds; `NumberReaderICUTests` shows the
        /// byte reader answers what ICU answers for every number of the corpus and the rule examples).
        case uncovered
    }

    /// What ``read(_:)`` does in this build.
    #if DEBUG
        package static let defaultCrossCheck = CrossCheck.always
    #else
        package static let defaultCrossCheck = CrossCheck.uncovered
    #endif

    /// The exact value of `text`, or why it cannot be read.
    package func read(_ text: String) -> Result<DecimalAmount, NumberReadError> {
        read(text, crossCheck: Self.defaultCrossCheck)
    }

    /// The exact value of `text`, or why it cannot be read, cross-checking readings with ICU as
    /// `crossCheck` says.
    package func read(_ text: String, crossCheck when: CrossCheck) -> Result<DecimalAmount, NumberReadError> {
        // The token's bytes, once, when every byte is a character (always, after normalization).
        let bytes = Self.plainASCII(text)
        func confirm(_ reading: Reading, swapped: Bool) -> Result<DecimalAmount, NumberReadError> {
            if when == .uncovered, reading.covered { return .success(reading.value) }
            return crossCheck(text, (reading.value, reading.grouping), locale: locale(reading.grouping, swapped: swapped))
        }
        // The byte reader with the marks' bytes when they and the token are ASCII (what
        // ``reading(_:_:decimal:grouping:indian:)`` would do, without its String work), else that.
        func read(swapped: Bool, indian: Bool) -> Reading? {
            let (d, g) = swapped ? (groupingByte, decimalByte) : (decimalByte, groupingByte)
            if let bytes, let d, let g {
                return Self.asciiStructure(bytes, decimal: d, grouping: g, indian: indian).map {
                    Reading(value: $0.value, grouping: $0.grouping, covered: true)
                }
            }
            let (ds, gs) = swapped ? (marks.grouping, marks.decimal) : (marks.decimal, marks.grouping)
            return Self.reading(text, bytes, decimal: ds, grouping: gs, indian: indian)
        }
        // One decimal mark followed by exactly `000` (`35.000` in English, `1,000` in Vietnamese)
        // is the other language's grouping: no one writes a fraction of three zeros.
        let zeroThousands =
            if let bytes, let d = decimalByte { Self.isZeroThousands(bytes, mark: d) } else { Self.isZeroThousands(text, decimal: marks.decimal) }
        if zeroThousands, let other = read(swapped: true, indian: language == .vi) {
            return confirm(other, swapped: true)
        }
        if let own = read(swapped: false, indian: language != .vi) {
            return confirm(own, swapped: false)
        }
        let name = language.rawValue
        guard let other = read(swapped: true, indian: language == .vi) else {
            return .failure(
                NumberReadError(
                    reason: "'\(text)' is not a number in \(name) marks (decimal '\(marks.decimal)', grouping '\(marks.grouping)')",
                    warning: .invalidNumber))
        }
        guard Self.onlyOneReading(text) else {
            return .failure(
                NumberReadError(
                    reason: "'\(text)' has a grouping impossible in \(name) and reads as \(other.value) only with the other marks: ambiguous",
                    warning: .invalidNumber))
        }
        return confirm(other, swapped: true)
    }

    /// A reading, and whether the byte reader made it (``CrossCheck/uncovered``).
    struct Reading {
        var value: DecimalAmount
        var grouping: Grouping
        var covered: Bool
    }

    /// ``structure(_:decimal:grouping:indian:)`` given the token's ``plainASCII(_:)`` bytes.
    static func reading(_ text: String, _ bytes: [UInt8]?, decimal: String, grouping: String, indian: Bool) -> Reading? {
        guard let d = decimal.first, let g = grouping.first, decimal.count == 1, grouping.count == 1 else { return nil }
        if let dm = singleASCII(d), let gm = singleASCII(g), let bytes {
            return asciiStructure(bytes, decimal: dm, grouping: gm, indian: indian).map { Reading(value: $0.value, grouping: $0.grouping, covered: true) }
        }
        return characterStructure(text, decimal: d, grouping: g, indian: indian).map { Reading(value: $0.value, grouping: $0.grouping, covered: false) }
    }

    /// The ICU locale that must agree with a reading.
    func locale(_ grouping: Grouping, swapped: Bool) -> String {
        let vietnameseMarks = (language == .vi) != swapped
        if vietnameseMarks { return "vi" }
        return grouping == .indian ? "en_IN" : "en"
    }

    func crossCheck(_ text: String, _ reading: (value: DecimalAmount, grouping: Grouping), locale: String) -> Result<DecimalAmount, NumberReadError> {
        let symbols = Self.icu[locale] ?? NumberSymbols(locale: locale)
        guard let parsed = symbols.parse(text), parsed.consumed == text.utf16.count,
            DecimalAmount(scientific: parsed.value) == reading.value
        else {
            return .failure(NumberReadError(reason: "ICU (\(locale)) does not read '\(text)' as \(reading.value)", warning: .invalidNumber))
        }
        return .success(reading.value)
    }

    /// One to three digits, the decimal mark, then `000`, and no other mark.
    static func isZeroThousands(_ text: String, decimal: String) -> Bool {
        guard let mark = decimal.utf8.first, decimal.utf8.count == 1 else { return false }
        return isZeroThousands(Array(text.utf8), mark: mark)
    }

    /// ``isZeroThousands(_:decimal:)`` on the token's bytes, with the mark's byte.
    static func isZeroThousands(_ u: [UInt8], mark: UInt8) -> Bool {
        guard u.count >= 5, u.count <= 7, u[u.count - 4] == mark, u.suffix(3).allSatisfy({ $0 == 0x30 }) else { return false }
        return u.prefix(u.count - 4).allSatisfy { (0x30...0x39).contains($0) }
    }

    /// A token with both marks, or with one mark written twice, has one possible reading.
    static func onlyOneReading(_ text: String) -> Bool {
        let dots = text.filter { $0 == "." }.count, commas = text.filter { $0 == "," }.count
        return (dots > 0 && commas > 0) || dots > 1 || commas > 1
    }

    /// The value of `text` with these marks, or nil when the marks are impossible: at most one
    /// decimal mark, after every grouping mark; groups of three (Western) or, if `indian`, a last group
    /// of three after groups of two.
    static func structure(_ text: String, decimal: String, grouping: String, indian: Bool) -> (value: DecimalAmount, grouping: Grouping)? {
        reading(text, plainASCII(text), decimal: decimal, grouping: grouping, indian: indian).map { ($0.value, $0.grouping) }
    }

    /// The byte of a one-scalar ASCII character (not `\r\n`, which `asciiValue` maps to `\n`).
    static func singleASCII(_ c: Character) -> UInt8? {
        c.unicodeScalars.count == 1 && c.isASCII ? c.asciiValue : nil
    }

    /// The UTF-8 bytes of text in which every byte is a character: ASCII without a CR LF pair. A
    /// number token always is (the normalizer folds every digit to ASCII).
    static func plainASCII(_ text: String) -> [UInt8]? {
        let bytes = Array(text.utf8)
        for (i, b) in bytes.enumerated() where b >= 0x80 || (b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A) { return nil }
        return bytes
    }

    /// ``structure(_:decimal:grouping:indian:)`` over ``plainASCII(_:)`` bytes, without Strings.
    static func asciiStructure(_ bytes: [UInt8], decimal d: UInt8, grouping g: UInt8, indian: Bool) -> (value: DecimalAmount, grouping: Grouping)? {
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        let marks = bytes.indices.filter { bytes[$0] == d }
        guard marks.count <= 1 else { return nil }
        let intEnd = marks.first ?? bytes.count
        if let m = marks.first {
            let fraction = bytes[(m + 1)...]
            guard !fraction.isEmpty, fraction.allSatisfy(isDigit) else { return nil }
        }
        // Group lengths of the integer part, split at every grouping mark (empty groups kept).
        var groups: [Int] = []
        var run = 0
        for b in bytes[..<intEnd] {
            if b == g {
                groups.append(run)
                run = 0
            } else {
                guard isDigit(b) else { return nil }
                run += 1
            }
        }
        groups.append(run)
        guard !groups.contains(0) else { return nil }
        let kind: Grouping
        if groups.count == 1 {
            kind = .none
        } else if groups[0] <= 3, groups.dropFirst().allSatisfy({ $0 == 3 }) {
            kind = .western
        } else if indian, groups[0] <= 2, groups.last! == 3, groups.dropFirst().dropLast().allSatisfy({ $0 == 2 }) {
            kind = .indian
        } else {
            return nil
        }
        var digits: [UInt8] = []
        digits.reserveCapacity(bytes.count)
        for b in bytes where isDigit(b) { digits.append(b - 0x30) }
        let fractionDigits = marks.first.map { bytes.count - $0 - 1 } ?? 0
        return (DecimalAmount(digits: digits, exponent: -fractionDigits), kind)
    }

    /// ``structure(_:decimal:grouping:indian:)`` character by character: for any text.
    static func characterStructure(_ text: String, decimal d: Character, grouping g: Character, indian: Bool) -> (value: DecimalAmount, grouping: Grouping)? {
        let parts = text.split(separator: d, omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || (!fraction.isEmpty && fraction.allSatisfy(\.isASCIIDigit)) else { return nil }
        let groups = parts[0].split(separator: g, omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        let kind: Grouping
        if groups.count == 1 {
            kind = .none
        } else if groups[0].count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) {
            kind = .western
        } else if indian, groups[0].count <= 2, groups.last!.count == 3, groups.dropFirst().dropLast().allSatisfy({ $0.count == 2 }) {
            kind = .indian
        } else {
            return nil
        }
        let plain = groups.joined() + (fraction.isEmpty ? "" : "." + fraction)
        return DecimalAmount(plain: plain).map { ($0, kind) }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
