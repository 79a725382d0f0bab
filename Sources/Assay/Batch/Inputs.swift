import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One document to process, as found on the command line.
package enum InputItem: Sendable, Equatable {
    /// A regular file (path as given, joined with the walked path inside a directory).
    case file(RawPath)
    /// Standard input (`-`).
    case stdin
    /// A path that cannot be processed: E301 (missing, unreadable) or E302 (not a regular file).
    case failed(RawPath, code: DiagnosticCode, message: String)

    /// The record's `source`: the path's ``RawPath/display`` form, or `stdin`.
    package var source: String {
        switch self {
        case .file(let p): return p.display
        case .stdin: return "stdin"
        case .failed(let p, _, _): return p.display
        }
    }
}

/// What ``InputCollector/collect(_:glob:)`` found: the documents in order, and what the walk skipped.
package struct InputList: Sendable {
    /// The documents, in the order their records are written.
    package var items: [InputItem] = []
    /// Directory symlinks that lead back to a directory being walked (not followed), as
    /// `(link path, target path)`, both in display form.
    package var loops: [(link: String, target: String)] = []
    /// Directories reached a second time (named twice, or through a second link) and read once.
    package var repeatedDirectories = 0
    /// Files reached a second time (named twice, or through a link) and read once.
    package var repeatedFiles = 0

    /// An empty list.
    package init() {}
}

