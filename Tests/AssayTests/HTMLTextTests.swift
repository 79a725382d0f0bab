import Foundation
import Testing

@testable import Assay

/// HTML input: charset, extraction rules, offsets into the extracted text (issue 16).
@Suite struct HTMLTextTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/HTML")

    static func fixture(_ name: String) -> [UInt8] {
        [UInt8](try! Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    static var pipeline: Pipeline {
        get throws { Pipeline(rules: try shippedRules) }
    }

    /// `record.text[start..<end]` for every entity, in Unicode scalars.
    static func checkOffsets(_ r: Record) {
        let scalars = Array(r.text!.unicodeScalars)
        for e in r.entities {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[e.start..<e.end])
            #expect(String(s) == e.text)
        }
    }

    @Test func nestedVietnameseKeepsWhatAReaderSees() {
        let d = HTMLText.decode(Self.fixture("vi-nested.html"))
        #expect(d.encoding == "utf-8")
        #expect(d.diagnostics.isEmpty)
        let text = String(decoding: d.units, as: UTF16.self)
        #expect(
            text == """
                Nhà máy Z131 vượt kế hoạch
                Nhà máy Z131 vượt kế hoạch năm 2023
                Năm 2023, Nhà máy Z131 đạt doanh thu 1.500 tỷ đồng, tăng 12% so với cùng kỳ.
                Thượng tá Lê Minh Quang, Giám đốc nhà máy, cho biết thu nhập bình quân của người lao động đạt 14\u{A0}triệu đồng/người/tháng.
                Nhà máy tiếp tục đầu tư & đổi mới.
                """)
    }

    @Test func aFigureSplitByInlineTagsIsOneEntity() throws {
        let r = try Self.pipeline.process(bytes: Self.fixture("vi-nested.html"), source: "vi-nested.html", format: .html, withText: true)
        #expect(r.format == "html")
        Self.checkOffsets(r)
        let money = r.entities.filter { $0.type == .money }
        #expect(money.map(\.text) == ["1.500 tỷ đồng", "14\u{A0}triệu đồng/người/tháng"])
        #expect(money.first?.value["amount"] == "1500000000000")
        #expect(money.last?.value["per"] == "person_month")
        let factories = r.entities.filter { $0.type == .factory }.compactMap { $0.value["code"] ?? nil }
        // Z999 (script), Z888/Z777/Z666 (hidden), Z555 (aside) are not what a reader sees.
        #expect(Set(factories) == ["Z131"])
        #expect(r.entities.contains { $0.type == .officer && $0.text == "Thượng tá Lê Minh Quang" })
    }

    @Test func charsetDeclaredOnlyInMetaIsWindows1258() throws {
        let bytes = Self.fixture("vi-cp1258-meta.html")
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        let r = try Self.pipeline.process(bytes: bytes, source: "m.html", format: .html, withText: true)
        #expect(r.encoding == "windows-1258")
        // Declared, not guessed: no W303.
        #expect(r.diagnostics.isEmpty)
        Self.checkOffsets(r)
        #expect(r.text!.precomposedStringWithCanonicalMapping.hasPrefix("Công ty Hóa chất 21 xuất khẩu\nTrong giai đoạn 2016-2021"))
        let byType = Dictionary(grouping: r.entities, by: \.type)
        #expect(byType[.money]?.first?.value["amount"] == "350000000000")
        #expect(byType[.period]?.first?.value["start"] == "2016")
        #expect(byType[.officer]?.first?.value["rank"] == "colonel")
        #expect(byType[.factory]?.first?.value["code"] == "Z121")
    }

    @Test func transportCharsetBeatsMetaAndBOMBeatsBoth() {
        let html = "<html><head><meta charset=\"windows-1258\"></head><body><p>Nhà máy Z131</p></body></html>"
        // UTF-8 bytes with a lying meta: the HTTP header's charset decides.
        let viaHeader = HTMLText.decode(Array(html.utf8), transportCharset: "utf-8")
        #expect(String(decoding: viaHeader.units, as: UTF16.self) == "Nhà máy Z131")
        let viaBOM = HTMLText.decode([0xEF, 0xBB, 0xBF] + Array(html.utf8))
        #expect(viaBOM.encoding == "utf-8")
        #expect(String(decoding: viaBOM.units, as: UTF16.self) == "Nhà máy Z131")
        // No BOM, no header: the meta declaration is followed, as browsers do.
        let viaMeta = HTMLText.decode(Array(html.utf8))
        #expect(viaMeta.encoding == "windows-1258")
    }

    @Test func undeclaredLegacyBytesAreDetectedAsForText() {
        // The same windows-1258 page with its declaration removed: detection as for text finds it.
        var bytes = Self.fixture("vi-cp1258-meta.html")
        let declaration = Array("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">".utf8)
        let at = (0...(bytes.count - declaration.count)).first { Array(bytes[$0..<$0 + declaration.count]) == declaration }!
        bytes.removeSubrange(at..<at + declaration.count)
        let d = HTMLText.decode(bytes)
        #expect(d.encoding == "windows-1258")
        #expect(d.diagnostics.map(\.code) == [.legacyEncoding])
        let text = String(decoding: d.units, as: UTF16.self).precomposedStringWithCanonicalMapping
        #expect(text.hasPrefix("Công ty Hóa chất 21 xuất khẩu\nTrong giai đoạn 2016-2021, Nhà máy Z121"))
    }

    @Test func brokenMarkupIsRecovered() throws {
        let r = try Self.pipeline.process(bytes: Self.fixture("en-broken.html"), source: "b.html", format: .html, withText: true)
        Self.checkOffsets(r)
        #expect(!r.text!.contains("Z999"))
        #expect(!r.text!.contains("<"))
        let money = r.entities.filter { $0.type == .money }.map(\.text)
        #expect(money.contains("VND 240 billion"))
        #expect(money.contains("VND 9.4 million per person per month"))
        #expect(r.entities.contains { $0.type == .officer && $0.value["rank"] == "senior_lieutenant_colonel" })
        #expect(r.entities.contains { $0.type == .factory && $0.text == "Z121 Factory" })
    }

    @Test func hindiNested() throws {
        let r = try Self.pipeline.process(bytes: Self.fixture("hi-nested.html"), source: "h.html", format: .html, withText: true)
        Self.checkOffsets(r)
        #expect(r.language == .hi)
        #expect(
            r.text == """
                जेड175 कारखाने का राजस्व बढ़ा
                रक्षा उद्योग
                वर्ष 2022 में जेड175 कारखाने का राजस्व 23.4 बिलियन VND रहा।
                कर्नल फाम वान थान ने बताया
                कर्मचारियों की आय बढ़ी
                """)
        #expect(r.entities.first { $0.type == .money }?.value["amount"] == "23400000000")
        #expect(r.entities.filter { $0.type == .factory }.allSatisfy { $0.value["code"] == "Z175" })
    }

    @Test(arguments: [
        ("<p>a</p><p>b</p>", "a\nb"),
        ("<p>one<br>two<br/>three</p>", "one\ntwo\nthree"),
        ("<div>  lots   of\n\t space  </div>", "lots of space"),
        ("<p>&amp; &lt;tag&gt; &#7897; &#x1EA1; &nbsp;x</p>", "& <tag> ộ ạ \u{A0}x"),
        ("<p>1.500<b>tỷ</b></p>", "1.500tỷ"),
        ("<pre>a  b\n  c</pre>", "a  b\n  c"),
        ("<table><tr><th>Năm</th><th>Doanh thu</th></tr><tr><td>2022</td><td>240</td></tr></table>", "Năm\tDoanh thu\n2022\t240"),
        ("<p hidden>x</p><p aria-hidden=\" TRUE \">y</p><p style=\"visibility: hidden\">z</p><p>w</p>", "w"),
        ("<p aria-hidden=\"false\">shown</p>", "shown"),
        ("<ul><li>a<li>b</ul>", "a\nb"),
        ("<template><p>t</p></template><svg><text>s</text></svg><p>ok</p>", "ok"),
        ("", ""),
        ("plain words", "plain words"),
    ])
    func extractionRules(html: String, text: String) {
        #expect(HTMLText.extract(html) == text)
    }

    @Test func deeplyNestedBrokenMarkupLosesNothing() {
        // Thousands of unclosed tags: past libxml2's default depth limit (256), which emptied the tree.
        let html =
            "<body>" + String(repeating: "<div>", count: 3000) + "<p>Nhà máy Z131</p>" + String(repeating: "<span>", count: 5000)
            + "đạt 1.500 tỷ đồng" + String(repeating: "</div>", count: 10) + "<p>Z121 Factory</p>"
        #expect(HTMLText.extract(html) == "Nhà máy Z131\nđạt 1.500 tỷ đồng\nZ121 Factory")
    }

    @Test func metaPrescan() {
        #expect(HTMLCharset.declared(in: Array("<meta charset='Windows-1258'>".utf8)) == "windows-1258")
        #expect(HTMLCharset.declared(in: Array("<META CHARSET=utf-8>".utf8)) == "utf-8")
        #expect(
            HTMLCharset.declared(in: Array("<meta content=\"text/html; charset=windows-1258\" http-equiv=\"content-type\">".utf8))
                == "windows-1258")
        #expect(HTMLCharset.declared(in: Array("<!-- <meta charset=koi8-r> --><meta charset=utf-8>".utf8)) == "utf-8")
        #expect(HTMLCharset.declared(in: Array("<meta name=charset content=x><p>".utf8)) == nil)
        #expect(HTMLCharset.decoderName(for: "ISO-8859-1") == "windows-1252")
        #expect(HTMLCharset.decoderName(for: "utf-16") == "utf-8")
        #expect(HTMLCharset.decoderName(for: "no-such-charset") == nil)
        #expect(HTMLCharset.parameter("text/html; Charset = \"Windows-1258\"") == "windows-1258")
    }

    @Test func formatByNameAndSniffing() {
        #expect(DocumentFormat(path: "a/B.HTML") == .html)
        #expect(DocumentFormat(path: "x.htm") == .html)
        #expect(DocumentFormat(path: "cc.warc.gz") == .warc)
        #expect(DocumentFormat(path: "n.txt") == .text)
        #expect(DocumentFormat(path: "n.json") == nil)
        #expect(DocumentFormat.sniff(Array("\u{FEFF}\n <!-- c --> <!DOCTYPE html><p>".utf8)) == .html)
        #expect(DocumentFormat.sniff(Array("<html>".utf8)) == .html)
        #expect(DocumentFormat.sniff(Array("<htmlx>".utf8)) == .text)
        #expect(DocumentFormat.sniff(Array("Nhà máy <b>Z131</b>".utf8)) == .text)
    }

    @Test func emptyAndBinaryPages() throws {
        let empty = try Self.pipeline.process(bytes: Array("<html><body><script>x</script></body></html>".utf8), source: "e", format: .html)
        #expect(empty.diagnostics.map(\.code) == [.emptyDocument])
        #expect(empty.language == .und)
        let binary = try Self.pipeline.process(bytes: [0x3C, 0x70, 0x3E, 0x00, 0x01], source: "b", format: .html)
        #expect(binary.diagnostics.map(\.code) == [.binarySkipped])
    }

    @Test func badUTF8InHTMLIsReplacedAndReported() {
        let bytes = Array("<p>Nhà máy Z131 ".utf8) + [0xFF] + Array(" đạt</p>".utf8)
        let d = HTMLText.decode(bytes)
        #expect(String(decoding: d.units, as: UTF16.self) == "Nhà máy Z131 \u{FFFD} đạt")
        #expect(d.diagnostics.map(\.code) == [.invalidBytes])
        #expect(d.diagnostics[0].start == nil)
    }
}
