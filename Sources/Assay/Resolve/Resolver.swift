/// A captured part of a match, as a resolver sees it.
package struct Capture: Sendable {
    /// Token range in the document.
    package var tokens: Range<Int>
    /// The value of the lexicon phrase it matched, when the capture wraps one lexicon reference.
    package var lexiconValue: String?
    /// The texts themselves, or where to read them: most captures are never read as text, and
    /// making two Strings for every capture of every match was a large share of resolving.
    let storage: Storage

    enum Storage: Sendable {
        case strings(text: String, folded: String)
        /// The document's normalized and folded UTF-16 and the capture's range in both.
        case units([UInt16], [UInt16], Range<Int>)
    }

    /// Normalized text of the capture (original spacing between its tokens kept).
    package var text: String {
        switch storage {
        case .strings(let text, _): return text
        case .units(let units, _, let r): return String(utf16Units: units, r)
        }
    }

    /// Case-folded view of the same text.
    package var folded: String {
        switch storage {
        case .strings(_, let folded): return folded
        case .units(_, let folded, let r): return String(utf16Units: folded, r)
        }
    }

    package init(tokens: Range<Int>, text: String, folded: String, lexiconValue: String?) {
        self.tokens = tokens
        self.lexiconValue = lexiconValue
        storage = .strings(text: text, folded: folded)
    }

    /// A capture read from a document's text when asked.
    init(tokens: Range<Int>, units: [UInt16], folded: [UInt16], range: Range<Int>, lexiconValue: String?) {
        self.tokens = tokens
        self.lexiconValue = lexiconValue
        storage = .units(units, folded, range)
    }

    /// The value of ``text`` when it is one to `maxDigits` ASCII digits (`0`–`9`), else nil; read
    /// from the document's units without making a String. The same answer as checking every
    /// Character of ``text`` is an ASCII digit: a Character is one exactly when it is one such unit.
    func asciiDigitValue(maxDigits: Int) -> Int? {
        switch storage {
        case .strings(let text, _): return Self.asciiDigitValue(text.utf16, maxDigits: maxDigits)
        case .units(let units, _, let r): return Self.asciiDigitValue(units[r], maxDigits: maxDigits)
        }
    }

    /// ``folded`` when every unit of it is an ASCII digit (then every Character is one), else nil.
    var foldedASCIIDigits: String? {
        switch storage {
        case .strings(_, let folded):
            return folded.utf16.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) && !folded.isEmpty ? folded : nil
        case .units(_, let folded, let r):
            guard !r.isEmpty else { return nil }
            return folded.withUnsafeBufferPointer { f -> String? in
                let digits = UnsafeBufferPointer(rebasing: f[r])
                guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
                return String(unsafeUninitializedCapacity: digits.count) { out in
                    for (i, u) in digits.enumerated() { out[i] = UInt8(truncatingIfNeeded: u) }
                    return digits.count
                }
            }
        }
    }

    /// The value of `units` when they are one to `maxDigits` ASCII digits, else nil.
    static func asciiDigitValue<Units: Collection<UInt16>>(_ units: Units, maxDigits: Int) -> Int? {
        var n = 0, count = 0
        for u in units {
            guard u >= 0x30 && u <= 0x39, count < maxDigits else { return nil }
            n = n * 10 + Int(u - 0x30)
            count += 1
        }
        return count > 0 ? n : nil
    }
}

/// What a resolver gets: the match, its captures and its language.
package struct ResolverInput: Sendable {
    package var rule: Rule
    package var language: Language
    /// The span's tokens in the document.
    package var tokens: Range<Int>
    /// The rule's capture names and, at the same index, what the match captured (nil when the match
    /// did not set it). A rule has a few captures: a scan finds one faster than hashing its name,
    /// and no dictionary is built per match.
    var captureNames: [String]
    var captureValues: [Capture?]
    /// The document, for resolvers that need more than the captures (an officer's original name).
    package var document: TextDocument {
        get { documentBox.document }
        set { documentBox = DocumentBox(newValue) }
    }
    /// The document held once for all the inputs of a resolve stage: making and dropping an input
    /// then retains and releases one object, not each of the document's arrays.
    var documentBox: DocumentBox

    /// The captures the match set, by name.
    package var captures: [String: Capture] {
        get {
            var d: [String: Capture] = [:]
            for (name, value) in zip(captureNames, captureValues) { if let value { d[name] = value } }
            return d
        }
        set {
            captureNames = Array(newValue.keys)
            captureValues = captureNames.map { newValue[$0] }
        }
    }

    package init(rule: Rule, language: Language, tokens: Range<Int>, captures: [String: Capture], document: TextDocument) {
        self.rule = rule
        self.language = language
        self.tokens = tokens
        captureNames = Array(captures.keys)
        captureValues = captureNames.map { captures[$0] }
        documentBox = DocumentBox(document)
    }

    /// An input whose captures are `values[k]` named `names[k]` (nil: not set by the match).
    init(rule: Rule, language: Language, tokens: Range<Int>, names: [String], values: [Capture?], document: DocumentBox) {
        self.rule = rule
        self.language = language
        self.tokens = tokens
        captureNames = names
        captureValues = values
        documentBox = document
    }

    /// The capture named `name`, if the match set it.
    package subscript(_ name: String) -> Capture? {
        // Lengths first: most names differ in length, and a length is read without comparing.
        let length = name.utf8.count
        for k in captureNames.indices where captureNames[k].utf8.count == length && captureNames[k] == name { return captureValues[k] }
        return nil
    }
}

