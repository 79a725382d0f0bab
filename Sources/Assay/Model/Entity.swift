/// An entity's resolved value: ordered fields whose values are strings or null (the record contract
/// has no other kinds). Encoded as a JSON object in field order.
public struct EntityValue: Sendable, Equatable, Hashable {
    /// The fields, in the order the contract lists them.
    public var fields: [Field]

    /// One key and its value (nil encodes as JSON null).
    public struct Field: Sendable, Equatable, Hashable {
        /// The field name.
        public var key: String
        /// The field value; nil is JSON null.
        public var value: String?
        /// A field `key` with `value`.
        public init(_ key: String, _ value: String?) {
            self.key = key
            self.value = value
        }
    }

    /// A value with `fields` in order.
    public init(_ fields: [Field]) { self.fields = fields }

    /// The same as the fields initializer, named so that a literal list of fields is built as the
    /// fields array itself (a resolver's value then costs one array, not a pairs literal and a map).
    init(fields: [Field]) { self.fields = fields }

    /// Builds a value from key/value pairs in order.
    public init(_ pairs: KeyValuePairs<String, String?>) {
        fields = pairs.map { Field($0.key, $0.value) }
    }

    /// The value of `key` (nil when absent or null).
    public subscript(_ key: String) -> String? {
        get { fields.first { $0.key == key }?.value ?? nil }
        set {
            if let i = fields.firstIndex(where: { $0.key == key }) { fields[i].value = newValue } else { fields.append(Field(key, newValue)) }
        }
    }
}

/// One entity in a record.
public struct Entity: Sendable, Equatable {
    /// `factory`, `officer`, `money` or `period`.
    public var type: EntityType
    /// The original text of the span (`original[start:end]` in Unicode scalars).
    public var text: String
    /// Unicode scalar offsets in the decoded original, half-open.
    public var start: Int
    /// The end of the span (exclusive).
    public var end: Int
    /// The language of the paragraph it was found in.
    public var language: Language
    /// The id of the rule that matched.
    public var rule: String
    /// The resolved value, fields in contract order (`code`, `rank`, `amount`, `start`, …).
    public var value: EntityValue

    /// An entity of `type` over `start..<end` of the decoded text.
    public init(type: EntityType, text: String, start: Int, end: Int, language: Language, rule: String, value: EntityValue) {
        self.type = type
        self.text = text
        self.start = start
        self.end = end
        self.language = language
        self.rule = rule
        self.value = value
    }
}
