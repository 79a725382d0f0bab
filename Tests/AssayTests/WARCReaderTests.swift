import Foundation
import Testing

@testable import Assay

/// WARC archives read record by record (issue 16). The gzip form is tested end to end with archives
/// written by Scripts/make_warc_fixture.py (Tests/AssayCLITests/WARCCLITests.swift).
@Suite struct WARCReaderTests {
    static func record(_ type: String, _ headers: [(String, String)], _ block: String) -> String {
        var s = "WARC/1.1\r\nWARC-Type: \(type)\r\n"
        for (k, v) in headers { s += "\(k): \(v)\r\n" }
        return s + "Content-Length: \(block.utf8.count)\r\n\r\n" + block + "\r\n\r\n"
    }

    static func response(_ uri: String, _ contentType: String, _ body: String, extra: String = "") -> String {
        record(
            "response",
            [
                ("WARC-Record-ID", "<urn:uuid:\(uri.count)>"), ("WARC-Date", "2026-11-20T00:00:00Z"), ("WARC-Target-URI", uri),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            "HTTP/1.1 200 OK\r\nContent-Type: \(contentType)\r\n\(extra)\r\n" + body)
    }

    static func items(_ archive: String) -> [WARCItem] {
        let reader = WARCReader(bytes: Array(archive.utf8), name: "a.warc")
        var out: [WARCItem] = []
        while let i = reader.next() { out.append(i) }
        return out
    }

    @Test func responsesBecomeDocumentsInOrderAndOthersAreSkipped() {
        let archive =
            Self.record("warcinfo", [], "software: x\r\n")
            + Self.response("https://a.example/1", "text/html; charset=utf-8", "<p>Nhà máy Z131</p>")
            + Self.record("request", [("WARC-Target-URI", "https://a.example/1")], "GET / HTTP/1.1\r\n\r\n")
            + Self.response("https://a.example/logo", "image/png", "PNG")
            + Self.response("https://a.example/2", "text/plain", "Z121 Factory")
        let items = Self.items(archive)
        var docs: [WARCDocument] = []
        var skipped: [String] = []
        for i in items {
            switch i {
            case .document(let d): docs.append(d)
            case .skipped(let t): skipped.append(t)
            case .failure(_, let m): Issue.record("unexpected failure \(m)")
            }
        }
        #expect(docs.map(\.source) == ["https://a.example/1", "https://a.example/2"])
        #expect(docs.map(\.format) == [.html, .text])
        #expect(docs[0].charset == "utf-8")
        #expect(String(decoding: docs[0].payload, as: UTF8.self) == "<p>Nhà máy Z131</p>")
        #expect(skipped == ["warcinfo", "request", "response-other"])
        #expect(
            docs[0].meta
                == .object([
                    ("warc_record_id", .string("<urn:uuid:19>")), ("warc_date", .string("2026-11-20T00:00:00Z")),
                    ("url", .string("https://a.example/1")), ("content_type", .string("text/html; charset=utf-8")),
                ]))
    }

    @Test func aMalformedRecordIsAFailureAndReadingGoesOn() {
        let bad = "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\nlost\r\n\r\n"
        let archive = Self.response("https://a.example/1", "text/html", "<p>one</p>") + bad + Self.response("https://a.example/2", "text/html", "<p>two</p>")
        let items = Self.items(archive)
        #expect(items.count == 3)
        guard items.count == 3 else { return }
        if case .failure(let source, let message) = items[1] {
            #expect(source.hasPrefix("a.warc#"))
            #expect(message.contains("Content-Length"))
        } else {
            Issue.record("expected a failure, got \(items[1])")
        }
        if case .document(let d) = items[2] { #expect(d.source == "https://a.example/2") } else { Issue.record("lost the record after") }
    }

    @Test func aTruncatedLastRecordIsAFailure() {
        let whole = Self.response("https://a.example/1", "text/html", "<p>one</p>")
        let archive = whole + String(whole.prefix(whole.count - 12))
        let items = Self.items(archive)
        #expect(items.count == 2)
        if case .failure(_, let message) = items.last { #expect(message.contains("truncated")) } else { Issue.record("no failure") }
    }

    @Test func chunkedPayloadsAreJoined() {
        // "Nhà " is 5 bytes in UTF-8, "máy Z131" 9: chunk sizes count bytes.
        let fixed = "5\r\nNhà \r\n9\r\nmáy Z131\r\n0\r\n\r\n"
        let archive = Self.response("https://a.example/c", "text/plain", fixed, extra: "Transfer-Encoding: chunked\r\n")
        guard case .document(let d) = Self.items(archive).first else {
            Issue.record("no document")
            return
        }
        #expect(String(decoding: d.payload, as: UTF8.self) == "Nhà máy Z131")
    }

    @Test func recordOfAWARCDocumentSaysWarcAndReadsItsPayload() throws {
        let archive = Self.response("https://a.example/1", "text/html", "<title>T</title><p>Nhà máy Z131 đạt 1.500 <b>tỷ đồng</b></p>")
        guard case .document(let d) = Self.items(archive).first else {
            Issue.record("no document")
            return
        }
        let (r, _) = try Pipeline(rules: shippedRules).process(warc: d, withText: true)
        #expect(r.format == "warc")
        #expect(r.source == "https://a.example/1")
        #expect(r.text == "T\nNhà máy Z131 đạt 1.500 tỷ đồng")
        #expect(r.entities.map(\.text) == ["Nhà máy Z131", "1.500 tỷ đồng"])
    }

    @Test func anUnsupportedContentEncodingIsAFailureNotGarbage() {
        let archive =
            Self.response("https://a.example/br", "text/html", "\u{1B}binary", extra: "Content-Encoding: br\r\n")
            + Self.response("https://a.example/ok", "text/html", "<p>ok</p>")
        let items = Self.items(archive)
        #expect(items.count == 2)
        if case .failure(let source, let message) = items.first {
            #expect(source == "a.warc#0")
            #expect(message.contains("content encoding 'br' is not supported"))
        } else {
            Issue.record("expected a failure")
        }
        if case .document(let d) = items.last { #expect(d.source == "https://a.example/ok") } else { Issue.record("lost the next record") }
    }
}
