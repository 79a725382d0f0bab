import Foundation
import Testing

/// End-to-end tests through the built `assay` binary (`make test` builds it first).
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let binary: String = {
    // ASSAY_TEST_BINARY runs the end-to-end tests against another build (e.g. an older one, to see a test fail).
    if let other = ProcessInfo.processInfo.environment["ASSAY_TEST_BINARY"], !other.isEmpty { return other }
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("assay").path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    return root.appendingPathComponent(".build/debug/assay").path
}()

struct Run {
    var status: Int32
    var stdout: Data
    var stderr: String
    var lines: [[String: Any]] {
        String(decoding: stdout, as: UTF8.self).split(separator: "\n").map {
            try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }
}

func assay(_ args: [String], stdin: Data? = nil, cwd: URL = root, env extra: [String: String] = [:]) throws -> Run {
    try runProcess(binary, args, stdin: stdin, cwd: cwd, env: extra)
}

/// Runs `executable` with `ASSAY_RULES` set to the package's rules, feeds it `stdin` (then end of
/// input), and collects both outputs.
func runProcess(_ executable: String, _ args: [String], stdin: Data? = nil, cwd: URL = root, env extra: [String: String] = [:]) throws -> Run {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = args
    p.currentDirectoryURL = cwd
    var env = ProcessInfo.processInfo.environment
    env["ASSAY_RULES"] = root.appendingPathComponent("rules").path
    env.merge(extra) { _, new in new }
    p.environment = env
    let out = Pipe(), err = Pipe(), inp = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = inp
    try p.run()
    if let stdin { inp.fileHandleForWriting.write(stdin) }
    try inp.fileHandleForWriting.close()
    let box = DataBox()
    let group = DispatchGroup()
    group.enter()
    let reader = out.fileHandleForReading
    DispatchQueue.global().async {
        box.data = reader.readDataToEndOfFile()
        group.leave()
    }
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    return Run(status: p.terminationStatus, stdout: box.data, stderr: String(decoding: errData, as: UTF8.self))
}

final class DataBox: @unchecked Sendable {
    var data = Data()
}

func tempDir() -> URL {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("assay-test-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
    return d
}

func codes(_ record: [String: Any]) -> [String] {
    (record["diagnostics"] as! [[String: Any]]).map { $0["code"] as! String }
}

@Suite(.serialized) struct CLITests {
    @Test func versionAndBadArguments() throws {
        #expect(try assay(["--version"]).status == 0)
        #expect(try assay(["run"]).status == 64)
        #expect(try assay(["run", "corpus", "--jobs", "0"]).status == 64)
        #expect(try assay(["run", "--format", "csv", "corpus"]).status == 64)
    }

    @Test func streamModeGivesOneRecordPerLineWithMeta() throws {
        let input = "{\"id\":\"a\",\"text\":\"Nhà máy Z131 đạt 1.500 tỷ đồng\",\"batch\":7}\nnot json\n{\"text\":\"x\"}\n"
        let r = try assay(["run", "--stdin-jsonl"], stdin: Data(input.utf8))
        #expect(r.status == 1)  // one malformed line
        let lines = r.lines
        #expect(lines.count == 3)
        #expect(lines[0]["source"] as? String == "a")
        #expect((lines[0]["meta"] as? [String: Any])?["batch"] as? Int == 7)
        let types = (lines[0]["entities"] as! [[String: Any]]).map { $0["type"] as! String }
        #expect(types.contains("factory"))
        #expect(types.contains("money"))
        #expect((lines[1]["error"] as? [String: Any])?["code"] as? String == "E303")
        #expect(lines[1]["source"] as? String == "stdin:2")
        #expect(lines[2]["source"] as? String == "stdin:3")
    }

    @Test func jobsDoNotChangeTheOutput() throws {
        let one = try assay(["run", "corpus", "--jobs", "1", "--quiet"])
        let two = try assay(["run", "corpus", "--jobs", "2", "--quiet"])
        #expect(one.status == 0)
        #expect(one.stdout == two.stdout)
        #expect(one.lines.count >= 45)
    }

    @Test func corpusOutputValidatesAgainstTheSchema() throws {
        let dir = tempDir()
        let out = dir.appendingPathComponent("records.jsonl").path
        #expect(try assay(["run", "corpus", "--out", out, "--quiet"]).status == 0)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [
            "python3", root.appendingPathComponent("Scripts/validate_records.py").path, root.appendingPathComponent("schema/record.v1.json").path, out,
        ]
        p.currentDirectoryURL = root
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    @Test func badInputsBecomeDiagnosticsNotCrashes() throws {
        let dir = tempDir()
        func file(_ name: String, _ bytes: [UInt8]) -> String {
            let p = dir.appendingPathComponent(name).path
            _ = FileManager.default.createFile(atPath: p, contents: Data(bytes))
            return p
        }
        let empty = file("a-empty.txt", [])
        let binaryFile = file("b-binary.txt", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0x00])
        let bad = file("c-bad.txt", Array("Nhà máy Z131 đạt ".utf8) + [0xC3, 0x28] + Array(" tỷ đồng".utf8))
        let legacy = file(
            "d-legacy.txt",
            [
                0x4E, 0x68, 0xE0, 0x20, 0x6D, 0xE1, 0x79, 0x20, 0x5A, 0x31, 0x33, 0x31, 0x20, 0x63, 0xF4, 0x6E, 0x67, 0x20, 0x6E, 0x67, 0x68, 0x69, 0xEA, 0xF2,
                0x70, 0x20, 0x71, 0x75, 0x6F, 0xD2, 0x63, 0x20, 0x70, 0x68, 0xF4, 0xF2, 0x6E, 0x67,
            ])
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("e-vanished.txt").path, withDestinationPath: "/nonexistent/gone.txt")
        let r = try assay(["run", dir.path, empty, "--quiet"])
        #expect(r.status == 1)  // the vanished file
        let lines = r.lines
        #expect(lines.count == 5)  // the empty file given twice is processed once
        #expect(codes(lines[0]) == ["W304"])
        #expect(codes(lines[1]) == ["W302"])
        #expect((lines[1]["entities"] as! [Any]).isEmpty)
        #expect(codes(lines[2]) == ["W301"])
        #expect(lines[3]["encoding"] as? String == "windows-1258")
        #expect(codes(lines[3]) == ["W303"])
        #expect((lines[4]["error"] as? [String: Any])?["code"] as? String == "E301")
        _ = binaryFile
        _ = bad
        _ = legacy
    }

