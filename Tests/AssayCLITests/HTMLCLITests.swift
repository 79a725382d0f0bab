import Foundation
import Testing

/// HTML pages and WARC archives through the built binary (issue 16).
@Suite(.serialized) struct HTMLCLITests {
    static let fixtures = root.appendingPathComponent("Tests/AssayTests/Fixtures/HTML")

    /// A directory with the WARC archives of Scripts/make_warc_fixture.py.
    static func warcDirectory() throws -> URL {
        let dir = tempDir()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", root.appendingPathComponent("Scripts/make_warc_fixture.py").path, dir.path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return dir
    }

    @Test func extractAndNormalizeAnHTMLPage() throws {
        let page = Self.fixtures.appendingPathComponent("vi-nested.html").path
        let r = try assay(["extract", "--compact", "--with-text", page])
        #expect(r.status == 0)
        let rec = r.lines[0]
        #expect(rec["format"] as? String == "html")
        let text = rec["text"] as! String
        #expect(text.hasPrefix("Nhà máy Z131 vượt kế hoạch\nNhà máy Z131 vượt kế hoạch năm 2023\n"))
        let scalars = Array(text.unicodeScalars)
        for e in rec["entities"] as! [[String: Any]] {
            let s = e["start"] as! Int, t = e["end"] as! Int
            #expect(String(String.UnicodeScalarView(scalars[s..<t])) == e["text"] as! String)
        }
        let money = (rec["entities"] as! [[String: Any]]).filter { $0["type"] as? String == "money" }
        #expect((money.first?["value"] as? [String: Any])?["amount"] as? String == "1500000000000")
        // Without --with-text the key is there, null.
        let plain = try assay(["extract", "--compact", page]).lines[0]
        #expect(plain["text"] is NSNull)
        let n = try assay(["normalize", page])
        #expect(n.status == 0)
        let shown = String(decoding: n.stdout, as: UTF8.self)
        #expect(shown.contains("đạt doanh thu 1.500 tỷ đồng, tăng 12%"))
        #expect(!shown.contains("<"))
        #expect(!shown.contains("Z999"))
    }

    @Test func htmlOnStandardInputIsSniffed() throws {
        let html = "<!DOCTYPE html><html><body><p>Nhà máy <i>Z131</i> đạt 1.500 <b>tỷ đồng</b></p></body></html>"
        let r = try assay(["extract", "--compact", "--with-text"], stdin: Data(html.utf8))
        let rec = r.lines[0]
        #expect(rec["format"] as? String == "html")
        #expect(rec["text"] as? String == "Nhà máy Z131 đạt 1.500 tỷ đồng")
        #expect((rec["entities"] as! [[String: Any]]).map { $0["text"] as! String } == ["Nhà máy Z131", "1.500 tỷ đồng"])
    }

