import Crypto
import Foundation

/// The rule files of a directory, read once: their texts in load order, the problems met while
/// reading, and a digest naming exactly this set of files. ``RuleSet/load(_:resolvers:)`` compiles
/// them (``RuleSet`` in Resolve/); a long-running service reports the digest as its rule-set version, so the version always
/// describes the bytes that were compiled (never files re-read later).
package struct RuleSources: Sendable {
    /// The directory as given.
    package let directory: String
    /// Every `*.yaml`/`*.yml` file below the directory, sorted by path, with its text.
    package let files: [(path: String, text: String)]
    /// Files that could not be read (`E100`), or the missing directory itself.
    package let problems: [RuleDiagnostic]
    /// Whether the directory itself is missing (then `files` is empty).
    package let directoryMissing: Bool
    /// `sha256:` of every file's path relative to the directory, a NUL byte, its text and a NUL
    /// byte, in load order: the same files with the same bytes give the same digest on any machine.
    package let digest: String

    /// Reads every rule file below `directory`.
    package static func read(directory: String) -> RuleSources {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            let missing = RuleDiagnostic(path: directory, line: 1, column: 1, code: .invalidYAML, message: "no rule directory at '\(directory)'")
            return RuleSources(directory: directory, files: [], problems: [missing], directoryMissing: true, digest: digestOf([]))
        }
        var paths: [String] = []
        if let e = fm.enumerator(atPath: directory) {
            while let p = e.nextObject() as? String {
                if p.hasSuffix(".yaml") || p.hasSuffix(".yml") { paths.append(p) }
            }
        }
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var files: [(path: String, text: String)] = []
        var relative: [(String, String)] = []
        var problems: [RuleDiagnostic] = []
        for p in paths.sorted() {
            let full = base + "/" + p
            guard let data = fm.contents(atPath: full), let text = String(data: data, encoding: .utf8) else {
                problems.append(RuleDiagnostic(path: full, line: 1, column: 1, code: .invalidYAML, message: "cannot read rule file as UTF-8"))
                continue
            }
            files.append((full, text))
            relative.append((p, text))
        }
        return RuleSources(directory: directory, files: files, problems: problems, directoryMissing: false, digest: digestOf(relative))
    }

    static func digestOf(_ files: [(String, String)]) -> String {
        var hasher = SHA256()
        for (path, text) in files {
            hasher.update(data: Array(path.utf8) + [0])
            hasher.update(data: Array(text.utf8) + [0])
        }
        return "sha256:" + hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
