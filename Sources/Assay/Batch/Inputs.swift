import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One document to process, as found on the command line.
public enum InputItem: Sendable, Equatable {
    /// A regular file (path as given, joined with the walked path inside a directory).
    case file(String)
    /// Standard input (`-`).
    case stdin
    /// A path that cannot be processed: E301 (missing, unreadable) or E302 (not a regular file).
    case failed(String, code: DiagnosticCode, message: String)

    /// The record's `source`.
    public var source: String {
        switch self {
        case .file(let p): return p
        case .stdin: return "stdin"
        case .failed(let p, _, _): return p
        }
    }
}

/// Expands command-line paths: files as given, directories walked recursively in sorted path order
/// with a glob on file names, each path once.
public enum InputCollector {
    public static func collect(_ paths: [String], glob: String = "*.txt") -> [InputItem] {
        var seen = Set<String>()
        var out: [InputItem] = []
        func add(_ item: InputItem, key: String) {
            if seen.insert(key).inserted { out.append(item) }
        }
        for p in paths {
            if p == "-" {
                add(.stdin, key: "-")
                continue
            }
            var st = stat()
            guard stat(p, &st) == 0 else {
                let reason = String(cString: strerror(errno))
                add(.failed(p, code: .unreadable, message: "cannot read '\(p)': \(reason)"), key: canonical(p))
                continue
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                for f in walk(p, glob: glob) {
                    var fst = stat()
                    if stat(f, &fst) != 0 {
                        let reason = String(cString: strerror(errno))
                        add(.failed(f, code: .unreadable, message: "cannot read '\(f)': \(reason)"), key: f)
                    } else {
                        add(.file(f), key: canonical(f))
                    }
                }
            case S_IFREG:
                add(.file(p), key: canonical(p))
            default:
                add(.failed(p, code: .notRegularFile, message: "'\(p)' is not a regular file"), key: canonical(p))
            }
        }
        return out
    }

    static func canonical(_ p: String) -> String {
        guard let r = realpath(p, nil) else { return URL(fileURLWithPath: p).standardizedFileURL.path }
        defer { free(r) }
        return String(cString: r)
    }

    /// Regular files below `dir` whose name matches `glob`, sorted by path.
    static func walk(_ dir: String, glob: String) -> [String] {
        let base = dir.hasSuffix("/") ? String(dir.dropLast()) : dir
        var out: [String] = []
        var stack = [base]
        while let d = stack.popLast() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: d) else { continue }
            for name in names {
                let full = d + "/" + name
                var st = stat()
                guard stat(full, &st) == 0 else {
                    // A dangling link or an entry that vanished: reported, not skipped.
                    if fnmatch(glob, name, 0) == 0 { out.append(full) }
                    continue
                }
                if st.st_mode & S_IFMT == S_IFDIR {
                    stack.append(full)
                } else if st.st_mode & S_IFMT == S_IFREG, fnmatch(glob, name, 0) == 0 {
                    out.append(full)
                }
            }
        }
        return out.sorted()
    }
}