    @Test func runTakesHTMLByDefaultInDirectories() throws {
        let dir = tempDir()
        for name in ["vi-nested.html", "hi-nested.html"] {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        try Data("Nhà máy Z131".utf8).write(to: dir.appendingPathComponent("a.txt"))
        try Data("ignored".utf8).write(to: dir.appendingPathComponent("notes.md"))
        let r = try assay(["run", dir.path, "--quiet"])
        #expect(r.status == 0)
        #expect(r.lines.map { ($0["source"] as! String).split(separator: "/").last.map(String.init)! } == ["a.txt", "hi-nested.html", "vi-nested.html"])
        #expect(r.lines.map { $0["format"] as! String } == ["text", "html", "html"])
        let only = try assay(["run", dir.path, "--quiet", "--glob", "*.txt"])
        #expect(only.lines.count == 1)
    }

    @Test func streamLinesMayCarryHTML() throws {
        let input = """
            {"id":"p","format":"html","text":"<p>Nhà máy <b>Z131</b></p><script>Z999</script>"}
            {"id":"t","text":"<p>Nhà máy Z131</p>"}
            {"id":"x","format":"pdf","text":"x"}

            """
        let r = try assay(["run", "--stdin-jsonl", "--with-text"], stdin: Data(input.utf8))
        #expect(r.status == 1)
        let lines = r.lines
        #expect(lines.count == 3)
        #expect(lines[0]["format"] as? String == "html")
        #expect(lines[0]["text"] as? String == "Nhà máy Z131")
        #expect((lines[0]["meta"] as? [String: Any])?["format"] as? String == "html")
        #expect(lines[1]["format"] as? String == "text")
        #expect(lines[1]["text"] as? String == "<p>Nhà máy Z131</p>")
        #expect((lines[2]["error"] as? [String: Any])?["code"] as? String == "E303")
    }

    @Test func warcArchivesGiveOneRecordPerResponseAndGoOnPastBadMembers() throws {
        let dir = try Self.warcDirectory()
        let stats = dir.appendingPathComponent("stats.json").path
        let r = try assay(["run", dir.appendingPathComponent("news.warc.gz").path, "--with-text", "--quiet", "--stats", stats])
        #expect(r.status == 1)  // the corrupt and the truncated member
        let lines = r.lines
        #expect(
            lines.map { $0["source"] as! String }.map { $0.hasPrefix(dir.path) ? "#" + $0.split(separator: "#").last! : $0 } == [
                "https://tin.example.vn/z131", "#1121", "https://news.example.com/z121", "https://samachar.example.in/z175", "#1991",
            ])
        #expect(lines.allSatisfy { $0["format"] as? String == "warc" })
        let errors = lines.compactMap { ($0["error"] as? [String: Any]) }
        #expect(errors.map { $0["code"] as! String } == ["E303", "E303"])
        #expect((errors[0]["message"] as! String).contains("corrupt"))
        #expect((errors[1]["message"] as! String).contains("truncated"))
        // Charset from the HTTP header only (windows-1258 bytes).
        #expect(lines[0]["encoding"] as? String == "windows-1258")
        #expect(lines[0]["text"] as? String == "Nhà máy Z131 báo lãi\nNăm 2023, Nhà máy Z131 đạt doanh thu 1.500 tỷ đồng.")
        let meta = lines[0]["meta"] as! [String: Any]
        #expect(meta["warc_record_id"] as? String == "<urn:uuid:00000000-0000-4000-8000-000000000001>")
        #expect(meta["warc_date"] as? String == "2026-11-21T08:00:00Z")
        #expect(meta["url"] as? String == "https://tin.example.vn/z131")
        #expect(meta["content_type"] as? String == "text/html; charset=windows-1258")
        // Chunked text/plain and a gzip-encoded HTML payload.
        #expect(lines[2]["text"] as? String == "Z121 Factory earned VND 240 billion in revenue in 2022.\n")
        #expect((lines[3]["entities"] as! [[String: Any]]).contains { $0["text"] as? String == "23.4 बिलियन VND" })
        #expect(r.stderr.contains("WARC records skipped: metadata 1, request 1, response-other 1, warcinfo 1"))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: stats))) as! [String: Any]
        #expect(summary["warc_skipped"] as? [String: Int] == ["metadata": 1, "request": 1, "response-other": 1, "warcinfo": 1])
    }

    @Test func plainWARCWithAMalformedRecord() throws {
        let dir = try Self.warcDirectory()
        let r = try assay(["run", dir.appendingPathComponent("plain.warc").path, "--quiet"])
        #expect(r.status == 1)
        let lines = r.lines
        #expect(lines.count == 4)
        #expect(lines.map { $0["error"] is NSNull } == [true, false, true, true])
        #expect(lines[3]["source"] as? String == "https://samachar.example.in/z175")
        let bad = try assay(["extract", dir.appendingPathComponent("plain.warc").path])
        #expect(bad.status == 64)
    }

    @Test func warcOutputValidatesAgainstTheSchema() throws {
        let dir = try Self.warcDirectory()
        let out = dir.appendingPathComponent("records.jsonl").path
        _ = try assay(["run", dir.path, "--with-text", "--out", out, "--quiet"])
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [
            "python3", root.appendingPathComponent("Scripts/validate_records.py").path, root.appendingPathComponent("schema/record.v1.json").path, out,
        ]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    /// The bench generator's HTML pages hold the same articles as its text files: extraction must give
    /// back every paragraph and every entity (the headline, also the page title, comes once more).
    @Test func htmlPagesGiveTheEntitiesOfTheSameArticlesAsText() throws {
        let dir = tempDir()
        for (format, sub) in [("text", "t"), ("html", "h")] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = [
                "python3", root.appendingPathComponent("Scripts/bench_corpus.py").path, "--size", "60KB", "--seed", "7", "--quiet",
                "--format", format, dir.appendingPathComponent(sub).path,
            ]
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
        let text = try assay(["run", dir.appendingPathComponent("t").path, "--quiet"]).lines
        let html = try assay(["run", dir.appendingPathComponent("h").path, "--quiet", "--with-text"]).lines
        #expect(text.count == html.count)
        #expect(text.count > 5)
        func key(_ e: [String: Any]) -> String {
            let value = try! JSONSerialization.data(withJSONObject: e["value"]!, options: [.sortedKeys])
            return "\(e["type"]!) \(e["text"]!) \(String(decoding: value, as: UTF8.self))"
        }
        for (t, h) in zip(text, html) {
            let titleEnd = (h["text"] as! String).split(separator: "\n", omittingEmptySubsequences: false)[0].unicodeScalars.count
            let fromText = (t["entities"] as! [[String: Any]]).map(key)
            let fromHTML = (h["entities"] as! [[String: Any]]).filter { ($0["start"] as! Int) > titleEnd }.map(key)
            #expect(fromText == fromHTML, "\(t["source"]!)")
            #expect(!fromText.isEmpty)
        }
    }
}