/// Expands command-line paths: files as given, directories walked recursively with a glob on file
/// names. Each directory is read once (by device and inode), so a symlink loop ends the walk of
/// that branch instead of going round forever; each file is read once. Names are bytes.
package enum InputCollector {
    private struct FileID: Hashable {
        let device: UInt64
        let inode: UInt64
        init(_ st: stat) {
            device = UInt64(st.st_dev)
            inode = UInt64(st.st_ino)
        }
    }

    /// File names a directory walk takes by default: text, HTML pages and WARC archives.
    package static let defaultGlobs = ["*.txt", "*.html", "*.htm", "*.warc", "*.warc.gz"]

    /// The inputs for `paths`, taking the files in directories whose name matches `glob`.
    package static func collect(_ paths: [RawPath], glob: String) -> InputList {
        collect(paths, globs: [glob])
    }

    /// The inputs for `paths` (files, directories, `-`); files in a directory are sorted by path bytes
    /// and taken when their name matches any of `globs`.
    package static func collect(_ paths: [RawPath], globs: [String] = defaultGlobs) -> InputList {
        var list = InputList()
        // Kept apart from `list`: the helpers below change these while `items` is passed inout.
        var items: [InputItem] = []
        var repeatedFiles = 0
        var dirs = Set<FileID>()
        var files = Set<FileID>()
        var failedPaths = Set<RawPath>()
        var stdinSeen = false

        func addFile(_ p: RawPath, _ st: stat, into out: inout [InputItem]) {
            if files.insert(FileID(st)).inserted { out.append(.file(p)) } else { repeatedFiles += 1 }
        }
        func addFailed(_ p: RawPath, code: DiagnosticCode, message: String, into out: inout [InputItem]) {
            if failedPaths.insert(p).inserted { out.append(.failed(p, code: code, message: message)) }
        }
        /// Walks `dir` (already stat'ed, not yet in `dirs`); `ancestors` are the directories above it.
        func walk(_ dir: RawPath, _ id: FileID, ancestors: [(FileID, RawPath)], into out: inout [InputItem]) {
            dirs.insert(id)
            guard let names = entries(of: dir) else {
                let reason = String(cString: strerror(errno))
                addFailed(dir, code: .unreadable, message: "cannot read directory '\(dir.display)': \(reason)", into: &out)
                return
            }
            let chain = ancestors + [(id, dir)]
            for name in names {
                let full = dir.appending(name)
                var st = stat()
                let matches = globs.contains { InputCollector.matches($0, name) }
                guard full.withCString({ stat($0, &st) }) == 0 else {
                    // A dangling link or an entry that vanished: reported, not skipped.
                    if matches {
                        let reason = String(cString: strerror(errno))
                        addFailed(full, code: .unreadable, message: "cannot read '\(full.display)': \(reason)", into: &out)
                    }
                    continue
                }
                switch st.st_mode & S_IFMT {
                case S_IFDIR:
                    let sub = FileID(st)
                    if let back = chain.first(where: { $0.0 == sub }) {
                        list.loops.append((full.display, back.1.display))
                    } else if dirs.contains(sub) {
                        list.repeatedDirectories += 1
                    } else {
                        walk(full, sub, ancestors: chain, into: &out)
                    }
                case S_IFREG:
                    if matches { addFile(full, st, into: &out) }
                default:
                    if matches { addFailed(full, code: .notRegularFile, message: notRegularMessage(full, st), into: &out) }
                }
            }
        }

        for p in paths {
            if p.bytes == [UInt8(ascii: "-")] {
                if !stdinSeen { items.append(.stdin) }
                stdinSeen = true
                continue
            }
            var st = stat()
            guard p.withCString({ stat($0, &st) }) == 0 else {
                let reason = String(cString: strerror(errno))
                addFailed(p, code: .unreadable, message: "cannot read '\(p.display)': \(reason)", into: &items)
                continue
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                let id = FileID(st)
                if dirs.contains(id) {
                    list.repeatedDirectories += 1
                    continue
                }
                var found: [InputItem] = []
                walk(p, id, ancestors: [], into: &found)
                items += found.sorted { a, b in key(a) < key(b) }
            case S_IFREG:
                addFile(p, st, into: &items)
            default:
                addFailed(p, code: .notRegularFile, message: notRegularMessage(p, st), into: &items)
            }
        }
        list.items = items
        list.repeatedFiles = repeatedFiles
        return list
    }

    private static func key(_ item: InputItem) -> RawPath {
        switch item {
        case .file(let p), .failed(let p, _, _): return p
        case .stdin: return RawPath(bytes: [])
        }
    }

    /// The entry names of `dir` (without `.` and `..`), sorted by bytes; nil with errno set when
    /// the directory cannot be opened.
    static func entries(of dir: RawPath) -> [[UInt8]]? {
        guard let d = dir.withCString({ opendir($0) }) else { return nil }
        defer { closedir(d) }
        var names: [[UInt8]] = []
        while let e = readdir(d) {
            let name: [UInt8] = withUnsafeBytes(of: e.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        return names.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Whether the file name (bytes) matches the fnmatch(3) pattern.
    static func matches(_ glob: String, _ name: [UInt8]) -> Bool {
        RawPath(bytes: name).withCString { fnmatch(glob, $0, 0) == 0 }
    }

    /// Whether `glob` is a well-formed pattern: every `[` has its `]`, no `\` at the end.
    /// (fnmatch(3) would take a malformed pattern literally and match nothing, silently.)
    package static func isValidGlob(_ glob: String) -> Bool {
        let c = Array(glob.unicodeScalars)
        var i = 0
        while i < c.count {
            switch c[i] {
            case "\\":
                if i + 1 >= c.count { return false }
                i += 2
            case "[":
                var j = i + 1
                if j < c.count, c[j] == "!" || c[j] == "^" { j += 1 }
                if j < c.count, c[j] == "]" { j += 1 }
                while j < c.count, c[j] != "]" { j += 1 }
                if j >= c.count { return false }
                i = j + 1
            default:
                i += 1
            }
        }
        return true
    }

    /// Regular files below `dir` whose name matches `glob`, sorted by path (for the evaluation corpus).
    package static func walk(_ dir: String, glob: String) -> [String] { walk(dir, globs: [glob]) }

    /// Regular files below `dir` whose name matches any of `globs`, sorted by path.
    package static func walk(_ dir: String, globs: [String]) -> [String] {
        collect([RawPath(dir)], globs: globs).items.compactMap {
            if case .file(let p) = $0 { return String(decoding: p.bytes, as: UTF8.self) }
            return nil
        }
    }

    /// "'PATH' is not a regular file (a KIND)".
    static func notRegularMessage(_ p: RawPath, _ st: stat) -> String {
        "'\(p.display)' is not a regular file (\(DocumentFile.kind(st)))"
    }
}

/// Reading one document from a path: the same codes and messages for `run` and `extract`.
package enum DocumentFile {
    /// Why a document could not be read: `E301` (missing, unreadable) or `E302` (not a regular file).
    package struct Failure: Error, Sendable {
        package let code: DiagnosticCode
        package let message: String
    }

    /// The bytes of the regular file at `path`. A FIFO, device, socket or directory is `E302`
    /// and is never opened for reading (so a FIFO without a writer does not block and `/dev/zero`
    /// is not read forever).
    package static func read(_ path: RawPath) -> Result<[UInt8], Failure> {
        switch open(path) {
        case .failure(let f): return .failure(f)
        case .success(let (fd, size)):
            defer { close(fd) }
            return read(fd, size: size, path: path)
        }
    }

    /// The regular file at `path`, open for reading: its descriptor (the caller closes it) and its
    /// size. The same failures as ``read(_:)``; nothing is read yet (a very large document is read
    /// in pieces: ``DocumentBytes``).
    package static func open(_ path: RawPath) -> Result<(fd: Int32, size: Int), Failure> {
        let fd = path.withCString { Glibc.open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
        guard fd >= 0 else { return .failure(unreadable(path)) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let failure = unreadable(path)
            close(fd)
            return .failure(failure)
        }
        guard st.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            return .failure(Failure(code: .notRegularFile, message: InputCollector.notRegularMessage(path, st)))
        }
        return .success((fd, Int(st.st_size)))
    }

    /// Reads a file opened by ``open(_:)`` to its end (`size` is what it said; the file may have grown since).
    package static func read(_ fd: Int32, size: Int, path: RawPath) -> Result<[UInt8], Failure> {
        guard let bytes = readAll(fd, sizeHint: size) else { return .failure(unreadable(path)) }
        return .success(bytes)
    }

    /// All of standard input (a pipe, a file, a terminal); `E301` when reading fails.
    package static func readStandardInput() -> Result<[UInt8], Failure> {
        guard let bytes = readAll(STDIN_FILENO, sizeHint: 0) else {
            return .failure(Failure(code: .unreadable, message: "cannot read standard input: \(String(cString: strerror(errno)))"))
        }
        return .success(bytes)
    }

    /// Reads `fd` to its end; nil (errno set) on a read error.
    private static func readAll(_ fd: Int32, sizeHint: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: max(sizeHint, 0))
        var off = 0
        while true {
            if off == out.count { out.append(contentsOf: [UInt8](repeating: 0, count: max(65536, out.count / 2))) }
            let n = out.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + off, $0.count - off) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            off += n
        }
        out.removeSubrange(off...)
        return out
    }

    private static func unreadable(_ path: RawPath) -> Failure {
        Failure(code: .unreadable, message: "cannot read '\(path.display)': \(String(cString: strerror(errno)))")
    }

    /// The kind of a file that is not a regular one, in words.
    static func kind(_ st: stat) -> String {
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "not a file"
        }
    }
}
