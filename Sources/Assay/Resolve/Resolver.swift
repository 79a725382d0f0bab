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
}

/// What a resolver gets: the match, its captures and its language.
package struct ResolverInput: Sendable {
    package var rule: Rule
    package var language: Language
    /// The span's tokens in the document.
    package var tokens: Range<Int>
    package var captures: [String: Capture]
    /// The document, for resolvers that need more than the captures (an officer's original name).
    package var document: TextDocument

    /// The capture named `name`, if the match set it.
    package subscript(_ name: String) -> Capture? { captures[name] }
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