/// A document shared by reference (see ``ResolverInput/documentBox``).
final class DocumentBox: Sendable {
    let document: TextDocument
    init(_ document: TextDocument) { self.document = document }
}

/// A resolver's answer: a value, or a rejection with the reason `explain` shows.
package enum Resolution: Sendable, Equatable {
    case accept(EntityValue)
    /// Not an entity, and why; `warning` when a reader should hear of it (the form looked like an
    /// entity but its content is impossible or ambiguous): the record then carries a `W2xx`.
    case reject(String, warning: ContentWarning? = nil)
    /// One match, several entities: each named capture becomes an entity of its own span
    /// (a range `từ 1.200 đến 2.400 tỷ đồng` gives `1.200` and `2.400 tỷ đồng`).
    case split([Part])

    /// One entity of a split match.
    package struct Part: Sendable, Equatable {
        package var capture: String
        package var value: EntityValue
        package init(capture: String, value: EntityValue) {
            self.capture = capture
            self.value = value
        }
    }
}

/// Turns a match's captures into a typed value, or rejects it. Resolvers never scan text; rules
/// never do arithmetic (STYLE.md).
package protocol Resolver: Sendable {
    func resolve(_ input: ResolverInput) -> Resolution
}

/// The resolvers by dimension, and whether a dimension's matches become entities.
package struct ResolverRegistry: Sendable {
    struct Entry: Sendable {
        var resolver: any Resolver
        /// The type of the entities its kept matches become; nil for an internal dimension.
        var entityType: EntityType?
        var shields: Bool
    }

    var entries: [String: Entry]

    /// An empty registry.
    package init() { entries = [:] }

    /// Registers `resolver` for the dimension named after `type`: its kept matches become entities.
    package mutating func register(_ type: EntityType, _ resolver: any Resolver) {
        entries[type.rawValue] = Entry(resolver: resolver, entityType: type, shields: false)
    }

    /// Registers `resolver` for an internal `dimension` whose matches never become entities (metric
    /// cues). `shields` true makes its matches compete with entities in overlap settling, so an
    /// entity inside one is dropped: a year in a law's name is not a period.
    package mutating func register(internal dimension: String, _ resolver: any Resolver, shields: Bool = false) {
        entries[dimension] = Entry(resolver: resolver, entityType: nil, shields: shields)
    }

    func resolver(for dimension: String) -> (any Resolver)? { entries[dimension]?.resolver }
    /// The entity type of a dimension that emits entities, nil for an internal one.
    func entityType(_ dimension: String) -> EntityType? { entries[dimension]?.entityType }
    func shields(_ dimension: String) -> Bool { entries[dimension]?.shields ?? false }
    /// Registered dimensions, sorted.
    package var dimensions: [String] { entries.keys.sorted() }

    /// The resolvers Assay ships.
    package static var standard: ResolverRegistry {
        var r = ResolverRegistry()
        r.register(.factory, FactoryResolver())
        r.register(.officer, OfficerResolver())
        r.register(.money, MoneyResolver())
        r.register(.period, PeriodResolver())
        r.register(internal: "metric", CueResolver())
        r.register(internal: "scope", CueResolver())
        r.register(internal: "title", CueResolver(), shields: true)
        return r
    }
}

/// A resolver that returns each capture's lexicon value (or its text) as a field, in capture-name
/// order. Used by the engine's tests and for simple internal dimensions.
package struct CaptureResolver: Resolver {
    package init() {}
    package func resolve(_ input: ResolverInput) -> Resolution {
        if let bad = input["reject"] { return .reject("rejected by capture '\(bad.text)'") }
        return .accept(EntityValue(input.captures.keys.sorted().map { EntityValue.Field($0, input.captures[$0]!.lexiconValue ?? input.captures[$0]!.text) }))
    }
}
