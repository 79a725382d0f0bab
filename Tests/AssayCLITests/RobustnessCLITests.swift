import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Nothing lost, nothing hangs (issue 13): failed writes, directory loops, special files, names that
/// are not UTF-8, interruption, and the small argument checks — all through the built binary.

/// Runs the binary with standard output sent to `stdout` (a file handle) and a time limit: a
/// command still running after `timeout` seconds is killed and reported as such (exit -1), so an
/// old binary that spins forever fails the test instead of hanging it.
func assayLimited(
    _ args: [String], stdout: FileHandle? = nil, env extra: [String: String] = [:], timeout: Double = 120
) throws -> Run {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: binary)
    p.arguments = args
    p.currentDirectoryURL = root
    var env = ProcessInfo.processInfo.environment
    env["ASSAY_RULES"] = root.appendingPathComponent("rules").path
    env.merge(extra) { _, new in new }
    p.environment = env
    let out = Pipe(), err = Pipe()
    p.standardOutput = stdout ?? out
    p.standardError = err
    p.standardInput = FileHandle(forReadingAtPath: "/dev/null")
    try p.run()
    let box = DataBox(), errBox = DataBox()
    let group = DispatchGroup()
    for (handle, target) in [(out.fileHandleForReading, box), (err.fileHandleForReading, errBox)] {
        group.enter()
        DispatchQueue.global().async {
            target.data = handle.readDataToEndOfFile()
            group.leave()
        }
    }
    if stdout != nil { try out.fileHandleForWriting.close() }
    let deadline = Date().addingTimeInterval(timeout)
    while p.isRunning && Date() < deadline { usleep(20_000) }
    var killed = false
    if p.isRunning {
        kill(p.processIdentifier, SIGKILL)
        killed = true
    }
    p.waitUntilExit()
    group.wait()
    return Run(status: killed ? -1 : p.terminationStatus, stdout: box.data, stderr: String(decoding: errBox.data, as: UTF8.self))
}

/// Runs a bash script with `$ASSAY` set to the binary (for arguments that are not UTF-8 and for
/// pipes), from the package root.
func shell(_ script: String) throws -> Run {
    try runProcess("/bin/bash", ["-c", script], env: ["ASSAY": binary])
}

