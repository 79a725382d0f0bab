/// Money figures: `{amount, currency, qualifier, per}` (DESIGN.md, record contract v1).
///
/// A figure is read from these captures (suffixed `_2` for the second figure of a two-figure rule):
/// - `amount`: the number token, read by ``NumberReader`` in the paragraph's language, or number
///   words from a lexicon whose value is the plain decimal (`डेढ़` → `1.5`);
/// - `scale`: a scale word whose lexicon value is its multiplier (`tỷ` → `1000000000`);
/// - `currency`: a currency word or symbol whose lexicon value is the ISO 4217 code;
/// - `per`: a per-unit tail whose lexicon value is `month`, `year`, `person`, `person_month` or
///   `person_year`;
/// - `q` (before the figure) or `qa` (after it, Hindi `से अधिक`): a qualifier word outside the span
///   whose lexicon value is `approx`, `over` or `under`; without one the figure is `exact`.
///
/// Three shapes of match:
/// - one figure: the match is the entity;
/// - a range (`low` captures the first number, or a code and the number in `low_amount`, with its
///   own scale in `low_scale` when written; `high` the full second figure): two entities, the first
///   borrowing the scale (unless it has one), currency and per-unit of the second, both `exact`;
/// - figures inside a wider match (`money` and optionally `money_2` capture their spans): one entity
///   per figure; the first may be the high end of a range whose low end is `low` as above. With an average-income cue (`income`, whose lexicon value is the unit the cue itself
///   names, `average monthly income` → `month`) the `per` is per person (`month` → `person_month`,
///   `year` → `person_year`; no unit written → the cue's). An estimate word before the figure's noun
///   (`qd`, `ước đạt doanh thu 1.420 tỷ đồng`) qualifies it when no adjacent qualifier does.
package struct MoneyResolver: Resolver {
    /// A money resolver; it holds no state.
    package init() {}

    /// One figure, a range split in two, or the figures of a wider match; or why not.
    package func resolve(_ input: ResolverInput) -> Resolution {
        if input["money"] != nil { return figures(input) }
        if let low = input["low"] { return range(input, low: low) }
        switch figure(input, suffix: "") {
        case .success(let v): return .accept(v)
        case .failure(let e): return .reject(e.reason, warning: e.warning)
        }
    }

    /// A range `từ 1.200 đến 2.400 tỷ đồng`: the bare low number borrows the high figure's units.
    func range(_ input: ResolverInput, low: Capture) -> Resolution {
        guard input["high"] != nil else { return .reject("range without a 'high' capture") }
        let high: EntityValue
        switch figure(input, suffix: "") {
        case .success(let v): high = v
        case .failure(let e): return .reject(e.reason, warning: e.warning)
        }
        switch rangeEnds(input, low: low, high: high) {
        case .success(let (first, second)):
            return .split([.init(capture: "low", value: first), .init(capture: "high", value: second)])
        case .failure(let e): return .reject(e.reason, warning: e.warning)
        }
    }

    /// The two ends of a range whose high figure is `high`: the low number takes its own scale
    /// (`low_scale`: `từ 9 triệu đến 11 triệu đồng`) or the high one's, and the high figure's
    /// currency and per-unit. Both ends are exact; the low one must be below the high one.
    func rangeEnds(_ input: ResolverInput, low: Capture, high: EntityValue) -> Result<(EntityValue, EntityValue), NumberReadError> {
        let lowAmount: DecimalAmount
        switch amount(input["low_amount"] ?? low, scale: input["low_scale"] ?? input["scale"], language: input.language) {
        case .success(let a): lowAmount = a.0
        case .failure(let e): return .failure(e)
        }
        guard let highAmount = high["amount"].flatMap({ DecimalAmount(plain: $0) }), lowAmount < highAmount else {
            return .failure(NumberReadError(reason: "range '\(low.text)' does not rise to '\(high["amount"] ?? "")'", warning: .invalidNumber))
        }
        var first = high
        first["amount"] = lowAmount.description
        first["qualifier"] = Qualifier.exact.rawValue
        var second = high
        second["qualifier"] = Qualifier.exact.rawValue
        return .success((first, second))
    }

    /// Figures whose match is wider than their spans (`money`, `money_2`): an average-income cue
    /// makes them per person; an estimate verb before a noun (`ước đạt doanh thu …`) qualifies them.
    func figures(_ input: ResolverInput) -> Resolution {
        let cueUnit = input["income"].map { $0.lexiconValue ?? "" }
        var parts: [Resolution.Part] = []
        for (capture, suffix) in [("money", ""), ("money_2", "_2")] where input[capture] != nil {
            switch figure(input, suffix: suffix) {
            case .success(var v):
                if let cueUnit { v["per"] = Self.perPerson(v["per"], cueUnit: cueUnit) }
                // The first figure may be the high end of a range (`VND 10-12 million a month`).
                if capture == "money", let low = input["low"] {
                    switch rangeEnds(input, low: low, high: v) {
                    case .success(let (first, second)):
                        parts.append(.init(capture: "low", value: first))
                        v = second
                    case .failure(let e): return .reject(e.reason, warning: e.warning)
                    }
                }
                parts.append(.init(capture: capture, value: v))
            case .failure(let e): return .reject(e.reason, warning: e.warning)
            }
        }
        // Two income figures under one cue share a unit written only once: `rose from VND 6.8
        // million to VND 9.4 million a month`.
        if cueUnit != nil, let shared = parts.last?.value["per"] {
            for k in parts.indices where parts[k].value["per"] == nil { parts[k].value["per"] = shared }
        }
        return .split(parts)
    }

    /// An income figure's unit: the written time unit becomes per person; none takes the cue's.
    static func perPerson(_ written: String?, cueUnit: String) -> String? {
        switch written ?? cueUnit {
        case PerUnit.month.rawValue: return PerUnit.personMonth.rawValue
        case PerUnit.year.rawValue: return PerUnit.personYear.rawValue
        case "": return nil
        case let other: return other
        }
    }

    /// One figure's value from the captures with `suffix`.
    func figure(_ input: ResolverInput, suffix: String) -> Result<EntityValue, NumberReadError> {
        // The capture names with the suffix (no String is built for the first figure's).
        func name(_ base: String) -> String { suffix.isEmpty ? base : base + suffix }
        guard let amountCap = input[name("amount")] else { return .failure(NumberReadError(reason: "no 'amount' capture")) }
        let value: DecimalAmount, implied: String?
        switch amount(amountCap, scale: input[name("scale")], language: input.language) {
        case .success(let a): (value, implied) = a
        case .failure(let e): return .failure(e)
        }
        guard let currency = input[name("currency")]?.lexiconValue ?? implied, !currency.isEmpty else {
            return .failure(NumberReadError(reason: "no currency"))
        }
        let qualifierText = input[name("qa")]?.lexiconValue ?? input[name("q")]?.lexiconValue ?? input["qd"]?.lexiconValue
        let qualifier = qualifierText.map { Qualifier(rawValue: $0) } ?? Qualifier.exact  // nil: a value not in the contract
        guard let qualifier else {
            return .failure(NumberReadError(reason: "unknown qualifier '\(qualifierText ?? "")' (a rule's lexicon value)"))
        }
        let perText = input[name("per")]?.lexiconValue
        if let perText, PerUnit(rawValue: perText) == nil {
            return .failure(NumberReadError(reason: "unknown unit '\(perText)' (a rule's lexicon value)"))
        }
        return .success(
            EntityValue(fields: [
                .init("amount", value.description), .init("currency", currency), .init("qualifier", qualifier.rawValue), .init("per", perText),
            ]))
    }

    /// The number times its scale, exactly, and the currency the scale word implies (`15tr`), if any.
    /// A scale's lexicon value is its multiplier, optionally followed by a space and an ISO code.
    func amount(_ number: Capture, scale: Capture?, language: Language) -> Result<(DecimalAmount, String?), NumberReadError> {
        let n: DecimalAmount
        if let word = number.lexiconValue {
            // An amount in words (`डेढ़`, `two`): its lexicon value is the plain decimal.
            guard let v = DecimalAmount(plain: word) else {
                return .failure(NumberReadError(reason: "'\(number.text)' has no numeric value"))
            }
            n = v
        } else {
            switch NumberReader.reader(for: language).read(number.text) {
            case .success(let v): n = v
            case .failure(let e): return .failure(e)
            }
        }
        guard let scale else { return .success((n, nil)) }
        let (first, second) = Self.scaleParts(scale.lexiconValue ?? "")
        guard let first, let multiplier = DecimalAmount(plain: first) else {
            return .failure(NumberReadError(reason: "scale '\(scale.text)' has no numeric value"))
        }
        return .success((n * multiplier, second))
    }

    /// The first two space-separated words of a scale's lexicon value (`1000000000 VND`), as
    /// `split(separator: " ")` gives them. ASCII (every lexicon value Assay ships) is cut at its
    /// bytes: a space there is always a whole Character.
    static func scaleParts(_ value: String) -> (String?, String?) {
        if let parts = value.utf8.withContiguousStorageIfAvailable({ asciiScaleParts($0) }), let parts {
            // One word that is the whole value (a plain multiplier, the usual case): the value itself.
            if parts.count == 1, parts[0] == 0..<value.utf8.count { return (value, nil) }
            return value.utf8.withContiguousStorageIfAvailable { b in
                func word(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self) }
                return (parts.first.map(word), parts.count > 1 ? word(parts[1]) : nil)
            } ?? (nil, nil)
        }
        let words = value.split(separator: " ")
        return (words.first.map(String.init), words.count > 1 ? String(words[1]) : nil)
    }

    /// The byte ranges of the first two space-separated words of ASCII `b`; nil when `b` is not
    /// ASCII (a space is then not always a whole Character).
    static func asciiScaleParts(_ b: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
        var words: [Range<Int>] = []
        var start = -1
        for i in 0..<b.count {
            guard b[i] < 0x80 else { return nil }
            if b[i] == 0x20 {
                if start >= 0, words.count < 2 { words.append(start..<i) }
                start = -1
            } else if start < 0 {
                start = i
            }
        }
        if start >= 0, words.count < 2 { words.append(start..<b.count) }
        return words
    }
}
