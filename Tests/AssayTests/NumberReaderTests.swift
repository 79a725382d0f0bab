import ICUKit
import Testing

@testable import Assay

@Suite struct NumberReaderTests {
    func value(_ text: String, _ language: Language) -> String? {
        guard case .success(let v) = NumberReader.reader(for: language).read(text) else { return nil }
        return v.description
    }

    func reason(_ text: String, _ language: Language) -> String? {
        guard case .failure(let e) = NumberReader.reader(for: language).read(text) else { return nil }
        return e.reason
    }

    @Test func marksComeFromICU() {
        #expect(NumberReader.reader(for: .vi).marks.decimal == ",")
        #expect(NumberReader.reader(for: .vi).marks.grouping == ".")
        #expect(NumberReader.reader(for: .en).marks.decimal == ".")
        #expect(NumberReader.reader(for: .en).marks.grouping == ",")
        #expect(NumberReader.reader(for: .hi).marks.decimal == ".")
        #expect(NumberReader.reader(for: .hi).marks.grouping == ",")
    }

    @Test(arguments: [
        ("1.500", "1500"), ("17,6", "17.6"), ("1.500,5", "1500.5"), ("15.000.000.000", "15000000000"),
        ("12,4", "12.4"), ("1.032,6", "1032.6"), ("486,75", "486.75"), ("2023", "2023"), ("350,000", "350000"), ("1,000", "1000"),
    ])
    func vietnameseMarks(_ text: String, _ expected: String) {
        #expect(value(text, .vi) == expected)
    }

    @Test(arguments: [
        ("1,500.5", "1500.5"), ("2,300", "2300"), ("10.7", "10.7"), ("1,250.5", "1250.5"), ("350,000", "350000"),
        ("1.500", "1.5"), ("35.000", "35000"), ("1.845", "1.845"), ("1,00,000", "100000"), ("13,12,100", "1312100"), ("1,00,00,000", "10000000"),
    ])
    func englishMarksWithWesternAndIndianGrouping(_ text: String, _ expected: String) {
        #expect(value(text, .en) == expected)
    }

    @Test(arguments: [("9,870", "9870"), ("23.4", "23.4"), ("1,00,000", "100000"), ("13,12,100", "1312100"), ("44,000", "44000")])
    func hindiUsesEnglishMarks(_ text: String, _ expected: String) {
        #expect(value(text, .hi) == expected)
    }

    /// A grouping impossible for the language is read the other way only when that reading is the only one.
    @Test func otherMarksOnlyWhenUnambiguous() {
        #expect(value("1,250.5", .vi) == "1250.5")
        #expect(value("1,500,000", .vi) == "1500000")
        #expect(value("1.500,5", .en) == "1500.5")
        #expect(value("15.000.000", .en) == "15000000")
        #expect(value("1,00,000", .vi) == "100000")
    }

    @Test(arguments: [("1.50", Language.vi), ("1.5", .vi), ("2.30", .vi), ("17,6", .en), ("2,30", .en), ("12,4", .hi)])
    func ambiguousGroupingIsRejected(_ text: String, _ language: Language) {
        #expect(value(text, language) == nil)
        #expect(reason(text, language)?.contains("ambiguous") == true)
    }

    @Test func impossibleEitherWayIsRejected() {
        #expect(reason("1,2,3", .en)?.contains("is not a number in en marks") == true)
        #expect(reason("1.2.3,4.5", .vi)?.contains("is not a number in vi marks") == true)
        #expect(reason("1,00,000.5,5", .en)?.contains("is not a number in en marks") == true)
        // Vietnamese groups only by three: `1.00.000` is impossible, and `.` repeated cannot be decimal.
        #expect(reason("1.00.000", .vi) != nil)
    }

    @Test func longNumbersKeepEveryDigit() {
        #expect(value("1.234.567.890.123.456.789.012.345", .vi) == "1234567890123456789012345")
        #expect(value("1,234,567,890,123,456,789,012,345.75", .en) == "1234567890123456789012345.75")
        #expect(value("1000000000000000000000000", .en) == "1000000000000000000000000")
    }
}

@Suite struct DecimalAmountTests {
    func d(_ s: String) -> DecimalAmount { DecimalAmount(plain: s)! }

    @Test func plainOutputHasNoExponentAndNoTrailingZeros() {
        #expect(d("17.60").description == "17.6")
        #expect(d("2300.0").description == "2300")
        #expect(d("0.050").description == "0.05")
        #expect(d("000").description == "0")
        #expect(DecimalAmount(scientific: "1E+24")?.description == "1000000000000000000000000")
        #expect(DecimalAmount(scientific: "1.23456789E+6")?.description == "1234567.89")
        #expect(DecimalAmount(scientific: "1.5E-3")?.description == "0.0015")
        #expect(DecimalAmount(plain: "1,5") == nil)
    }

    @Test(arguments: [
        ("17.6", "1000000000", "17600000000"),
        ("8.5", "1000000", "8500000"),
        ("1.2", "1000000000000", "1200000000000"),
        ("1500.5", "1000000000", "1500500000000"),
        ("45", "100000", "4500000"),
        ("1200", "10000000", "12000000000"),
        ("2", "100000000000", "200000000000"),
        ("1", "1000000000000000000000000", "1000000000000000000000000"),
        ("999999999999.999999999999", "1000000000000", "999999999999999999999999"),
        ("1234567890123456789012345", "1000000000000", "1234567890123456789012345000000000000"),
        ("0.000001", "1000000", "1"),
        ("12.345", "12.5", "154.3125"),
    ])
    func scaleArithmeticIsExact(_ number: String, _ scale: String, _ product: String) {
        #expect((d(number) * d(scale)).description == product)
    }

    @Test func ordering() {
        #expect(d("85") < d("140"))
        #expect(d("1.5") < d("1.50001"))
        #expect(!(d("2400") < d("1200")))
        #expect(d("0") < d("0.0001"))
        #expect(d("999") < DecimalAmount.powerOfTen(24))
    }
}
