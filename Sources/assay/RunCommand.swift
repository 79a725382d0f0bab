import ArgumentParser
import Assay
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Extract records from files, directories or standard input as JSON Lines.",
        discussion: """
            Exit status: 0 success; 1 when a document could not be read (or, with --strict, any warning), or when \
            --out cannot be created; 2 when rule files are invalid; 64 for bad arguments.
            """
    )

    @Argument(help: "Files, directories (walked recursively) or '-' for standard input.")
    var paths: [String] = []

    @Option(help: "Write records to this file (default: standard output).")
    var out: String?

    @Option(help: "Documents processed in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "File-name pattern for files inside directories.")
    var glob: String = "*.txt"

    @Option(help: "Decode every document with this ICU converter (e.g. windows-1258).")
    var encoding: String?

    @Flag(help: "Read one JSON object per line ({\"id\":…, \"text\":…}) from standard input; write one record per line, flushed.")
    var stdinJsonl = false

    @Flag(help: "Write one row per fact instead of records.")
    var factsOnly = false

    @Option(help: "Output format with --facts-only: jsonl or csv.")
    var format: String = "jsonl"

    @Flag(help: "Exit 1 when any document has a warning.")
    var strict = false

    @Flag(help: "No progress line.")
    var quiet = false

    @Option(help: "Write the summary as JSON to this file.")
    var stats: String?

    @Flag(help: "Time each stage and print the breakdown in the summary.")
    var profile = false

    @Option(help: "The rule directory.")
    var rules: String = defaultRulesDirectory()

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if format != "jsonl" && format != "csv" { throw ValidationError("--format is jsonl or csv") }
        if format == "csv" && !factsOnly { throw ValidationError("--format csv goes with --facts-only") }
        if stdinJsonl && !paths.isEmpty { throw ValidationError("--stdin-jsonl reads standard input only; give no paths") }
        if !stdinJsonl && paths.isEmpty { throw ValidationError("give at least one path, '-' for standard input, or --stdin-jsonl") }
        if let e = encoding, !EncodingName.isKnown(e) { throw ValidationError("unknown encoding '\(e)'") }
    }

    func run() throws {
        let set = try loadRules(rules)
        let pipeline = Pipeline(rules: set)
        let sink: OutputSink
        do {
            sink = try OutputSink(path: out)
        } catch {
            FileHandle.standardError.write(Data("assay: \(error)\n".utf8))
            throw ExitCode(1)
        }
        if factsOnly && format == "csv" { sink.write(Array(FactRows.csvHeader.utf8)) }
        let started = Date()
        var totals = BatchStats()
        let progress = Progress(enabled: !quiet && isatty(STDERR_FILENO) == 1)
        let emit: (Record, [UInt8], Int) -> Void = { record, rendered, size in
            totals.add(record, bytes: size)
            if record.spilled != nil {
                // A record too large for memory: its entities and facts are in a spill file.
                record.assembleSpilled(write: { sink.write($0) }, copyFile: { sink.copy(file: $0) })
            } else {
                sink.write(rendered)
            }
            progress.update(totals, started: started)
        }
        var stages = StageProfile()
        if stdinJsonl {
            runStream(pipeline, emit: emit, sink: sink, profile: &stages)
        } else {
            runPaths(pipeline, emit: emit, profile: &stages)
        }
        totals.profile = stages
        totals.seconds = Date().timeIntervalSince(started)
        progress.clear()
        do {
            try sink.finish()
        } catch {
            sink.abandon()
            FileHandle.standardError.write(Data("assay: \(error)\n".utf8))
            throw ExitCode(1)
        }
        FileHandle.standardError.write(Data((totals.summary(withProfile: profile) + "\n").utf8))
        if let stats, !FileManager.default.createFile(atPath: stats, contents: Data(totals.json())) {
            FileHandle.standardError.write(Data("assay: cannot write the statistics to '\(stats)'\n".utf8))
            throw ExitCode(1)
        }
        let warned = totals.diagnostics.values.reduce(0, +) > 0
        if !totals.errors.isEmpty || (strict && warned) { throw ExitCode(1) }
    }

    static func render(_ r: Record, factsOnly: Bool, csv: Bool) -> [UInt8] {
        guard factsOnly else {
            // Appended in place: `json() + [0x0A]` copied the whole record, twice its size at peak.
            var line = r.json()
            line.append(0x0A)
            return line
        }
        return csv ? FactRows.csvLines(r) : FactRows.jsonLines(r)
    }

    /// Processes and renders one document, timing the encode stage too.
    static func processAndRender(
        _ item: InputItem, pipeline: Pipeline, encoding: String?, profiling: Bool, factsOnly: Bool, csv: Bool, spill: String?
    ) -> (Record, [UInt8], Int, StageProfile) {
        let (record, size, profileIn) = process(item, pipeline: pipeline, encoding: encoding, profiling: profiling, spillDirectory: spill)
        let t0 = profiling ? DispatchTime.now().uptimeNanoseconds : 0
        let bytes = record.spilled == nil ? render(record, factsOnly: factsOnly, csv: csv) : []
        var profile = profileIn
        if profiling { profile.nanos[6] += DispatchTime.now().uptimeNanoseconds - t0 }
        return (record, bytes, size, profile)
    }

    func runPaths(_ pipeline: Pipeline, emit: (Record, [UInt8], Int) -> Void, profile stageProfile: inout StageProfile) {
        let items = InputCollector.collect(paths, glob: glob)
        let (encoding, profiling, factsOnly, csv) = (self.encoding, profile, self.factsOnly, format == "csv")
        // Fact rows need every entity at hand; records can be spilled. Read once: the environment
        // is rebuilt on every call.
        let spill = factsOnly ? nil : Self.spillDirectory()
        orderedParallel(count: items.count, jobs: jobs, window: jobs * 8) { i in
            Self.processAndRender(
                items[i], pipeline: pipeline, encoding: encoding, profiling: profiling, factsOnly: factsOnly, csv: csv, spill: spill)
        } emit: { _, result in
            stageProfile.add(result.3)
            emit(result.0, result.1, result.2)
        }
    }

    /// Where spill files of very large records go: `$TMPDIR`, else `/tmp`.
    static func spillDirectory() -> String {
        ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    static func process(
        _ item: InputItem, pipeline: Pipeline, encoding: String?, profiling: Bool, spillDirectory: String? = nil
    ) -> (Record, Int, StageProfile) {
        let bytes: [UInt8]
        switch item {
        case .failed(let path, let code, let message):
            return (.failure(source: path, code: code, message: message), 0, StageProfile())
        case .stdin:
            bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        case .file(let path):
            do {
                bytes = try readFile(path)
            } catch {
                return (.failure(source: path, code: .unreadable, message: "cannot read '\(path)': \(error)"), 0, StageProfile())
            }
        }
        let (record, profile) = pipeline.process(
            bytes: bytes, source: item.source, forcedEncoding: encoding, profiling: profiling, spillDirectory: spillDirectory)
        return (record, bytes.count, profile)
    }

    func runStream(_ pipeline: Pipeline, emit: (Record, [UInt8], Int) -> Void, sink: OutputSink, profile stageProfile: inout StageProfile) {
        var line = 0
        while let text = readLine(strippingNewline: true) {
            line += 1
            if text.isEmpty { continue }
            let (record, size, p) = StreamLine.process(text, line: line, pipeline: pipeline, encoding: encoding, profiling: profile)
            stageProfile.add(p)
            emit(record, Self.render(record, factsOnly: factsOnly, csv: format == "csv"), size)
            sink.flush()
        }
    }
}

