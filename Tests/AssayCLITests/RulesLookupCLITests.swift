import Foundation
import Testing

/// `assay` finds its rules from the executable's location when `./rules` is absent, so it works from
/// any folder: an installed layout (`PREFIX/bin/assay`, `PREFIX/share/assay/rules`) reached through a
/// symbolic link, and the package checkout.
@Suite struct RulesLookupCLITests {
    @Test func anInstalledBinaryFindsShareAssayRulesThroughALink() throws {
        let prefix = tempDir()
        defer { try? FileManager.default.removeItem(at: prefix) }
        let fm = FileManager.default
        for dir in ["bin", "share/assay/rules", "work", "elsewhere"] {
            try fm.createDirectory(at: prefix.appendingPathComponent(dir), withIntermediateDirectories: true)
        }
        try fm.copyItem(atPath: binary, toPath: prefix.appendingPathComponent("bin/assay").path)
        // Only two of the rule folders, so the count shows which directory was loaded.
        for lang in ["common", "vi"] {
            try fm.copyItem(at: root.appendingPathComponent("rules/\(lang)"), to: prefix.appendingPathComponent("share/assay/rules/\(lang)"))
        }
        let link = prefix.appendingPathComponent("elsewhere/assay")
        try fm.createSymbolicLink(atPath: link.path, withDestinationPath: prefix.appendingPathComponent("bin/assay").path)
        let copied = try fm.subpathsOfDirectory(atPath: prefix.appendingPathComponent("share/assay/rules").path).filter { $0.hasSuffix(".yaml") }.count

        let p = Process()
        p.executableURL = link
        p.arguments = ["rules", "check"]
        p.currentDirectoryURL = prefix.appendingPathComponent("work")
        var env = ProcessInfo.processInfo.environment
        env["ASSAY_RULES"] = nil
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(String(decoding: data, as: UTF8.self).contains("\(copied) files,"))
    }

    @Test func theCheckoutsBinaryWorksFromAnotherFolder() throws {
        let elsewhere = tempDir()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        // An empty $ASSAY_RULES counts as unset; there is no ./rules here.
        let r = try assay(["extract", "--compact", "--text", "Nhà máy Z131 đạt doanh thu 500 tỷ đồng."], cwd: elsewhere, env: ["ASSAY_RULES": ""])
        #expect(r.status == 0)
        let entities = try #require(r.lines.first?["entities"] as? [[String: Any]])
        #expect(entities.contains { ($0["value"] as? [String: Any])?["code"] as? String == "Z131" })
        #expect(entities.contains { ($0["value"] as? [String: Any])?["amount"] as? String == "500000000000" })
    }
}
