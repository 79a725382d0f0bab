import Foundation
import Testing

/// W2xx content warnings through the binary: on the record with their span, in the summary, and
/// a failure under `--strict`.
@Suite struct ContentWarningCLITests {
    @Test func ambiguousFigureIsReportedAndStrictFails() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "Nhà máy Z131 đạt doanh thu 1.50 tỷ đồng trong quý 5 năm 2023."
        let file = dir.appendingPathComponent("a.txt")
        try Data(text.utf8).write(to: file)
        let plain = try assay(["run", file.path, "--quiet"])
        #expect(plain.status == 0)
        let record = plain.lines[0]
        #expect(codes(record) == ["W201", "W202"])
        let diags = record["diagnostics"] as! [[String: Any]]
        let scalars = Array(text.unicodeScalars)
        let spans = diags.map { d -> String in
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars[(d["start"] as! Int)..<(d["end"] as! Int)])
            return String(v)
        }
        #expect(spans == ["1.50 tỷ đồng", "quý 5 năm 2023"])
        #expect(plain.stderr.contains("diagnostics: W201 1, W202 1"))
        let strict = try assay(["run", file.path, "--quiet", "--strict"])
        #expect(strict.status == 1)
        #expect(strict.lines.count == 1)
        // A clean document stays clean under --strict.
        try Data("Nhà máy Z131 đạt doanh thu 1.500 tỷ đồng năm 2023.".utf8).write(to: file)
        #expect(try assay(["run", file.path, "--quiet", "--strict"]).status == 0)
    }
}
