import Foundation
import Testing

/// `assay explain`, run as a built binary, shows the money values of the issue's "Done when" cases.
@Suite struct ExplainMoneyCLITests {
    /// The built `assay` next to the test bundle.
    static var binary: URL? {
        var dir = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("assay")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        return nil
    }

    static var rules: String {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("rules").path
    }

    func explain(_ text: String, lang: String) throws -> String {
        guard let binary = Self.binary else {
            Issue.record("no built assay binary next to \(Bundle.main.bundleURL.path)")
            return ""
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["explain", "--lang", lang, "--rules", Self.rules, text]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: [
        ("en", "VND2,300 billion", "{amount: \"2300000000000\", currency: \"VND\", qualifier: \"exact\", per: null}"),
        ("vi", "2.300 tỷ đồng", "{amount: \"2300000000000\", currency: \"VND\", qualifier: \"exact\", per: null}"),
        ("vi", "12,4 tỷ đồng", "{amount: \"12400000000\", currency: \"VND\", qualifier: \"exact\", per: null}"),
        ("hi", "9,870 बिलियन VND से अधिक", "{amount: \"9870000000000\", currency: \"VND\", qualifier: \"over\", per: null}"),
        ("hi", "11 मिलियन VND प्रति माह से अधिक", "{amount: \"11000000\", currency: \"VND\", qualifier: \"over\", per: \"month\"}"),
        ("vi", "gần 8,5 triệu đồng/người/tháng", "{amount: \"8500000\", currency: \"VND\", qualifier: \"approx\", per: \"person_month\"}"),
    ])
    func doneWhenCases(_ lang: String, _ text: String, _ value: String) throws {
        let out = try explain(text, lang: lang)
        let kept = out.split(separator: "\n").filter { $0.contains(" money ") && $0.contains(" kept ") }
        #expect(kept.count == 1, "\(out)")
        #expect(kept.first?.hasSuffix(value) == true, "\(out)")
    }
}
