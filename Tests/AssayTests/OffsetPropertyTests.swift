import Foundation
import Testing

@testable import Assay

/// A small deterministic generator (SplitMix64), so a failing document can be rebuilt from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// For random documents, every entity's `text` is the original sliced at `[start, end)` in Unicode
/// scalars, whatever the encoding, normalization form, line ends and invisible characters.
@Suite struct OffsetPropertyTests {
    static var pipeline: Pipeline {
        get throws { Pipeline(rules: try shippedRules) }
    }

    /// Phrases that yield entities in each language, and plain words around them.
    static let phrases = [
        "Nhà máy Z131", "1.500 tỷ đồng", "Thượng tá Lê Minh Quang", "năm 2023", "giai đoạn 2016-2021", "gần 8,5 triệu đồng/người/tháng",
        "Đại tá Nguyễn Văn Hoà", "doanh thu", "Z121 Factory", "VND240 billion", "March 2018", "Senior Lieutenant Colonel TRAN QUOC BAO",
        "revenue", "from 2015 to 2020", "कर्नल राम कुमार", "जेड175 कारखाने", "23.4 बिलियन VND", "2022 के पहले छह महीनों में",
        "फैक्ट्री Z131", "१२ करोड़ रुपये", "13,12,100", "1.50 tỷ đồng", "quý 5 năm 2023",
    ]
    static let words = [
        "và", "của", "được", "những", "các", "hoà", "thuý", "the", "factory", "said", "of", "in", "और", "के", "में", "ने", "है",
        "2019", "17,6", "Z", "—", "“trích”", "(", ")", ",", ".", "😀", "𝐙131", "%", "/",
    ]
    static let invisibles = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{00A0}", "\u{00AD}", "\u{FEFF}", "\t"]

    /// A random document and how to write it: its text and its bytes.
    static func document(_ rng: inout SplitMix64) -> (text: String, bytes: [UInt8]) {
        var parts: [String] = []
        for _ in 0..<Int.random(in: 5...40, using: &rng) {
            var piece = Bool.random(using: &rng) ? phrases.randomElement(using: &rng)! : words.randomElement(using: &rng)!
            if Int.random(in: 0..<5, using: &rng) == 0 { piece = piece.decomposedStringWithCanonicalMapping }
            if Int.random(in: 0..<6, using: &rng) == 0 {
                // An invisible character inside the piece, between two scalars.
                var scalars = Array(piece.unicodeScalars)
                let at = Int.random(in: 0...scalars.count, using: &rng)
                scalars.insert(contentsOf: invisibles.randomElement(using: &rng)!.unicodeScalars, at: at)
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars)
                piece = String(view)
            }
            parts.append(piece)
            let gap = Int.random(in: 0..<12, using: &rng)
            parts.append(gap == 0 ? "\n" : gap == 1 ? "\n\n" : gap == 2 ? "  " : " ")
        }
        var text = parts.joined()
        let crlf = Bool.random(using: &rng)
        if crlf { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return (text, [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        case 1:
            var bytes: [UInt8] = [0xFF, 0xFE]
            for u in text.utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
            return (text, bytes)
        default: return (text, Array(text.utf8))
        }
    }

    @Test func everyEntityIsTheOriginalAtItsScalarSpan() throws {
        var rng = SplitMix64(state: 20_261_204)
        var entities = 0, warned = 0
        for n in 0..<300 {
            let (text, bytes) = Self.document(&rng)
            let record = try Self.pipeline.process(bytes: bytes, source: "doc\(n)")
            let scalars = Array(text.unicodeScalars)
            for e in record.entities {
                #expect(slice(text, e.start, e.end) == e.text, "document \(n): \(e.type) \(e.text.debugDescription) at \(e.start)..<\(e.end)")
            }
            for d in record.diagnostics where d.code.rawValue.hasPrefix("W2") {
                #expect(d.start != nil && d.end! <= scalars.count && d.start! < d.end!, "document \(n): \(d)")
                warned += 1
            }
            entities += record.entities.count
        }
        // The documents are full of entities (and of rejected figures): the check is not vacuous.
        #expect(entities > 1500)
        #expect(warned > 50)
    }

    @Test func aStreamLineThatRepeatsTextUsesTheLastOne() throws {
        // Found by the FuzzStreamLine target (its oracle read the first): offsets refer to the
        // last `text`, as in Python's json.
        let line = #"{"id": "a", "text": "Nhà máy Z131", "text": "Đạt 1.500 tỷ đồng"}"#
        let (record, bytes, _) = try StreamLine.process(line, line: 1, pipeline: Self.pipeline, encoding: nil)
        #expect(bytes == "Đạt 1.500 tỷ đồng".utf8.count)
        #expect(record.entities.map(\.text) == ["1.500 tỷ đồng"])
        #expect(record.entities.first.map { slice("Đạt 1.500 tỷ đồng", $0.start, $0.end) } == "1.500 tỷ đồng")
    }
}