/// Creates a file whose name is the given bytes (not necessarily UTF-8) with `contents`.
func createFile(bytes path: [UInt8], contents: [UInt8]) {
    let c = path.map { CChar(bitPattern: $0) } + [0]
    let fd = open(c, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    precondition(fd >= 0, "cannot create the test file")
    _ = contents.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
    close(fd)
}

/// A device that fails every write with ENOSPC, private to the test (so a binary that renamed a
/// temporary file over it would not damage the system's /dev/full); /dev/full when mknod is not
/// permitted.
func fullDevice(in dir: URL) -> String {
    let path = dir.appendingPathComponent("full").path
    if mknod(path, S_IFCHR | 0o666, dev_t((1 << 8) | 7)) == 0 { return path }
    return "/dev/full"
}

func isCharacterDevice(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFCHR
}

func errorCode(_ record: [String: Any]) -> String? {
    (record["error"] as? [String: Any])?["code"] as? String
}

@Suite(.serialized) struct RobustnessCLITests {
    static let noSpace = "No space left on device"

    // MARK: 1. Every write is checked

    @Test func everyCommandFailsOnAFullStandardOutput() throws {
        let vi = "corpus/vi"
        let cases: [[String]] = [
            ["run", vi, "--quiet"],
            ["run", vi, "--quiet", "--facts-only", "--format", "csv"],
            ["run", vi, "--quiet", "--facts-only"],
            ["extract", "--text", "Nhà máy Z131 đạt doanh thu 1.500 tỷ đồng."],
            ["extract", "corpus/vi/z111-cham-lo-tet.txt"],
            ["eval", "corpus"],
            ["normalize", "corpus/vi/z111-cham-lo-tet.txt"],
            ["explain", "Nhà máy Z131"],
            ["rules", "check"],
        ]
        for args in cases {
            let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
            let r = try assayLimited(args, stdout: full)
            // Before: `run` exited 0 having written nothing; `extract` died of SIGILL (status 4).
            #expect(r.status == 1, "\(args)")
            #expect(r.stderr.contains("assay: cannot write to standard output: \(Self.noSpace)"), "\(args): \(r.stderr)")
        }
    }

    @Test func outStatsAndJsonFilesOnAFullDevice() throws {
        let dir = tempDir()
        let full = fullDevice(in: dir)
        let cases: [[String]] = [
            ["run", "corpus/vi", "--quiet", "--out", full],
            ["run", "corpus/vi", "--quiet", "--stats", full],
            ["eval", "corpus", "--json", full],
        ]
        for args in cases {
            let r = try assayLimited(args)
            #expect(r.status == 1, "\(args)")
            #expect(r.stderr.contains("assay: cannot write to '\(full)': \(Self.noSpace)"), "\(args): \(r.stderr)")
            // Written directly, never replaced by a renamed temporary file.
            #expect(isCharacterDevice(full), "\(args) replaced the device")
        }
        try? FileManager.default.removeItem(at: dir)
    }

    @Test func pathsThatCannotBeCreated() throws {
        let stats = try assayLimited(["run", "corpus/vi", "--quiet", "--stats", "/nonexistent/dir/stats.json"])
        #expect(stats.status == 1)
        #expect(stats.stderr.contains("assay: cannot create '/nonexistent/dir/stats.json': No such file or directory"))
        let json = try assayLimited(["eval", "corpus", "--json", "/nonexistent/dir/eval.json"])
        #expect(json.status == 1)  // before: 0, nothing written, nothing said
        #expect(json.stderr.contains("assay: cannot create '/nonexistent/dir/eval.json': No such file or directory"))
        let dir = tempDir()
        let out = dir.appendingPathComponent("records.jsonl").path
        let ok = try assayLimited(["run", "corpus/vi", "--quiet", "--out", out, "--stats", dir.appendingPathComponent("s.json").path])
        #expect(ok.status == 0)
        // Only the final names: no temporary file left beside them.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["records.jsonl", "s.json"])
        var st = stat()
        #expect(stat(out, &st) == 0 && st.st_mode & 0o777 == 0o666 & ~currentUmask())
        // Replacing a file keeps its mode.
        #expect(chmod(out, 0o600) == 0)
        #expect(try assayLimited(["run", "corpus/vi", "--quiet", "--out", out]).status == 0)
        #expect(stat(out, &st) == 0 && st.st_mode & 0o777 == 0o600)
        try? FileManager.default.removeItem(at: dir)
    }

    func currentUmask() -> mode_t {
        let m = umask(0)
        umask(m)
        return m
    }

    /// A real full disk: a 64 KiB tmpfs. Needs mount (root); skipped with a reason otherwise.
    @Test func aFullDiskKeepsTheOldOutFile() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let mnt = dir.appendingPathComponent("mnt")
        try FileManager.default.createDirectory(at: mnt, withIntermediateDirectories: true)
        let mount = try shell("mount -t tmpfs -o size=64k tmpfs '\(mnt.path)' 2>&1")
        guard mount.status == 0 else {
            print("skipped aFullDiskKeepsTheOldOutFile: cannot mount a tmpfs here (\(String(decoding: mount.stdout, as: UTF8.self)))")
            return
        }
        defer { _ = try? shell("umount '\(mnt.path)'") }
        let out = mnt.appendingPathComponent("records.jsonl").path
        try "old records\n".write(toFile: out, atomically: false, encoding: .utf8)
        // The corpus gives about 230 KB of records: more than the file system holds.
        let r = try assayLimited(["run", "corpus", "--quiet", "--out", out])
        #expect(r.status == 1)  // before: 0, and a truncated file under the final name
        #expect(r.stderr.contains("assay: cannot write to '\(out)': \(Self.noSpace)"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "old records\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: mnt.path) == ["records.jsonl"])
        // `run > FILE` on the full disk: the shell truncated FILE, so the message and the status must say
        // that it is incomplete (before: exit 0).
        let redirected = mnt.appendingPathComponent("redirected.jsonl").path
        let shellRun = try shell("\"$ASSAY\" run corpus --quiet > '\(redirected)'")
        #expect(shellRun.status == 1)
        #expect(shellRun.stderr.contains("assay: cannot write to standard output: \(Self.noSpace)"))
        try FileManager.default.removeItem(atPath: redirected)
        // The same with the disk able to hold it: the complete output replaces the old file.
        let small = try assayLimited(["run", "corpus/en/defence-exports-q1-2023.txt", "--quiet", "--out", out])
        #expect(small.status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("{\"schema\":\"assay.record.v1\""))
    }

    /// SIGPIPE: at its default action, a closed pipe ends assay by SIGPIPE, quietly (as `cat` and
    /// `grep`); when the caller ignores SIGPIPE, it is a write error: a message and exit 1.
    @Test func aClosedPipe() throws {
        let script = """
            import os, signal, subprocess, sys
            def run(ignore):
                pre = (lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN)) if ignore else None
                p = subprocess.Popen([sys.argv[1], "run", "corpus", "--quiet"], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, preexec_fn=pre)
                p.stdout.read(10)
                p.stdout.close()
                err = p.stderr.read().decode()
                print(p.wait(), repr(err))
            run(False)
            run(True)
            """
        let r = try shell("python3 -c '\(script)' \"$ASSAY\"")
        let lines = String(decoding: r.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first == "-13 ''")
        // Before: exit 0 with the output cut short.
        #expect(lines.last == "1 'assay: cannot write to standard output: Broken pipe\\n'")
    }

    // MARK: 2. Directory walks terminate

    @Test func aSymlinkLoopIsReportedAndTheWalkGoesOn() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a")
        try FileManager.default.createDirectory(at: a, withIntermediateDirectories: true)
        try "Nhà máy Z131 năm 2020".write(to: a.appendingPathComponent("x.txt"), atomically: false, encoding: .utf8)
        try "Z121 Factory".write(to: dir.appendingPathComponent("y.txt"), atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: a.appendingPathComponent("link").path, withDestinationPath: "..")
        let stats = dir.appendingPathComponent("stats.json").path
        // Before: no end, memory growing by gigabytes (killed here after 60 s).
        let r = try assayLimited(["run", dir.path, "--quiet", "--stats", stats], timeout: 60)
        #expect(r.status == 0)
        #expect(r.lines.map { $0["source"] as? String } == [a.path + "/x.txt", dir.path + "/y.txt"])
        #expect(r.stderr.contains("assay: warning: '\(a.path)/link' leads back to '\(dir.path)' (a directory loop); not followed"))
        #expect(r.stderr.contains("walk: 1 directory loop(s) not followed"))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: stats))) as! [String: Any]
        #expect((summary["walk"] as? [String: Int])?["loops"] == 1)
        // A loop is a warning: --strict makes it exit 1.
        #expect(try assayLimited(["run", dir.path, "--quiet", "--strict"], timeout: 60).status == 1)
    }

    @Test func specialFilesInADirectoryGetE302() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "Nhà máy Z131".write(to: dir.appendingPathComponent("a.txt"), atomically: false, encoding: .utf8)
        let fifo = dir.appendingPathComponent("b-fifo.txt").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let device = dir.appendingPathComponent("c-device.txt").path
        try FileManager.default.createSymbolicLink(atPath: device, withDestinationPath: "/dev/null")
        let r = try assayLimited(["run", dir.path, "--quiet"], timeout: 60)
        #expect(r.status == 1)
        let lines = r.lines
        // Before: only a.txt, the other two dropped without a word.
        try #require(lines.count == 3)
        #expect(lines.map(errorCode) == [nil, "E302", "E302"])
        #expect((lines[1]["error"] as? [String: Any])?["message"] as? String == "'\(fifo)' is not a regular file (a FIFO)")
        #expect((lines[2]["error"] as? [String: Any])?["message"] as? String == "'\(device)' is not a regular file (a character device)")
        // `extract` and `run` give the same record for the same special file; a FIFO with no writer
        // does not block `extract` (before: it hung in open).
        for path in [fifo, device, "/dev/null", dir.path] {
            let e = try assayLimited(["extract", "--compact", path], timeout: 60)
            let direct = try assayLimited(["run", path, "--quiet", "--glob", "none"], timeout: 60)
            #expect(e.status == 1)
            #expect(e.lines.first.flatMap(errorCode) == "E302", "\(path)")
            if path != dir.path {
                #expect(e.stdout == direct.stdout, "\(path)")
            }
        }
    }

    @Test func theSameDirectoryNamedTwiceIsReadOnce() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["a.txt", "b.txt"] {
            try "Nhà máy Z131".write(to: dir.appendingPathComponent(name), atomically: false, encoding: .utf8)
        }
        let stats = dir.appendingPathComponent("stats.json").path
        let r = try assayLimited(["run", dir.path, dir.path + "/", "--quiet", "--stats", stats])
        #expect(r.status == 0)
        #expect(r.lines.count == 2)
        #expect(r.stderr.contains("read once: 1 directory(ies) and 0 file(s) reached twice"))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: stats))) as! [String: Any]
        #expect((summary["walk"] as? [String: Int])?["repeated_directories"] == 1)
    }

    // MARK: 3. File names are bytes

    @Test func aNameThatIsNotUTF8IsReadAndEscaped() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // "café \ z131.txt" with é in Latin-1 (0xE9, not UTF-8) and a backslash.
        let name: [UInt8] = Array("caf".utf8) + [0xE9] + Array(" \\ z131.txt".utf8)
        createFile(bytes: Array(dir.path.utf8) + [0x2F] + name, contents: Array("Nhà máy Z131 đạt doanh thu 1.500 tỷ đồng.".utf8))
        let expected = dir.path + "/caf\\xE9 \\\\ z131.txt"
        let r = try assayLimited(["run", dir.path, "--quiet"])
        #expect(r.status == 0)  // before: 1, E301 No such file or directory
        let rec = try #require(r.lines.first)
        #expect(rec["source"] as? String == expected)
        #expect(errorCode(rec) == nil)
        #expect((rec["entities"] as! [[String: Any]]).map { $0["type"] as! String } == ["factory", "money"])
        // The same file named on the command line, by its bytes (bash's printf makes the 0xE9).
        let arg = try shell("\"$ASSAY\" run \"$(printf '\(dir.path)/caf\\351 \\\\ z131.txt')\" --quiet")
        #expect(arg.status == 0)
        #expect(arg.lines.first?["source"] as? String == expected)
        let ex = try shell("\"$ASSAY\" extract --compact \"$(printf '\(dir.path)/caf\\351 \\\\ z131.txt')\"")
        #expect(ex.status == 0)
        #expect(ex.lines.first?["source"] as? String == expected)
        // validate_records.py turns the escaped source back into the name and checks the offsets.
        let out = dir.appendingPathComponent("r.jsonl")
        try r.stdout.write(to: out)
        let v = try shell("python3 Scripts/validate_records.py schema/record.v1.json '\(out.path)'")
        #expect(v.status == 0)
        #expect(String(decoding: v.stdout, as: UTF8.self) == "1 records, 0 problems\n")
    }

    // MARK: 4. Interruption cleans up

    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func anInterruptedRunLeavesTheOldFileAndNoTemporaries(signal: Int32, status: Int32) throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in")
        let spill = dir.appendingPathComponent("spill")
        let outDir = dir.appendingPathComponent("out")
        for d in [input, spill, outDir] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
        // 6 MB without a line break: processed in windows, its entities spilled to $TMPDIR.
        let chunk = Array(
            ("Nhà máy Z131 đạt doanh thu 1.500 tỷ đồng trong giai đoạn 2016-2020. " + String(repeating: "Công nhân làm việc chăm chỉ. ", count: 10)).utf8)
        var bytes: [UInt8] = []
        while bytes.count < 6 << 20 { bytes += chunk }
        try Data(bytes).write(to: input.appendingPathComponent("big.txt"))
        try "Z121 Factory".write(to: input.appendingPathComponent("small.txt"), atomically: false, encoding: .utf8)
        let out = outDir.appendingPathComponent("records.jsonl").path
        try "old records\n".write(toFile: out, atomically: false, encoding: .utf8)

        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["run", input.path, "--out", out, "--quiet", "--jobs", "1"]
        var env = ProcessInfo.processInfo.environment
        env["ASSAY_RULES"] = root.appendingPathComponent("rules").path
        env["TMPDIR"] = spill.path
        p.environment = env
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        // Wait until a spill file exists: the run is under way with both kinds of temporary file.
        let deadline = Date().addingTimeInterval(120)
        while p.isRunning, Date() < deadline, (try FileManager.default.contentsOfDirectory(atPath: spill.path)).isEmpty {
            usleep(20_000)
        }
        #expect(p.isRunning)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outDir.path).count == 2)  // the old file and the temporary
        kill(p.processIdentifier, signal)
        p.waitUntilExit()
        #expect(p.terminationReason == .exit)
        #expect(p.terminationStatus == status)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "old records\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outDir.path) == ["records.jsonl"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: spill.path).isEmpty)
    }

    // MARK: The smaller ones

    @Test func evalOnAMissingOrEmptyCorpusExitsOne() throws {
        let missing = try assayLimited(["eval", "/nonexistent/corpus"])
        #expect(missing.status == 1)  // before: 0 and "F1 1.000"
        #expect(missing.stderr.contains("assay: eval: cannot read the corpus '/nonexistent/corpus': No such file or directory"))
        #expect(missing.stdout.isEmpty)
        let empty = tempDir()
        let none = try assayLimited(["eval", empty.path])
        #expect(none.status == 1)
        #expect(none.stderr.contains("no documents with gold"))
        #expect(try assayLimited(["eval", "corpus"]).status == 0)
    }

    @Test func badGlobAndJobsAreRejected() throws {
        let glob = try assayLimited(["run", "corpus", "--glob", "["])
        #expect(glob.status == 64)  // before: 0 and no documents
        #expect(glob.stderr.contains("invalid value '[' for --glob"))
        #expect(try assayLimited(["run", "corpus", "--glob", "*.[tT]xt", "--quiet"]).status == 0)
        let jobs = try assayLimited(["run", "corpus", "--jobs", "-1"])
        #expect(jobs.status == 64)
        #expect(jobs.stderr.contains("invalid value '-1' for --jobs"))  // before: "Missing value for '--jobs <jobs>'"
    }

    @Test func normalizeOnADeviceSaysWhatItIs() throws {
        let r = try assayLimited(["normalize", "/dev/zero"], timeout: 60)
        #expect(r.status == 1)
        #expect(r.stderr == "assay: error[E302]: '/dev/zero' is not a regular file (a character device)\n")  // before: "You don't have permission"
        let missing = try assayLimited(["normalize", "/nonexistent.txt"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "assay: error[E301]: cannot read '/nonexistent.txt': No such file or directory\n")
    }

    // MARK: 10. validate_records.py

    @Test func validateRecordsHandlesW301AndStreamRecords() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // An invalid byte before the entities: decoded as cp1258 the offsets would all be wrong.
        let doc = dir.appendingPathComponent("w301.txt")
        try Data(Array("Nhà máy Z131 ".utf8) + [0xC3, 0x28] + Array(" đạt 1.500 tỷ đồng".utf8)).write(to: doc)
        let r = try assayLimited(["run", doc.path, "--quiet"])
        #expect(try codes(#require(r.lines.first)) == ["W301"])
        let records = dir.appendingPathComponent("r.jsonl")
        try r.stdout.write(to: records)
        let v = try shell("python3 Scripts/validate_records.py schema/record.v1.json '\(records.path)'")
        #expect(String(decoding: v.stdout, as: UTF8.self) == "1 records, 0 problems\n")
        #expect(v.status == 0)

        let input = dir.appendingPathComponent("in.jsonl")
        try "{\"id\":\"a\",\"text\":\"Nhà máy Z131 đạt 1.500 tỷ đồng\"}\n{\"text\":\"Z121 Factory earned VND240 billion\"}\n".write(
            to: input, atomically: false, encoding: .utf8)
        let s = try shell("\"$ASSAY\" run --stdin-jsonl < '\(input.path)' > '\(dir.path)/s.jsonl'")
        #expect(s.status == 0)
        let checked = try shell("python3 Scripts/validate_records.py schema/record.v1.json '\(dir.path)/s.jsonl' --stdin-jsonl '\(input.path)'")
        #expect(String(decoding: checked.stdout, as: UTF8.self) == "2 records, 0 problems\n")
        #expect(checked.status == 0)
        // Without the input the stream records are validated against the schema, offsets not checked.
        let unchecked = try shell("python3 Scripts/validate_records.py schema/record.v1.json '\(dir.path)/s.jsonl'")
        #expect(String(decoding: unchecked.stdout, as: UTF8.self) == "2 records, 0 problems, 2 not checked (no file named by source)\n")
        #expect(unchecked.status == 0)
    }
}
