import Foundation

/// Finds the rule directory when none is given, so `assay` (or a program using this library) works
/// from any folder.
///
/// The rules are data files beside the code (`rules/<lang>/<dimension>.yaml`), not compiled into the
/// binary: SwiftPM resources cannot reach outside a target's folder, and the rules are meant to be
/// read and edited. "Bundled" therefore means the `rules/` folder that travels with the program:
///
/// 1. `$ASSAY_RULES`, when set (taken as is, even when it holds no rules: loading then says so);
/// 2. `./rules`;
/// 3. beside the real path of the running executable (symbolic links followed): in its folder and
///    each parent folder in turn, `rules/` or `share/assay/rules/` — which covers a package checkout
///    (`.build/release/assay` finds the checkout's `rules/`) and an install (`PREFIX/bin/assay` finds
///    `PREFIX/share/assay/rules`);
/// 4. the Assay package checkout this library was compiled from (a SwiftPM dependency keeps its
///    checkout on disk).
///
/// Places 2–4 count only when they hold a rule directory's layout: a `common/` folder with at least
/// one `.yaml` file.
public enum RuleDirectory {
    /// The environment variable that names a rule directory.
    public static let environmentVariable = "ASSAY_RULES"

    /// The first place in the order above that holds rules, or nil.
    ///
    /// - Parameters:
    ///   - environment: the process environment (`$ASSAY_RULES`).
    ///   - currentDirectory: the folder `./rules` is looked for in.
    ///   - executable: the running program's path; nil looks it up (`/proc/self/exe`, else the first
    ///     command-line argument).
    public static func find(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        executable: String? = nil
    ) -> String? {
        if let explicit = environment[environmentVariable], !explicit.isEmpty { return explicit }
        return searchPlaces(currentDirectory: currentDirectory, executable: executable).first(where: holdsRules)
    }

    /// Places 2–4, in the order they are tried (for messages: where rules were looked for).
    package static func searchPlaces(currentDirectory: String = FileManager.default.currentDirectoryPath, executable: String? = nil) -> [String] {
        var places = [join(currentDirectory, "rules")]
        if let exe = executable.map(realPath) ?? runningExecutable() {
            places += upward(from: parent(exe))
        }
        places += upward(from: parent(parent(parent(parent(#filePath)))), shareToo: false)
        var seen = Set<String>()
        return places.filter { seen.insert($0).inserted }
    }

    /// Whether `path` is a folder with a `common/` folder holding a `.yaml` file.
    package static func holdsRules(_ path: String) -> Bool {
        let common = join(path, "common")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: common) else { return false }
        return names.contains { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
    }

    /// `rules` and `share/assay/rules` in `folder` and in each of its parents, nearest first.
    static func upward(from folder: String, shareToo: Bool = true) -> [String] {
        var out: [String] = []
        var dir = folder
        while true {
            out.append(join(dir, "rules"))
            if shareToo { out.append(join(dir, "share/assay/rules")) }
            let up = parent(dir)
            if up == dir { break }
            dir = up
        }
        return out
    }

    /// The real path of the running program.
    static func runningExecutable() -> String? {
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return exe }
        guard let first = CommandLine.arguments.first, !first.isEmpty else { return nil }
        if first.contains("/") { return realPath(first) }
        // A bare name was found on $PATH.
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = join(String(dir), first)
            if FileManager.default.isExecutableFile(atPath: candidate) { return realPath(candidate) }
        }
        return nil
    }

    static func realPath(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : join(FileManager.default.currentDirectoryPath, path)
        return URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path
    }

    static func parent(_ path: String) -> String {
        let p = (path as NSString).deletingLastPathComponent
        return p.isEmpty ? "/" : p
    }

    static func join(_ a: String, _ b: String) -> String { (a as NSString).appendingPathComponent(b) }
}
