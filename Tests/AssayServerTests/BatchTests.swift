import Assay
import AssayServer
import Foundation
import Testing

@Suite struct BatchTests {
    @Test func linesInRecordsOutInOrderAsStdinJSONL() async throws {
        let lines = [
            #"{"id":"a","text":"Nhà máy Z131 đạt 1.500 tỷ đồng","batch":7}"#,
            "not json",
            "",
            #"{"text":"Z121 Factory earned VND240 billion in 2020."}"#,
            #"{"id":5,"text":"कर्नल राजेश"}"#,
            #"{"id":"no-text"}"#,
            "[]",
            #"{"id":"plain","text":"ok"}"#,
        ]
        let body = lines.joined(separator: "\n") + "\n"
        try await withServer { port, _ in
            for chunk in [nil, 7] as [Int?] {
                let r = try await http(port, "POST", "/v1/batch", headers: [("Content-Type", "application/x-ndjson")], body: Array(body.utf8), chunked: chunk)
                #expect(r.status == 200)
                #expect(r.header("Content-Type") == "application/x-ndjson")
                // The empty line 3 gets no record; the others get exactly the line --stdin-jsonl writes.
                var expected: [UInt8] = []
                for (i, l) in lines.enumerated() where !l.isEmpty { expected += expectedStreamRecord(l, line: i + 1) }
                #expect(r.body == expected)
                let sources = r.lines.map { $0["source"] as? String ?? "?" }
                #expect(sources == ["a", "stdin:2", "stdin:4", "stdin:5", "no-text", "stdin:7", "plain"])
                let errors = r.lines.map { ($0["error"] as? [String: Any])?["code"] as? String }
                #expect(errors == [nil, "E303", nil, nil, "E303", "E303", nil])
            }
        }
    }

    @Test func crlfLinesInvalidBytesAndNoFinalNewline() async throws {
        let first = #"{"id":"x","text":"Nhà máy Z131"}"#
        let second = #"{"id":"y","text":"Z121 Factory"}"#
        let body = Array((first + "\r\n").utf8) + Array(#"{"id":"z","text":"bad "#.utf8) + [0xC3, 0x28] + Array("\"}\n".utf8) + Array(second.utf8)
        try await withServer { port, _ in
            let r = try await http(port, "POST", "/v1/batch", headers: [("Content-Type", "application/x-ndjson")], body: body)
            #expect(r.status == 200)
            let third = String(decoding: Array(#"{"id":"z","text":"bad "#.utf8) + [0xC3, 0x28] + Array("\"}".utf8), as: UTF8.self)
            #expect(r.body == expectedStreamRecord(first, line: 1) + expectedStreamRecord(third, line: 2) + expectedStreamRecord(second, line: 3))
        }
    }

    @Test func manyLinesStayInOrder() async throws {
        let texts = (0..<300).map { i in #"{"id":"doc-\#(i)","text":"Nhà máy Z1\#(i % 90 + 10) đạt \#(i).500 tỷ đồng năm 20\#(10 + i % 15)"}"# }
        try await withServer { port, _ in
            let r = try await http(
                port, "POST", "/v1/batch", headers: [("Content-Type", "application/x-ndjson")], body: Array(texts.joined(separator: "\n").utf8), chunked: 1000)
            #expect(r.status == 200)
            #expect(r.lines.map { $0["source"] as? String ?? "" } == (0..<300).map { "doc-\($0)" })
            var expected: [UInt8] = []
            for (i, t) in texts.enumerated() { expected += expectedStreamRecord(t, line: i + 1) }
            #expect(r.body == expected)
        }
    }

    @Test func anEmptyBodyAndAnOverlongLine() async throws {
        var options = ServerOptions(rulesDirectory: rulesPath)
        options.maxBodySize = 1000
        try await withServer(options) { port, _ in
            let empty = try await http(port, "POST", "/v1/batch", headers: [("Content-Type", "application/x-ndjson")], body: [])
            #expect(empty.status == 200)
            #expect(empty.body.isEmpty)
            let long = #"{"id":"long","text":""# + String(repeating: "x", count: 5000) + #""}"#
            let body = [#"{"id":"a","text":"Z121 Factory"}"#, long, #"{"id":"c","text":"Z131"}"#].joined(separator: "\n")
            for chunk in [nil, 100] as [Int?] {
                let r = try await http(port, "POST", "/v1/batch", headers: [("Content-Type", "application/x-ndjson")], body: Array(body.utf8), chunked: chunk)
                #expect(r.status == 200)
                let lines = r.lines
                #expect(lines.count == 3)
                #expect(lines[1]["source"] as? String == "stdin:2")
                #expect((lines[1]["error"] as? [String: Any])?["code"] as? String == "E303")
                #expect(((lines[1]["error"] as? [String: Any])?["message"] as? String)?.contains("longer than the limit of 1000 bytes") == true)
                #expect(lines[2]["source"] as? String == "c")
            }
        }
    }

    @Test func recordsArriveWhileTheBodyIsStillBeingSent() async throws {
        try await withServer { port, _ in
            let got = try await offPool { () -> (String, Bool) in
                let c = try HTTPConnection(port: port)
                c.sendHead("POST", "/v1/batch", headers: [("Content-Type", "application/x-ndjson")], length: nil)
                c.sendChunk(Array(#"{"id":"first","text":"Nhà máy Z131"}"#.utf8) + [0x0A])
                // The first record comes back before the body ends.
                let seen = c.receive { String(decoding: $0, as: UTF8.self).contains("\"first\"") }
                let early = String(decoding: seen, as: UTF8.self).contains("\"first\"")
                c.sendChunk(Array(#"{"id":"second","text":"Z121 Factory"}"#.utf8) + [0x0A])
                c.sendChunk([])
                let rest = c.receiveToEnd()
                let reply = try HTTPConnection.parse(seen + rest)
                return (reply.text, early)
            }
            #expect(got.1)
            #expect(got.0.contains("\"second\""))
        }
    }
}
