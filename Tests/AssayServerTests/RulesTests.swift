import Assay
import AssayServer
import Foundation
import Testing

@Suite struct RulesTests {
    let officerText = "Colonel Tran Quoc Bao said Z121 Factory earned VND240 billion in 2020."

    @Test func theRuleSetIsDescribed() async throws {
        try await withServer { port, server in
            let r = try await http(port, "GET", "/v1/rules")
            #expect(r.status == 200)
            let rules = r.json
            #expect(rules["version"] as? String == sharedRules.version)
            #expect((rules["version"] as? String)?.hasPrefix("sha256:") == true)
            #expect(rules["rules"] as? Int == sharedRules.ruleCount)
            #expect((rules["rules"] as? Int ?? 0) > 50)
            #expect(rules["files"] as? Int == 26)
            #expect(rules["generation"] as? Int == 1)
            let health = try await http(port, "GET", "/healthz").json
            #expect(health["status"] as? String == "ok")
            #expect(health["rules_version"] as? String == sharedRules.version)
            #expect(health["workers"] as? Int == server.options.workers)
        }
    }

    @Test func theVersionIsAHashOfTheFiles() throws {
        let dir = try copyOfRules()
        // The same files elsewhere: the same version.
        #expect(try loadSnapshot(dir).version == sharedRules.version)
        let file = dir.appendingPathComponent("en/factory.yaml")
        try (String(contentsOf: file, encoding: .utf8) + "\n# a comment\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(try loadSnapshot(dir).version != sharedRules.version)
    }

    @Test func aReloadSwapsRulesAndInFlightRequestsKeepTheirs() async throws {
        let dir = try copyOfRules()
        try await withServer(ServerOptions(rulesDirectory: dir.path, checkExamplesOnReload: false), rules: try loadSnapshot(dir)) { port, server in
            let line = #"{"id":"l","text":"\#(officerText)"}"#
            // A batch that started on the first rules...
            let (before, after, reloadStatus) = try await offPool { () -> ([String], [String], Int?) in
                let c = try HTTPConnection(port: port)
                c.sendHead("POST", "/v1/batch", headers: [("Content-Type", "application/x-ndjson")], length: nil)
                c.sendChunk(Array((line + "\n").utf8))
                let seen = c.receive { String(decoding: $0, as: UTF8.self).components(separatedBy: "\"schema\"").count >= 2 }
                // ...goes on after the officer rules are gone and the reload went through.
                try FileManager.default.removeItem(at: dir.appendingPathComponent("en/officer.yaml"))
                let semaphore = DispatchSemaphore(value: 0)
                let box = ReplyBox()
                Task {
                    box.reply = try? await http(port, "POST", "/v1/rules/reload")
                    semaphore.signal()
                }
                semaphore.wait()
                c.sendChunk(Array((line + "\n").utf8))
                c.sendChunk([])
                let rest = c.receiveToEnd()
                let lines = try HTTPConnection.parse(seen + rest).lines
                return (entityTypes(lines[0]), entityTypes(lines[1]), box.reply?.status)
            }
            #expect(reloadStatus == 200)
            #expect(before.contains("officer"))
            #expect(after == before)
            // A request that starts now gets the new rules.
            let now = try await http(port, "POST", "/v1/extract", contentType: "text/plain", body: officerText)
            #expect(!entityTypes(now.json).contains("officer"))
            #expect(entityTypes(now.json).contains("money"))
            let rules = try await http(port, "GET", "/v1/rules").json
            #expect(rules["generation"] as? Int == 2)
            #expect(rules["files"] as? Int == 25)
            #expect(rules["version"] as? String != sharedRules.version)
            #expect(server.store.current.generation == 2)
        }
    }

    @Test func aBrokenRuleDirectoryLeavesTheOldRulesInForce() async throws {
        let dir = try copyOfRules()
        try await withServer(ServerOptions(rulesDirectory: dir.path, checkExamplesOnReload: true), rules: try loadSnapshot(dir)) { port, _ in
            let before = try await http(port, "GET", "/v1/rules").json
            // An unknown lexicon and a YAML syntax error: both listed.
            try "language: vi\ndimension: money\nrules:\n  - id: vi.money.x\n    pattern: \"@nope\"\n".write(
                to: dir.appendingPathComponent("vi/money.yaml"), atomically: true, encoding: .utf8)
            try "language: en\ndimension: factory\nrules: [\n".write(to: dir.appendingPathComponent("en/factory.yaml"), atomically: true, encoding: .utf8)
            let r = try await http(port, "POST", "/v1/rules/reload")
            #expect(r.status == 422)
            #expect(r.errorCode == "rules_invalid")
            let details = (r.json["error"] as? [String: Any])?["details"] as? [String: Any]
            let errors = details?["errors"] as? [[String: Any]] ?? []
            let listed = Set(errors.map { "\(URL(fileURLWithPath: $0["path"] as? String ?? "").lastPathComponent):\($0["code"] as? String ?? "")" })
            #expect(listed.contains("money.yaml:E104"))
            #expect(listed.contains { $0.hasPrefix("factory.yaml:E1") })
            #expect((details?["rules"] as? [String: Any])?["version"] as? String == before["version"] as? String)
            // The old rules still answer, money included.
            let text = "Nhà máy Z131 đạt 1.500 tỷ đồng"
            let e = try await http(port, "POST", "/v1/extract?source=s", contentType: "text/plain", body: text)
            #expect(e.body == expectedRecord(Array(text.utf8), source: "s"))
            #expect(try await http(port, "GET", "/v1/rules").json["generation"] as? Int == 1)
        }
    }

    @Test func aFailingExampleRefusesTheReload() async throws {
        let dir = try copyOfRules()
        try await withServer(ServerOptions(rulesDirectory: dir.path, checkExamplesOnReload: true), rules: try loadSnapshot(dir)) { port, _ in
            let file = dir.appendingPathComponent("en/factory.yaml")
            let text = try String(contentsOf: file, encoding: .utf8)
            let changed = text.replacingOccurrences(
                of: "{type: factory, text: Factory Z121, value: {code: Z121}}", with: "{type: factory, text: Factory Z121, value: {code: Z122}}")
            #expect(changed != text)
            try changed.write(to: file, atomically: true, encoding: .utf8)
            let r = try await http(port, "POST", "/v1/rules/reload")
            #expect(r.status == 422)
            let errors = ((r.json["error"] as? [String: Any])?["details"] as? [String: Any])?["errors"] as? [[String: Any]] ?? []
            #expect(errors.map { $0["code"] as? String } == ["E190"])
            // Put right, the reload goes through and the examples were run.
            try text.write(to: file, atomically: true, encoding: .utf8)
            let ok = try await http(port, "POST", "/v1/rules/reload")
            #expect(ok.status == 200)
            #expect(((ok.json["rules"] as? [String: Any])?["examples_checked"] as? Int ?? 0) > 100)
        }
    }
}

final class ReplyBox: @unchecked Sendable {
    var reply: HTTPReply?
}
