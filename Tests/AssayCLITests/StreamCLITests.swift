import Foundation
import Testing

/// Checks records against the JSON Schema and, where the input line's text is known, every entity's
/// text against its slice (lone surrogates and invalid bytes read as U+FFFD, as Assay reads them).
/// argv: SCHEMA INPUT.jsonl RECORDS.jsonl; prints the number of records checked.
let validateStreamRecords = #"""
    import json, sys, jsonschema
    v = jsonschema.Draft202012Validator(json.load(open(sys.argv[1], encoding="utf-8")))
    inputs = open(sys.argv[2], "rb").read().split(b"\n")
    if inputs and inputs[-1] == b"":
        inputs.pop()
    n = 0
    for i, line in enumerate(open(sys.argv[3], encoding="utf-8")):
        r = json.loads(line)
        n += 1
        errors = [e.message for e in v.iter_errors(r)]
        assert not errors, (i + 1, errors)
        if r["error"] is None:
            text = json.loads(inputs[i].decode("utf-8", "replace"))["text"]
            text = "".join("\ufffd" if 0xD800 <= ord(c) < 0xE000 else c for c in text)
            for e in r["entities"]:
                assert text[e["start"]:e["end"]] == e["text"], (i + 1, e)
            for d in r["diagnostics"]:
                if d["code"] == "W301" and d["start"] is not None:
                    assert text[d["start"]] == "\ufffd", (i + 1, d)
    print(n)
    """#

@Suite(.serialized) struct StreamCLITests {
    /// Runs the validator over `input` and the records `assay` wrote for it; the records checked.
    func validated(_ input: [UInt8], _ output: Data) throws -> Int {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inPath = dir.appendingPathComponent("in.jsonl"), outPath = dir.appendingPathComponent("out.jsonl")
        try Data(input).write(to: inPath)
        try output.write(to: outPath)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", validateStreamRecords, root.appendingPathComponent("schema/record.v1.json").path, inPath.path, outPath.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        // The project's validator too (schema, and entity slices of each line's text).
        let v = Process()
        v.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        v.arguments = [
            "python3", root.appendingPathComponent("Scripts/validate_records.py").path, root.appendingPathComponent("schema/record.v1.json").path,
            outPath.path, "--stdin-jsonl", inPath.path,
        ]
        v.standardOutput = FileHandle.nullDevice
        try v.run()
        v.waitUntilExit()
        #expect(v.terminationStatus == 0)
        return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func everyLineGetsARecordThatValidates() throws {
        var input: [UInt8] = []
        func line(_ s: String) { input += Array(s.utf8) + [0x0A] }
        line(#"{"id":"ok","text":"Nhà máy Z131 đạt doanh thu 1.500 tỷ đồng năm 2023.","n":-12.5e3,"m":[0,1E+2]}"#)
        line("")
        line("   \t")
        input += Array(#"{"id":"bad-bytes","text":"Nhà máy Z131 đạt "#.utf8) + [0xC3, 0x28, 0xFF] + Array(#" 1.500 tỷ đồng"}"#.utf8) + [0x0A]
        line(#"{"id":"surrogate","text":"Thượng tá \ud800 Lê Minh Quang, Nhà máy Z131"}"#)
        for bad in ["1-2", "01", "1.", ".5", "1e", "-"] { line("{\"id\":\"num\",\"text\":\"Z131\",\"n\":\(bad)}") }
        input += Array(#"{"id":"last","text":"VND240 billion"}"#.utf8)  // no line end
        let r = try assay(["run", "--stdin-jsonl", "--quiet"], stdin: Data(input))
        #expect(r.status == 1)  // malformed lines
        let lines = r.lines
        #expect(lines.count == 12)
        let errorCodes = lines.map { ($0["error"] as? [String: Any])?["code"] as? String }
        #expect(errorCodes == [nil, "E303", "E303", nil, nil, "E303", "E303", "E303", "E303", "E303", "E303", nil])
        #expect(lines[1]["source"] as? String == "stdin:2")
        #expect(lines[2]["source"] as? String == "stdin:3")
        #expect((lines[0]["meta"] as? [String: Any])?["n"] as? Double == -12500)
        #expect(codes(lines[3]) == ["W301"])
        #expect(codes(lines[4]) == ["W301"])
        let surrogate = (lines[4]["diagnostics"] as! [[String: Any]])[0]
        #expect(surrogate["start"] as? Int == 10)
        #expect((lines[4]["entities"] as! [[String: Any]]).map { $0["type"] as! String }.contains("factory"))
        for k in 5...10 {
            #expect(((lines[k]["error"] as? [String: Any])?["message"] as? String)?.contains("malformed JSON") == true)
        }
        #expect(lines[11]["source"] as? String == "last")
        #expect(try validated(input, r.stdout) == 12)
    }

    @Test func anEmptyLineIsAnsweredBeforeTheInputEnds() throws {
        // A client writes one line and waits for its answer with the input still open.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["run", "--stdin-jsonl", "--quiet"]
        p.currentDirectoryURL = root
        p.environment = ProcessInfo.processInfo.environment.merging(["ASSAY_RULES": root.appendingPathComponent("rules").path]) { _, b in b }
        let inp = Pipe(), out = Pipe()
        p.standardInput = inp
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let box = DataBox()
        let answered = DispatchSemaphore(value: 0)
        let reader = out.fileHandleForReading
        DispatchQueue.global().async {
            var got = Data()
            while !got.contains(0x0A) {
                let more = reader.availableData
                if more.isEmpty { break }
                got.append(more)
            }
            box.data = got
            answered.signal()
        }
        inp.fileHandleForWriting.write(Data("\n".utf8))
        let inTime = answered.wait(timeout: .now() + 120) == .success
        #expect(inTime)
        try inp.fileHandleForWriting.close()
        p.waitUntilExit()
        let record = try JSONSerialization.jsonObject(with: box.data.prefix { $0 != 0x0A }) as? [String: Any]
        #expect((record?["error"] as? [String: Any])?["code"] as? String == "E303")
        #expect(p.terminationStatus == 1)
    }
}
