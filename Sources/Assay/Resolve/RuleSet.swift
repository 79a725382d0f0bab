import Foundation

/// All rule files loaded, validated and compiled into one matcher. Built once at start-up and
/// shared read-only by every document.
public struct RuleSet: Sendable {
    /// Every rule, in load order.
    public let rules: [Rule]
    /// The rule files read, in load order.
    public let files: [String]
    let matcher: Matcher
    let resolvers: ResolverRegistry
    /// lexicon id → qualified name (`vi.scale`)
    let lexiconNames: [String]

    /// Loads every `*.yaml` below `directory` (sorted by path). Throws every problem at once.
    public static func load(directory: String) throws(RuleLoadError) -> RuleSet {
        try load(RuleSources.read(directory: directory), resolvers: .standard)
    }

    /// The rules that travel with the program, found by ``RuleDirectory/find(environment:currentDirectory:executable:)``
    /// (`$ASSAY_RULES`, `./rules`, beside the running executable, the package checkout). Throws
    /// `E100` naming the places looked at when none holds rules, and every problem of the files.
    public static func bundled() throws(RuleLoadError) -> RuleSet {
        guard let directory = RuleDirectory.find() else {
            throw RuleLoadError(diagnostics: [
                RuleDiagnostic(
                    path: "rules", line: 1, column: 1, code: .invalidYAML,
                    message: "no rule directory found: set $\(RuleDirectory.environmentVariable) or give one; looked in "
                        + RuleDirectory.searchPlaces().joined(separator: ", "))
            ])
        }
        return try load(directory: directory)
    }

    /// Loads rule files given as (path, text) pairs.
    package static func load(
        sources: [(path: String, text: String)], resolvers: ResolverRegistry = .standard, earlier: [RuleDiagnostic] = []
    ) throws(RuleLoadError) -> RuleSet {
        var loader = RuleLoader(dimensions: resolvers.dimensions)
        loader.diagnostics = earlier
        let files = sources.compactMap { loader.parseFile(path: $0.path, text: $0.text) }
        for f in files { loader.collectLexicons(f) }
        for f in files { loader.collectRules(f) }
        if !loader.diagnostics.isEmpty { throw RuleLoadError(diagnostics: loader.diagnostics) }
        return RuleSet(
            rules: loader.rules, files: sources.map(\.path), matcher: loader.compileMatcher(), resolvers: resolvers,
            lexiconNames: loader.lexiconNames)
    }

    /// The index of a rule by id.
    public func rule(id: String) -> Rule? { rules.first { $0.id == id } }
}

extension RuleSet {
    /// Compiles rule files read by ``RuleSources/read(directory:)``. Throws every problem at once,
    /// including the files that could not be read.
    package static func load(_ sources: RuleSources, resolvers: ResolverRegistry = .standard) throws(RuleLoadError) -> RuleSet {
        if sources.directoryMissing { throw RuleLoadError(diagnostics: sources.problems) }
        return try load(sources: sources.files, resolvers: resolvers, earlier: sources.problems)
    }
}
