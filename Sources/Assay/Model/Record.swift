/// A JSON value, for `meta` (whatever a stream line carried besides `id` and `text`).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Keys in their input order.
    case object([(String, JSONValue)])

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
    public var start: Int
    public var end: Int
    public var language: String
}

/// A money figure linked to what it measures, its period and its factory (DESIGN.md `facts`).
public struct Fact: Sendable, Equatable {
    public var metric: String
    /// Index of the money entity in `entities`.
    public var money: Int
    public var period: Int?
    public var factory: Int?
    public var qualifier: Qualifier?
    public var per: PerUnit?
    /// How the period was linked, nil without one.
    public var periodBy: PeriodLink?
    /// How the factory was linked, nil without one.
    public var factoryBy: FactoryLink?
    /// Whether the figure's sentence refers to a factory without a code (`the factory's revenue`),
    /// so a document that names one factory, even once, links it (not written to the record).
    public var byReference: Bool = false
}

/// Why a document could not be read.
public struct RecordError: Sendable, Equatable {
    /// `E301` unreadable or vanished, `E302` not a regular file, `E303` malformed stream line.
    public var code: DiagnosticCode
    public var message: String
}

/// One document's record, `assay.record.v1`.
public struct Record: Sendable {
    public var schema = AssayVersion.recordSchema
    /// `sha256:<hex of the original bytes>`, nil in an error record.
    public var id: String?
    public var source: String
    public var encoding: String?
    public var language: String
    public var segments: [Segment]
    public var entities: [Entity]
    public var facts: [Fact]
    public var diagnostics: [Diagnostic]
    public var meta: JSONValue?
    public var error: RecordError?
    /// What the document was read as: `text`, `html` or `warc` (a record of a WARC archive); nil only
    /// in an error record whose input had no known format (a malformed stream line).
    public var format: String? = nil
    /// The decoded text the offsets refer to (for HTML, the extracted text), when asked for
    /// (`--with-text`); nil otherwise.
    public var text: String? = nil
    /// Set when the entities and facts were written to a file as they were found (a document too
    /// large to hold its record in memory); `entities` and `facts` are then empty.
    public var spilled: SpilledBody? = nil

    /// The record of a document that could not be read.
    /// `format` is the `format` key's value (`text`, `html`, `warc`) when the input's kind is known.
    public static func failure(source: String, code: DiagnosticCode, message: String, meta: JSONValue? = nil, format: String? = nil) -> Record {
        var r = Record(
            id: nil, source: source, encoding: nil, language: "und", segments: [], entities: [], facts: [], diagnostics: [],
            meta: meta, error: RecordError(code: code, message: message))
        r.format = format
        return r
    }
}

/// The entities and facts of a spilled record: a file holding `,"entities":[…],"facts":[…]`, to be
/// written between the halves of ``Record/spilledHalves()``, and what the batch summary counts.
public struct SpilledBody: Sendable {
    public var path: String
    public var entityCounts: [EntityType: Int]
    public var factCount: Int
}
