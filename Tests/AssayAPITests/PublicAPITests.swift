import Assay  // not @testable: these tests see only what another package sees
import AssaySupport
import Foundation
import Testing

/// The package's rule directory, found from this file's place in the checkout.
let packageRules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("rules").path

let sentence = "Thượng tá Lê Minh Quang cho biết năm 2023 Nhà máy Z131 đạt doanh thu gần 1.500 tỷ đồng."

@Suite struct PublicAPITests {
    /// Loaded once; a test that needs the rules fails (and only it) when they do not load.
    static let loaded = Result { try RuleSet.load(directory: packageRules) }
    static func rules() throws -> RuleSet { try loaded.get() }

    @Test func loadsRulesFromADirectory() throws {
        let rules = try RuleSet.load(directory: packageRules)
        #expect(rules.files.contains { $0.hasSuffix("vi/money.yaml") })
        #expect(rules.rule(id: "vi.money.number-currency") != nil)
    }

    @Test func aMissingDirectoryIsAnE100() {
        #expect(throws: RuleLoadError.self) { try RuleSet.load(directory: "/nonexistent/rules") }
        do {
            _ = try RuleSet.load(directory: "/nonexistent/rules")
        } catch {
            #expect(error.diagnostics.map(\.code) == [.invalidYAML])
            #expect(error.rendered.contains("no rule directory at '/nonexistent/rules'"))
        }
    }

    @Test func bundledRulesAreTheCheckoutsRules() throws {
        // The test binary lives in the checkout's .build folder: walking up from it finds `rules/`.
        let rules = try RuleSet.bundled()
        let shipped = try Self.rules()
        #expect(rules.rules.count == shipped.rules.count)
    }

