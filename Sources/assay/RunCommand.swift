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
            Exit status: 0 success; 1 when a document could not be read (or, with --strict, any warning, a \
            directory loop included), when --out cannot be created or any write fails; 2 when rule files are \
            invalid; 64 for bad arguments; 130/143 after SIGINT/SIGTERM (temporary and spill files removed, \
            the old --out file untouched).
            """
    )

    @Argument(help: "Files, directories (walked recursively) or '-' for standard input.")
    var paths: [String] = []

    @Option(help: "Write records to this file (default: standard output).")
    var out: String?

    // `.unconditional`: `--jobs -1` is a value (and rejected as such), not an unknown option.
    @Option(parsing: .unconditional, help: "Documents processed in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "File-name pattern for files inside directories; repeat for several (default: *.txt *.html *.htm *.warc *.warc.gz).")
    var glob: [String] = InputCollector.defaultGlobs

    @Option(help: "Decode every document with this ICU converter (e.g. windows-1258).")
    var encoding: String?

    @Flag(help: "Read one JSON object per line ({\"id\":…, \"text\":…}) from standard input; write one record per line, flushed.")
    var stdinJsonl = false

    @Flag(help: "Add the decoded text the offsets refer to (for HTML, the extracted text) to each record as 'text'.")
    var withText = false

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
        if jobs < 1 { throw ValidationError("invalid value '\(jobs)' for --jobs: it must be at least 1") }
        for g in glob where !InputCollector.isValidGlob(g) {
            throw ValidationError("invalid value '\(g)' for --glob: a '[' without its ']' or a '\\' at the end")
        }
        if format != "jsonl" && format != "csv" { throw ValidationError("--format is jsonl or csv") }
        if format == "csv" && !factsOnly { throw ValidationError("--format csv goes with --facts-only") }
        if stdinJsonl && !paths.isEmpty { throw ValidationError("--stdin-jsonl reads standard input only; give no paths") }
        if !stdinJsonl && paths.isEmpty { throw ValidationError("give at least one path, '-' for standard input, or --stdin-jsonl") }
        if let e = encoding, !EncodingName.isKnown(e) { throw ValidationError("unknown encoding '\(e)'") }
    }

    func run() throws {
        Termination.install()
        let set = try loadRules(rules)
        let pipeline = Pipeline(rules: set)
        let sink: OutputSink
        do {
            sink = try OutputSink(path: out.map(RawArguments.path))
        } catch {
            printError("assay: \(error)")
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
        var inputFailed = false
        var walk = InputList()
        if stdinJsonl {
            inputFailed = !runStream(pipeline, emit: emit, sink: sink, profile: &stages)
        } else {
            walk = InputCollector.collect(paths.map(RawArguments.path), globs: glob)
            for loop in walk.loops {
                printError("assay: warning: '\(loop.link)' leads back to '\(loop.target)' (a directory loop); not followed")
            }
            totals.warcSkipped = runPaths(walk.items, pipeline, emit: emit, profile: &stages)
        }
        totals.loops = walk.loops.count
        totals.repeatedDirectories = walk.repeatedDirectories
        totals.repeatedFiles = walk.repeatedFiles
        totals.profile = stages
        totals.seconds = Date().timeIntervalSince(started)
        progress.clear()
        sink.finish()
        printError(totals.summary(withProfile: profile))
        if let stats { writeWholeFile(stats, totals.json()) }
        let warned = totals.diagnostics.values.reduce(0, +) + totals.loops > 0
        if !totals.errors.isEmpty || (strict && warned) || inputFailed { throw ExitCode(1) }
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
        _ item: WorkItem, pipeline: Pipeline, encoding: String?, profiling: Bool, factsOnly: Bool, csv: Bool, spill: String?,
        withText: Bool
    ) -> (Record, [UInt8], Int, StageProfile) {
        let (record, size, profileIn) = process(
            item, pipeline: pipeline, encoding: encoding, profiling: profiling, spillDirectory: spill, withText: withText)
        let t0 = profiling ? DispatchTime.now().uptimeNanoseconds : 0
        let bytes = record.spilled == nil ? render(record, factsOnly: factsOnly, csv: csv) : []
        var profile = profileIn
        if profiling { profile.nanos[6] += DispatchTime.now().uptimeNanoseconds - t0 }
        return (record, bytes, size, profile)
    }

    /// Processes every input (WARC archives record by record, in slices) and returns the WARC records
    /// skipped by type.
    func runPaths(
        _ items: [InputItem], _ pipeline: Pipeline, emit: (Record, [UInt8], Int) -> Void, profile stageProfile: inout StageProfile
    ) -> [String: Int] {
        let feed = DocumentFeed(items)
        let (encoding, profiling, factsOnly, csv, withText) = (self.encoding, profile, self.factsOnly, format == "csv", self.withText)
        // Fact rows need every entity at hand; records can be spilled. Read once: the environment
        // is rebuilt on every call.
        let spill = factsOnly ? nil : Self.spillDirectory()
        while let slice = feed.next(maxItems: max(256, jobs * 64)) {
            orderedParallel(count: slice.count, jobs: jobs, window: jobs * 8) { i in
                Self.processAndRender(
                    slice[i], pipeline: pipeline, encoding: encoding, profiling: profiling, factsOnly: factsOnly, csv: csv, spill: spill,
                    withText: withText)
            } emit: { _, result in
                stageProfile.add(result.3)
                emit(result.0, result.1, result.2)
            }
        }
        return feed.skipped
    }

    /// Where spill files of very large records go: `$TMPDIR`, else `/tmp`.
    static func spillDirectory() -> String {
        ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    static func process(
        _ work: WorkItem, pipeline: Pipeline, encoding: String?, profiling: Bool, spillDirectory: String? = nil, withText: Bool = false
    ) -> (Record, Int, StageProfile) {
        let bytes: [UInt8]
        let item: InputItem
        switch work {
        case .warc(let d):
            let (record, profile) = pipeline.process(
                warc: d, forcedEncoding: encoding, profiling: profiling, spillDirectory: spillDirectory, withText: withText)
            return (record, d.payload.count, profile)
        case .warcFailure(let source, let message):
            return (.failure(source: source, code: .malformedStreamLine, message: message, format: DocumentFormat.warc.rawValue), 0, StageProfile())
        case .input(let i):
            item = i
        }
        // The format a name says, for error records too.
        var path: String? = nil
        switch item {
        case .failed(let p, let code, let message):
            return (.failure(source: p.display, code: code, message: message, format: DocumentFormat(path: p.display)?.rawValue), 0, StageProfile())
        case .stdin:
            switch DocumentFile.readStandardInput() {
            case .success(let b): bytes = b
            case .failure(let f): return (.failure(source: "stdin", code: f.code, message: f.message), 0, StageProfile())
            }
        case .file(let p):
            path = p.display
            switch DocumentFile.open(p) {
            case .failure(let f):
                return (.failure(source: p.display, code: f.code, message: f.message, format: DocumentFormat(path: p.display)?.rawValue), 0, StageProfile())
            case .success(let (fd, size)):
                defer { close(fd) }
                if size / 3 > pipeline.windows.threshold {
                    // Read in pieces, twice (survey, then windows): memory follows the window. The
                    // format as `process(file:)` decides it (sniffing looks at the first 4 KB only).
                    let document = DocumentBytes(fileDescriptor: fd, size: size)
                    var head: [UInt8] = []
                    var format = DocumentFormat(path: p.display) ?? (document.read(0..<8192, into: &head) ? DocumentFormat.sniff(head) : .text)
                    if format == .warc { format = .text }
                    let (record, profile) = pipeline.process(
                        document: document, source: item.source, forcedEncoding: encoding, profiling: profiling,
                        spillDirectory: spillDirectory, format: format, withText: withText)
                    return (record, size, profile)
                }
                switch DocumentFile.read(fd, size: size, path: p) {
                case .success(let b): bytes = b
                case .failure(let f):
                    return (.failure(source: p.display, code: f.code, message: f.message, format: DocumentFormat(path: p.display)?.rawValue), 0, StageProfile())
                }
            }
        }
        let (record, profile) = pipeline.process(
            file: bytes, source: item.source, path: path, forcedEncoding: encoding, profiling: profiling, spillDirectory: spillDirectory,
            withText: withText)
        return (record, bytes.count, profile)
    }

    /// Answers every line of standard input; false when standard input could not be read to its end.
    func runStream(_ pipeline: Pipeline, emit: (Record, [UInt8], Int) -> Void, sink: OutputSink, profile stageProfile: inout StageProfile) -> Bool {
        var line = 0
        var reader = LineReader(fd: STDIN_FILENO)
        var bytes: [UInt8] = []
        // Fact rows need every entity at hand; records can be spilled.
        let spill = factsOnly ? nil : Self.spillDirectory()
        while reader.next(into: &bytes) {
            line += 1
            let (record, size, p) = StreamLine.process(
                &bytes, line: line, pipeline: pipeline, encoding: encoding, profiling: profile, spillDirectory: spill, withText: withText)
            stageProfile.add(p)
            emit(record, record.spilled == nil ? Self.render(record, factsOnly: factsOnly, csv: format == "csv") : [], size)
            sink.flush()
        }
        if let failure = reader.failure {
            printError("assay: reading standard input failed after line \(line): \(String(cString: strerror(failure)))")
            return false
        }
        return true
    }
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
        printError(line, newline: false)
    }

    func clear() {
        if enabled { printError("\r\u{1B}[K", newline: false) }
    }
}
