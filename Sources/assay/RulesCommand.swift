import ArgumentParser
import Assay
import Foundation

/// Loads the rule set or exits 2 with the compiler-style report.
func loadRules(_ dir: String) throws -> RuleSet {
    do {
        return try RuleSet.load(directory: dir)
    } catch {
        printError(error.rendered)
        printError("assay: \(error.diagnostics.count) rule-file error(s)")
        throw ExitCode(2)
    }
}

/// The default rule directory: $ASSAY_RULES, ./rules, else beside the executable or in the package
/// checkout (``RuleDirectory``), so `assay` works from any folder; `rules` when none holds rules (loading
/// it then reports the missing directory).
func defaultRulesDirectory() -> String {
    RuleDirectory.find() ?? "rules"
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Work with rule files.", subcommands: [RulesCheckCommand.self])
}

struct RulesCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Load and validate rule files and run every example and counterexample.",
        discussion: "Exits 2 on rule-file errors (E1xx) and 1 when the files load but an example fails (E190)."
    )

    @Argument(help: "The rule directory.")
    var directory: String = defaultRulesDirectory()

    func run() throws {
        let rules = try loadRules(directory)
        let outcomes = ExampleRunner(rules: rules).runAll()
        let failed = outcomes.compactMap(\.failure)
        Termination.install()
        for f in failed { printOut(f.rendered) }
        printOut(
            "\(rules.files.count) files, \(rules.rules.count) rules, \(outcomes.count) examples: \(outcomes.count - failed.count) passed, \(failed.count) failed"
        )
        if !failed.isEmpty { throw ExitCode(1) }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show the normalized text and every candidate match: kept, rejected (why) or lost an overlap (to what)."
    )

    @Argument(help: "The text to explain.")
    var text: String

    @Option(help: "Force the language (hi, vi, en) instead of detecting it per paragraph.")
    var lang: String?

    @Option(help: "The rule directory.")
    var rules: String = defaultRulesDirectory()

    func validate() throws {
        if let l = lang, Language(rawValue: l) == nil || l == "und" { throw ValidationError("--lang is one of hi, vi, en") }
    }

    func run() throws {
        let set = try loadRules(rules)
        let doc = TextDocument(original: Array(text.utf16), forcedLanguage: lang.flatMap { Language(rawValue: $0) })
        Termination.install()
        printOut(Explanation.render(doc, rules: set))
    }
}