    @Test func extractsAVietnameseSentence() throws {
        let record = Pipeline(rules: try Self.rules()).process(text: sentence)
        #expect(record.language == .vi)
        #expect(record.source == "text")
        #expect(record.error == nil)
        let byType = Dictionary(grouping: record.entities, by: \.type)
        let officer = try #require(byType[.officer]?.first)
        #expect(officer.text == "Thượng tá Lê Minh Quang")
        #expect(officer.value["rank"] == "senior_lieutenant_colonel")
        #expect(officer.value["name_ascii"] == "le minh quang")
        let factory = try #require(byType[.factory]?.first)
        #expect(factory.value["code"] == "Z131")
        let money = try #require(byType[.money]?.first)
        #expect(money.text == "1.500 tỷ đồng")
        #expect(money.value["amount"] == "1500000000000")
        #expect(money.value["currency"] == "VND")
        #expect(money.value["qualifier"] == Qualifier.approx.rawValue)
        // Offsets are Unicode scalars of the original text.
        let scalars = Array(sentence.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[money.start..<money.end])) == money.text)
        let fact = try #require(record.facts.first)
        #expect(fact.metric == "revenue")
        #expect(fact.qualifier == .approx)
        #expect(fact.periodBy == .sentence)
        #expect(fact.factoryBy == .sentence)
        #expect(record.entities[try #require(fact.factory)].value["code"] == "Z131")
        #expect(record.entities[try #require(fact.period)].value["start"] == "2023")
    }

    @Test func bytesAreDecodedByTheirByteOrderMark() throws {
        // UTF-16LE with a byte-order mark: offsets count from after the mark.
        let marked = try MarkedText("⟦Nhà máy Z131⟧ đạt doanh thu 500 tỷ đồng.")
        let text = marked.text
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let record = Pipeline(rules: try Self.rules()).process(bytes: bytes, source: "utf16.txt")
        #expect(record.encoding == "utf-16le")
        #expect(record.source == "utf16.txt")
        let factory = record.entities.first { $0.type == .factory }
        #expect(factory?.value["code"] == "Z131")
        #expect(factory.map { $0.start..<$0.end } == marked.spans[0])
        #expect(record.entities.first { $0.type == .money }?.value["amount"] == "500000000000")
    }

    @Test func encodesTheRecordContract() throws {
        let record = Pipeline(rules: try Self.rules()).process(text: sentence)
        let line = record.json()
        #expect(!line.contains(0x0A))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        #expect(object["schema"] as? String == "assay.record.v1")
        #expect((object["entities"] as? [[String: Any]])?.count == record.entities.count)
        let text = String(decoding: line, as: UTF8.self)
        // Keys in the contract's order, null never absent.
        #expect(text.hasPrefix("{\"schema\":\"assay.record.v1\",\"id\":\"sha256:"))
        #expect(text.contains("\"diagnostics\":[],\"meta\":null,\"error\":null"))
        #expect(text.contains("\"qualifier\":\"approx\",\"per\":null,\"period_by\":\"sentence\",\"factory_by\":\"sentence\""))
    }

    @Test func aBatchComesOutInInputOrder() throws {
        // Long and short documents alternate, so later ones often finish first on two threads.
        let documents = (0..<40).map { i in
            BatchDocument(
                source: "doc-\(i)",
                text: String(repeating: "Một đoạn văn không có số liệu. ", count: i % 2 == 0 ? 400 : 1) + "Nhà máy Z\(100 + i) đạt doanh thu \(i + 1) tỷ đồng.")
        }
        var seen: [Int] = []
        var amounts: [String?] = []
        Pipeline(rules: try Self.rules()).run(documents, jobs: 2) { i, record in
            seen.append(i)
            #expect(record.source == "doc-\(i)")
            #expect(record.entities.first { $0.type == .factory }?.value["code"] == "Z\(100 + i)")
            amounts.append(record.entities.first { $0.type == .money }?.value["amount"])
        }
        #expect(seen == Array(0..<40))
        #expect(amounts == (0..<40).map { "\($0 + 1)000000000" })
    }

    @Test func aForcedLanguageAndAnHTMLPageWithMeta() throws {
        let pipeline = Pipeline(rules: try Self.rules())
        // Every paragraph in the forced language, whatever its words.
        let forced = pipeline.process(text: sentence, language: .en)
        #expect(forced.segments.map(\.language) == [.en])
        #expect(forced.language == .en)
        // An HTML page: offsets are in the extracted text, and `meta` is carried as given.
        let page = Array("<html><body><p>Nhà máy <b>Z131</b> đạt doanh thu 500 tỷ đồng.</p></body></html>".utf8)
        let meta = JSONValue.object([("feed", .string("news")), ("rank", .number("2"))])
        let record = pipeline.process(bytes: page, source: "page.html", meta: meta, format: .html, withText: true)
        #expect(record.format == "html")
        #expect(record.meta == meta)
        let text = try #require(record.text)
        #expect(text == "Nhà máy Z131 đạt doanh thu 500 tỷ đồng.")
        let factory = try #require(record.entities.first { $0.type == .factory })
        #expect(factory.value["code"] == "Z131")
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[factory.start..<factory.end])) == factory.text)
    }

    @Test func windowsGiveTheWholeDocumentsEntities() throws {
        let rules = try Self.rules()
        let text = (1...30).map { "Nhà máy Z\(100 + $0) đạt doanh thu \($0) tỷ đồng trong năm 20\(10 + $0 % 10)." }
            .joined(separator: "\n")
        let whole = Pipeline(rules: rules).process(text: text)
        let windowed = Pipeline(rules: rules, windows: Pipeline.Windows(threshold: 0, size: 200)).process(text: text)
        #expect(whole.entities.count == 90)
        #expect(windowed.entities == whole.entities)
        #expect(windowed.facts == whole.facts)
    }

    @Test func aLazyBatchReadsEachDocumentOnceAndEmitsInOrder() throws {
        let calls = Calls()
        var emitted: [(Int, String?)] = []
        Pipeline(rules: try Self.rules()).run(
            count: 25, jobs: 3,
            document: { i in
                calls.add(i)
                return BatchDocument(source: "lazy-\(i)", text: "Nhà máy Z\(200 + i) đạt doanh thu \(i + 1) tỷ đồng.")
            },
            emit: { i, record in
                #expect(record.source == "lazy-\(i)")
                emitted.append((i, record.entities.first { $0.type == .factory }?.value["code"]))
            })
        #expect(emitted.map(\.0) == Array(0..<25))
        #expect(emitted.map(\.1) == (0..<25).map { "Z\(200 + $0)" })
        #expect(calls.sorted == Array(0..<25))
    }

    @Test func findsRulesBesideAnInstalledExecutable() throws {
        // PREFIX/bin/tool and PREFIX/share/assay/rules (with the layout: common/*.yaml).
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("assay-api-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: prefix) }
        let bin = prefix.appendingPathComponent("bin")
        let rules = prefix.appendingPathComponent("share/assay/rules")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: rules.appendingPathComponent("common"), withIntermediateDirectories: true)
        try Data("language: common\n".utf8).write(to: rules.appendingPathComponent("common/x.yaml"))
        let elsewhere = prefix.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let found = RuleDirectory.find(
            environment: [:], currentDirectory: elsewhere.path, executable: bin.appendingPathComponent("tool").path)
        #expect(found.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path } == rules.resolvingSymlinksInPath().path)
        // $ASSAY_RULES comes first, ./rules next.
        #expect(RuleDirectory.find(environment: ["ASSAY_RULES": "/x"], currentDirectory: elsewhere.path) == "/x")
        #expect(
            RuleDirectory.find(environment: [:], currentDirectory: prefix.appendingPathComponent("share/assay").path)
                == prefix.appendingPathComponent("share/assay/rules").path)
    }
}

/// Indices a batch asked for, from any thread.
final class Calls: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [Int] = []

    /// Records one call.
    func add(_ i: Int) {
        lock.lock()
        seen.append(i)
        lock.unlock()
    }

    /// Every index asked for, sorted.
    var sorted: [Int] {
        lock.lock()
        defer { lock.unlock() }
        return seen.sorted()
    }
}
