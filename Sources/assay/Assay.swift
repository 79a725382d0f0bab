import ArgumentParser
import Assay

@main
struct AssayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay",
        abstract: "Turn news articles in Hindi, Vietnamese and English into structured JSON records.",
        version: AssayVersion.version,
        subcommands: [RunCommand.self, ExtractCommand.self, EvalCommand.self, NormalizeCommand.self, RulesCommand.self, ExplainCommand.self, ServeCommand.self]
    )
}
