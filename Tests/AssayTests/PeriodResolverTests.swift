import Testing

@testable import Assay

@Suite struct PeriodResolverTests {
    func resolve(_ captures: [String: (String, String?)]) -> Resolution {
        PeriodResolver().resolve(ResolverTestSupport.input("period", .en, captures))
    }

    func value(_ captures: [String: (String, String?)]) -> [String?]? {
        guard case .accept(let v) = resolve(captures) else { return nil }
        return [v["start"], v["end"]]
    }

    func reason(_ captures: [String: (String, String?)]) -> String? {
        guard case .reject(let why, _) = resolve(captures) else { return nil }
        return why
    }

    @Test func leapYears() {
        #expect(PeriodResolver.isLeap(2024))
        #expect(PeriodResolver.isLeap(2000))
        #expect(!PeriodResolver.isLeap(1900))
        #expect(!PeriodResolver.isLeap(2023))
        #expect(PeriodResolver.daysIn(month: 2, year: 2024) == 29)
        #expect(PeriodResolver.daysIn(month: 2, year: 2100) == 28)
        #expect(PeriodResolver.daysIn(month: 4, year: 2023) == 30)
        #expect(PeriodResolver.daysIn(month: 12, year: 2023) == 31)
    }

    @Test func dayRangesAreValidated() {
        let ok = value([
            "from_day": ("29", nil), "from_month": ("2", nil), "from_year": ("2024", nil),
            "to_day": ("31", nil), "to_month": ("12", nil), "to_year": ("2024", nil),
        ])
        #expect(ok == ["2024-02-29", "2024-12-31"])
        let leap = reason([
            "from_day": ("29", nil), "from_month": ("2", nil), "from_year": ("2023", nil),
            "to_day": ("1", nil), "to_month": ("3", nil), "to_year": ("2023", nil),
        ])
        #expect(leap == "29/2/2023 does not exist: month 2 of 2023 has 28 days")
        let monthEnd = reason([
            "from_day": ("1", nil), "from_month": ("4", nil), "from_year": ("2023", nil),
            "to_day": ("31", nil), "to_month": ("4", nil), "to_year": ("2023", nil),
        ])
        #expect(monthEnd == "31/4/2023 does not exist: month 4 of 2023 has 30 days")
        #expect(reason(["month": ("13", nil), "year": ("2018", nil)]) == "month 13 does not exist")
    }

    @Test func yearsAndMonths() {
        #expect(value(["year": ("2016", nil)]) == ["2016", "2016"])
        #expect(value(["month": ("March", "3"), "year": ("2018", nil)]) == ["2018-03", "2018-03"])
        #expect(value(["from_year": ("2015", nil), "to_year": ("2020", nil)]) == ["2015", "2020"])
        #expect(value(["from_year": ("2015", nil), "open": ("since", nil)]) == ["2015", nil])
        #expect(
            value(["from_month": ("January", "1"), "to_month": ("June", "6"), "year": ("2023", nil)]) == ["2023-01", "2023-06"])
        #expect(reason(["from_year": ("2020", nil), "to_year": ("2015", nil)]) == "the range runs backwards: 2020 after 2015")
    }

    @Test func targetsHaveNoStart() {
        #expect(value(["by": ("by", nil), "year": ("2025", nil)]) == [nil, "2025"])
        #expect(value(["by": ("by", nil), "month": ("June", "6"), "year": ("2025", nil)]) == [nil, "2025-06"])
        #expect(reason(["by": ("by", nil), "month": ("13", nil), "year": ("2025", nil)]) == "month 13 does not exist")
        #expect(reason(["by": ("by", nil)]) == "a target needs its year")
    }

    @Test func pastMonthsOfAYearCountFromItsStart() {
        // `the past nine months of 2021`: the lexicons value `past` (and `qua`, `पिछले`) as `first`.
        #expect(value(["edge": ("past", "first"), "count": ("nine", "9"), "year": ("2021", nil)]) == ["2021-01", "2021-09"])
        #expect(value(["edge": ("last", "last"), "count": ("six", "6"), "year": ("2023", nil)]) == ["2023-07", "2023-12"])
    }

    @Test func partsOfAYear() {
        #expect(value(["count": ("six", "6"), "edge": ("first", "first"), "year": ("2022", nil)]) == ["2022-01", "2022-06"])
        #expect(value(["count": ("nine", "9"), "year": ("2021", nil)]) == ["2021-01", "2021-09"])
        #expect(value(["count": ("6", nil), "edge": ("cuối", "last"), "year": ("2023", nil)]) == ["2023-07", "2023-12"])
        #expect(value(["count": ("12", nil), "year": ("2023", nil)]) == ["2023-01", "2023-12"])
        #expect(value(["quarter": ("I", "1"), "year": ("2023", nil)]) == ["2023-01", "2023-03"])
        #expect(value(["quarter": ("IV", "4"), "year": ("2022", nil)]) == ["2022-10", "2022-12"])
        #expect(value(["half": ("second", "2"), "year": ("2023", nil)]) == ["2023-07", "2023-12"])
        #expect(reason(["quarter": ("5", nil), "year": ("2023", nil)]) == "quarter 5 does not exist")
        #expect(reason(["count": ("13", nil), "year": ("2023", nil)]) != nil)
        #expect(reason(["count": ("6", nil)]) == "a part of a year needs its year")
    }
}