    @Test func missingPathsAndUnwritableOutput() throws {
        let r = try assay(["run", "/nonexistent/file.txt", "--quiet"])
        #expect(r.status == 1)
        #expect((r.lines.first?["error"] as? [String: Any])?["code"] as? String == "E301")
        let w = try assay(["run", "corpus", "--out", "/nonexistent/dir/out.jsonl"])
        #expect(w.status == 1)
        #expect(w.stdout.isEmpty)
        #expect(w.stderr.contains("cannot create"))
    }

    @Test func badRulesExitTwo() throws {
        let dir = tempDir()
        let rules = dir.appendingPathComponent("vi")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try "language: vi\ndimension: money\nrules:\n  - id: vi.money.x\n    pattern: \"@nope\"\n".write(
            to: rules.appendingPathComponent("money.yaml"), atomically: true, encoding: .utf8)
        let r = try assay(["run", "corpus", "--rules", dir.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("error[E104]: unknown lexicon 'nope'"))
        #expect(try assay(["rules", "check", dir.path]).status == 2)
        #expect(try assay(["rules", "check", root.appendingPathComponent("rules").path]).status == 0)
    }

    @Test func aDirectoryOfManySmallFiles() throws {
        let dir = tempDir()
        for i in 0..<10_000 {
            _ = FileManager.default.createFile(
                atPath: dir.appendingPathComponent(String(format: "%05d.txt", i)).path, contents: Data("Nhà máy Z1\(i % 90 + 10) năm 2020".utf8))
        }
        let r = try assay(["run", dir.path, "--quiet"])
        #expect(r.status == 0)
        let lines = r.lines
        #expect(lines.count == 10_000)
        #expect((lines.last?["source"] as? String)?.hasSuffix("09999.txt") == true)
    }

    @Test func aFiftyMegabyteLineDoesNotBreakAnything() throws {
        let dir = tempDir()
        let path = dir.appendingPathComponent("big.txt").path
        // Mostly prose with a figure now and then, as a long article pasted without line breaks.
        let chunk = Array(
            ("Nhà máy Z131 đạt doanh thu 1.500 tỷ đồng trong giai đoạn 2016-2020. "
                + String(repeating: "Công nhân trong phân xưởng làm việc chăm chỉ và sáng tạo, góp phần hoàn thành kế hoạch sản xuất được giao. ", count: 8))
                .utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(50 << 20)
        while bytes.count < 50 << 20 { bytes.append(contentsOf: chunk) }
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let out = dir.appendingPathComponent("big.jsonl").path
        // The record is spilled (processed in windows, entities written to a file in $TMPDIR as
        // they are found) and the spill file is gone afterwards.
        let spill = dir.appendingPathComponent("spill")
        try FileManager.default.createDirectory(at: spill, withIntermediateDirectories: true)
        let stats = dir.appendingPathComponent("stats.json").path
        let r = try assay(["run", path, "--out", out, "--quiet", "--stats", stats], env: ["TMPDIR": spill.path])
        #expect(r.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: spill.path).isEmpty)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: stats))) as! [String: Any]
        let record = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(record.count > 1000)
        let parsed = try JSONSerialization.jsonObject(with: record.prefix(while: { $0 != 0x0A })) as! [String: Any]
        #expect((parsed["segments"] as! [Any]).count == 1)
        #expect((parsed["entities"] as! [Any]).count > 10_000)
        let counted = (summary["entities"] as! [String: Int]).values.reduce(0, +)
        #expect(counted == (parsed["entities"] as! [Any]).count)
        #expect(summary["facts"] as? Int == (parsed["facts"] as! [Any]).count)
        try? FileManager.default.removeItem(at: dir)
    }

    @Test func extractAndFactsOnly() throws {
        let r = try assay(["extract", "--compact", "--text", "Nhà máy Z131 đạt doanh thu 1.500 tỷ đồng năm 2023."])
        #expect(r.status == 0)
        let rec = r.lines[0]
        #expect(rec["source"] as? String == "text")
        let csv = try assay(["run", "corpus/vi", "--facts-only", "--format", "csv", "--quiet"])
        #expect(csv.status == 0)
        let text = String(decoding: csv.stdout, as: UTF8.self)
        #expect(text.hasPrefix("id,source,factory,metric,amount,currency,qualifier,per,period_start,period_end,text\n"))
    }
}
