/// A JSON value, for `meta` (whatever a stream line carried besides `id` and `text`).
public indirect enum JSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number as written in the input (kept as text, so nothing is rounded).
    case number(String)
    /// A string.
    case string(String)
    /// An array, in order.
    case array([JSONValue])
    /// Keys in their input order.
    case object([(String, JSONValue)])

    /// Equal kinds and contents; object keys compare in order.
    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }
}

/// A paragraph of a record, with its language.
public struct Segment: Sendable, Equatable {
    /// Unicode scalar offset of the paragraph start in the decoded text.
    public var start: Int
    /// Unicode scalar offset of the paragraph end (exclusive).
    public var end: Int
    /// The paragraph's language (`und` when none is decidable).
    public var language: Language
}

/// A money figure linked to what it measures, its period and its factory (DESIGN.md `facts`).
public struct Fact: Sendable, Equatable {
    /// What the figure measures (`revenue`, `profit`, `salary`, …).
    public var metric: String
    /// Index of the money entity in `entities`.
    public var money: Int
    /// Index of the period entity in `entities`, nil without one.
    public var period: Int?
    /// Index of the factory entity in `entities`, nil without one.
    public var factory: Int?
    /// How exact the figure is (its money entity's `qualifier`).
    public var qualifier: Qualifier?
    /// What the figure is counted per (its money entity's `per`), nil for a total.
    public var per: PerUnit?
    /// How the period was linked, nil without one.
    public var periodBy: PeriodLink?
    /// How the factory was linked, nil without one.
    public var factoryBy: FactoryLink?
    /// Whether the figure's sentence refers to a factory without a code (`the factory's revenue`),
    /// so a document that names one factory, even once, links it (not written to the record).
    package var byReference: Bool = false
}

/// Why a document could not be read.
public struct RecordError: Sendable, Equatable {
    /// `E301` unreadable or vanished, `E302` not a regular file, `E303` malformed stream line.
    public var code: DiagnosticCode
    /// Human-readable explanation.
    public var message: String
}

/// One document's record, `assay.record.v1`.
public struct Record: Sendable {
    /// `assay.record.v1`.
    public var schema = AssayVersion.recordSchema
    /// `sha256:<hex of the original bytes>`, nil in an error record.
    public var id: String?
    /// Where the document came from (a path, `stdin`, a stream line id).
    public var source: String
    /// The encoding the bytes were decoded as (`utf-8`, `utf-16le`, `windows-1258`, …), nil in an error record.
    public var encoding: String?
    /// The document's language: the majority of its paragraphs' characters, `und` when none is decidable.
    public var language: Language
    /// The paragraphs, in order.
    public var segments: [Segment]
    /// The entities, sorted by start, end and type.
    public var entities: [Entity]
    /// Money figures linked to their period and factory.
    public var facts: [Fact]
    /// Findings about the document (`W301` invalid bytes replaced, `W201` a figure that could not be read, …).
    public var diagnostics: [Diagnostic]
    /// What a stream line carried besides `id` and `text`; nil otherwise.
    public var meta: JSONValue?
    /// Set when the document could not be read; the other fields are then empty.
    public var error: RecordError?
    /// What the document was read as: `text`, `html` or `warc` (a record of a WARC archive); nil only
    /// in an error record whose input had no known format (a malformed stream line).
    public var format: String? = nil
    /// The decoded text the offsets refer to (for HTML, the extracted text), when asked for
    /// (`--with-text`); nil otherwise.
    public var text: String? = nil
    /// Set when the entities and facts were written to a file as they were found (a document too
    /// large to hold its record in memory); `entities` and `facts` are then empty.
    package var spilled: SpilledBody? = nil

    /// The record of a document that could not be read.
    /// `format` is the `format` key's value (`text`, `html`, `warc`) when the input's kind is known.
    package static func failure(source: String, code: DiagnosticCode, message: String, meta: JSONValue? = nil, format: String? = nil) -> Record {
        var r = Record(
            id: nil, source: source, encoding: nil, language: .und, segments: [], entities: [], facts: [], diagnostics: [],
            meta: meta, error: RecordError(code: code, message: message))
        r.format = format
        return r
    }
}

/// The entities and facts of a spilled record: a file holding `,"entities":[…],"facts":[…]`, to be
/// written between the halves of ``Record/spilledHalves()``, and what the batch summary counts.
package struct SpilledBody: Sendable {
    package var path: String
    package var entityCounts: [EntityType: Int]
    package var factCount: Int
}
