import Assay
import AssayServer
import Foundation
import Testing

@Suite struct ExtractTests {
    @Test func aTextBodyGivesTheRecordExtractGives() async throws {
        let text = "Thượng tá Lê Minh Quang cho biết năm 2023 Nhà máy Z131 đạt doanh thu gần 1.500 tỷ đồng."
        try await withServer { port, server in
            let r = try await http(port, "POST", "/v1/extract?source=news/a.txt", contentType: "text/plain", body: text)
            #expect(r.status == 200)
            #expect(r.header("Content-Type") == "application/json")
            #expect(r.body == expectedRecord(Array(text.utf8), source: "news/a.txt"))
            #expect(r.header("Assay-Rules-Version") == server.store.current.version)
            #expect(r.header("X-Request-Id")?.isEmpty == false)
            let types = (r.json["entities"] as? [[String: Any]] ?? []).map { $0["type"] as? String ?? "" }
            #expect(types == ["officer", "period", "factory", "money"])
            // Without ?source= the source is `http`; without a Content-Type the body is bytes too.
            let plain = try await http(port, "POST", "/v1/extract", body: Array(text.utf8))
            #expect(plain.body == expectedRecord(Array(text.utf8), source: "http"))
        }
    }

    @Test func encodingLanguageAndCharsetWorkAsTheCLIOptions() async throws {
        try await withServer { port, _ in
            let legacy = BadInput.windows1258
            let forced = try await http(port, "POST", "/v1/extract?encoding=windows-1258&source=x", headers: [("Content-Type", "text/plain")], body: legacy)
            #expect(forced.body == expectedRecord(legacy, source: "x", encoding: "windows-1258"))
            let charset = try await http(port, "POST", "/v1/extract?source=x", headers: [("Content-Type", "text/plain; charset=windows-1258")], body: legacy)
            #expect(charset.body == forced.body)
            let text = "Colonel Nguyen Van An said revenue reached VND240 billion in 2020."
            let vi = try await http(port, "POST", "/v1/extract?lang=vi&source=y", contentType: "text/plain", body: text)
            #expect(vi.body == expectedRecord(Array(text.utf8), source: "y", language: .vi))
            #expect(vi.json["language"] as? String == "vi")
        }
    }

    @Test func aJSONBodyIsOneStreamLine() async throws {
        try await withServer { port, _ in
            let line = #"{"id":"doc-7","text":"Nhà máy Z131 đạt 1.500 tỷ đồng","batch":7,"tags":["a"]}"#
            let r = try await http(port, "POST", "/v1/extract", contentType: "application/json", body: line)
            #expect(r.status == 200)
            #expect(r.body == expectedStreamRecord(line, line: 1))
            #expect(r.json["source"] as? String == "doc-7")
            #expect((r.json["meta"] as? [String: Any])?["batch"] as? Int == 7)
            let noID = #"{"text":"Z121 Factory"}"#
            let n = try await http(port, "POST", "/v1/extract", contentType: "application/json; charset=utf-8", body: noID)
            #expect(n.json["source"] as? String == "stdin:1")
            // A malformed body or one without a string text gets its E303 record with a 400.
            for bad in ["not json", "[1,2]", #"{"id":"x","text":5}"#, ""] {
                let e = try await http(port, "POST", "/v1/extract", contentType: "application/json", body: bad)
                #expect(e.status == 400, "\(bad)")
                #expect(e.errorCode == "E303", "\(bad)")
                #expect(e.body == expectedStreamRecord(bad, line: 1), "\(bad)")
            }
        }
    }

    @Test func everyBadInputClassGivesARecordNotACrash() async throws {
        try await withServer { port, _ in
            let cases: [(String, [UInt8], [String])] = [
                ("empty", BadInput.empty, ["W304"]),
                ("binary", BadInput.binary, ["W302"]),
                ("invalid-utf8", BadInput.invalidUTF8, ["W301"]),
                ("windows-1258", BadInput.windows1258, ["W303"]),
                ("utf16-bom", BadInput.utf16WithBOM, []),
                ("crlf-bom", BadInput.crlfBOM, []),
                ("nul", BadInput.nulInText, ["W302"]),
            ]
            for (name, bytes, expected) in cases {
                let r = try await http(port, "POST", "/v1/extract?source=\(name)", headers: [("Content-Type", "application/octet-stream")], body: bytes)
                #expect(r.status == 200, "\(name)")
                #expect(r.body == expectedRecord(bytes, source: name), "\(name)")
                #expect(codes(r.json) == expected, "\(name)")
            }
            #expect(try await http(port, "GET", "/healthz").status == 200)
        }
    }

    @Test func aLargeDocumentUnderTheLimitAndOneOverIt() async throws {
        var options = ServerOptions(rulesDirectory: rulesPath)
        options.maxBodySize = 300_000
        try await withServer(options) { port, _ in
            let sentence = Array("Nhà máy Z131 đạt doanh thu 1.500 tỷ đồng năm 2020. Công nhân làm việc chăm chỉ. ".utf8)
            var big: [UInt8] = []
            while big.count + sentence.count <= 300_000 { big += sentence }
            let ok = try await http(port, "POST", "/v1/extract?source=big", headers: [("Content-Type", "text/plain")], body: big)
            #expect(ok.status == 200)
            #expect(ok.body == expectedRecord(big, source: "big"))
            let over = big + big
            // Declared too large: refused before the body is read.
            let declared = try await http(port, "POST", "/v1/extract", headers: [("Content-Type", "text/plain")], body: over)
            #expect(declared.status == 413)
            #expect(declared.errorCode == "payload_too_large")
            // Chunked, so only counting tells.
            let streamed = try await http(port, "POST", "/v1/extract", headers: [("Content-Type", "text/plain")], body: over, chunked: 65536)
            #expect(streamed.status == 413)
            #expect(streamed.errorCode == "payload_too_large")
            #expect(try await http(port, "GET", "/healthz").status == 200)
        }
    }
}