/// Reads a whole regular file.
func readFile(_ path: String) throws -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw SinkError(String(cString: strerror(errno))) }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw SinkError(String(cString: strerror(errno))) }
    guard st.st_mode & S_IFMT == S_IFREG else { throw SinkError("not a regular file") }
    var out = [UInt8](repeating: 0, count: Int(st.st_size))
    var off = 0
    while true {
        if off == out.count { out.append(contentsOf: [UInt8](repeating: 0, count: 65536)) }
        let n = out.withUnsafeMutableBytes { read(fd, $0.baseAddress! + off, $0.count - off) }
        if n < 0 {
            if errno == EINTR { continue }
            throw SinkError(String(cString: strerror(errno)))
        }
        if n == 0 { break }
        off += n
    }
    out.removeSubrange(off...)
    return out
}

/// A progress line on standard error that redraws in place.
final class Progress {
    let enabled: Bool
    var last = Date.distantPast

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ s: BatchStats, started: Date) {
        guard enabled, Date().timeIntervalSince(last) > 0.2 else { return }
        last = Date()
        let secs = max(0.001, last.timeIntervalSince(started))
        let mb = Double(s.bytes) / 1_000_000
        let line = String(format: "\r\u{1B}[K%d documents, %.1f MB, %.1f MB/s", s.documents, mb, mb / secs)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func clear() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
