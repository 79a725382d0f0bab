/// Periods: `{start, end}` as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, both inclusive, at the grain the text
/// gives; `end` is null for an open range (DESIGN.md, record contract v1).
///
/// Captures (a number capture reads its lexicon value when it wraps a lexicon — month names, Roman
/// numerals, number words — else its digits):
/// - `year`: the year of a single year, a month, a part of a year, or both ends of a range;
/// - `from_year`/`to_year`, `from_month`/`to_month`, `from_day`/`to_day`: the ends of a range;
///   `to_year_short` an end year's last two digits (`2016-20`);
/// - `open`: an open range (`since`, `đến nay`, `अब तक`): no end;
/// - `by`: a target or a limit (`by 2025`, `đến năm 2025`, `2025 तक`): no start, `year` (and
///   `month`) the end;
/// - `month`: one month of `year`;
/// - `quarter` (1–4), `half` (1–2): that part of `year`;
/// - `count` months of `year`, from its start, or from its end when `edge` is `last`.
package struct PeriodResolver: Resolver {
    /// A period resolver; it holds no state.
    package init() {}

    /// A point in time at some grain.
    struct Point: Equatable {
        var year: Int
        var month: Int?
        var day: Int?

        var text: String {
            var s = String(year)
            if let m = month { s += "-" + Self.pad(m) }
            if let d = day { s += "-" + Self.pad(d) }
            return s
        }

        static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    }

    /// Why a period is impossible; `warning` when the text names a date that cannot exist (rather
    /// than a rule capturing too little).
    struct Invalid: Error {
        var reason: String
        var warning: ContentWarning? = nil
    }

    /// The period's start and end, or why it cannot exist (a day past its month's end, a backwards range).
    package func resolve(_ input: ResolverInput) -> Resolution {
        do {
            let (start, end) = try period(input)
            return .accept(EntityValue(fields: [.init("start", start?.text), .init("end", end?.text)]))
        } catch {
            return .reject(error.reason, warning: error.warning)
        }
    }

    func period(_ input: ResolverInput) throws(Invalid) -> (Point?, Point?) {
        if input["by"] != nil {
            guard let year = try number(input, "year") else { throw Invalid(reason: "a target needs its year") }
            return (nil, try Self.point(year: year, month: try number(input, "month"), day: nil))
        }
        if input["quarter"] != nil || input["half"] != nil || input["count"] != nil { return try partOfYear(input) }
        if input["from_year"] != nil || input["from_month"] != nil || input["from_day"] != nil || input["open"] != nil {
            return try range(input)
        }
        let year = try number(input, "year")
        guard let year else { throw Invalid(reason: "no year") }
        let month = try number(input, "month")
        let p = try Self.point(year: year, month: month, day: nil)
        return (p, p)
    }

    /// A quarter, a half, or the first or last months of a year.
    func partOfYear(_ input: ResolverInput) throws(Invalid) -> (Point, Point?) {
        guard let year = try number(input, "year") else { throw Invalid(reason: "a part of a year needs its year") }
        let first: Int, last: Int
        if let q = try number(input, "quarter") {
            guard (1...4).contains(q) else { throw Invalid(reason: "quarter \(q) does not exist", warning: .impossiblePeriod) }
            (first, last) = (3 * q - 2, 3 * q)
        } else if let h = try number(input, "half") {
            guard (1...2).contains(h) else { throw Invalid(reason: "half \(h) does not exist", warning: .impossiblePeriod) }
            (first, last) = (6 * h - 5, 6 * h)
        } else {
            guard let n = try number(input, "count"), (1...12).contains(n) else {
                throw Invalid(reason: "'\(input["count"]?.text ?? "")' is not a number of months in a year", warning: .impossiblePeriod)
            }
            let fromEnd = input["edge"]?.lexiconValue == "last"
            (first, last) = fromEnd ? (13 - n, 12) : (1, n)
        }
        return (try Self.point(year: year, month: first, day: nil), try Self.point(year: year, month: last, day: nil))
    }

    /// `from … to …`, or an open range.
    func range(_ input: ResolverInput) throws(Invalid) -> (Point, Point?) {
        let shared = try number(input, "year")
        guard let fromYear = try number(input, "from_year") ?? shared else { throw Invalid(reason: "the range has no start year") }
        let start = try Self.point(year: fromYear, month: try number(input, "from_month"), day: try number(input, "from_day"))
        if input["open"] != nil { return (start, nil) }
        let written = try number(input, "to_year")
        let short = try shortYear(input, after: fromYear)
        guard let toYear = written ?? short ?? shared else { throw Invalid(reason: "the range has no end year") }
        let end = try Self.point(year: toYear, month: try number(input, "to_month"), day: try number(input, "to_day"))
        guard Self.precedes(start, end) else { throw Invalid(reason: "the range runs backwards: \(start.text) after \(end.text)", warning: .impossiblePeriod) }
        return (start, end)
    }

    /// A checked point: month 1–12, day within its month (leap years counted).
    static func point(year: Int, month: Int?, day: Int?) throws(Invalid) -> Point {
        guard (1...9999).contains(year) else { throw Invalid(reason: "year \(year) is out of range", warning: .impossiblePeriod) }
        if let m = month, !(1...12).contains(m) { throw Invalid(reason: "month \(m) does not exist", warning: .impossiblePeriod) }
        if let d = day {
            guard let m = month else { throw Invalid(reason: "a day needs its month") }
            let days = daysIn(month: m, year: year)
            guard (1...days).contains(d) else {
                throw Invalid(reason: "\(d)/\(m)/\(year) does not exist: month \(m) of \(year) has \(days) days", warning: .impossiblePeriod)
            }
        }
        return Point(year: year, month: month, day: day)
    }

    /// Days in a month of the Gregorian calendar.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Gregorian leap years: every fourth year, except centuries not divisible by 400.
    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    /// Whether `a` starts no later than `b` ends (each compared at its own grain's start and end).
    static func precedes(_ a: Point, _ b: Point) -> Bool {
        let lo = (a.year, a.month ?? 1, a.day ?? 1)
        let hi = (b.year, b.month ?? 12, b.day ?? 31)
        return lo <= hi
    }

    /// The number a capture stands for: its lexicon value (month name, Roman numeral, number word)
    /// or its digits. nil when not captured.
    /// An end year written with its last two digits (`2016-20`, `2023-24`): the first year after
    /// `from` that ends in them.
    func shortYear(_ input: ResolverInput, after from: Int) throws(Invalid) -> Int? {
        guard let c = input["to_year_short"] else { return nil }
        guard c.text.count == 2, let n = try number(input, "to_year_short") else {
            throw Invalid(reason: "'\(c.text)' is not the last two digits of a year")
        }
        var year = from - from % 100 + n
        if year <= from { year += 100 }
        return year
    }

    func number(_ input: ResolverInput, _ name: String) throws(Invalid) -> Int? {
        guard let c = input[name] else { return nil }
        // One to four ASCII digits, read from the lexicon value's or the text's units (no String
        // is made for the text, and no Character is classified).
        let value: Int?
        if let lexicon = c.lexiconValue {
            value = Capture.asciiDigitValue(lexicon.utf16, maxDigits: 4)
        } else {
            value = c.asciiDigitValue(maxDigits: 4)
        }
        guard let value else { throw Invalid(reason: "'\(c.text)' is not a number for '\(name)'") }
        return value
    }
}
