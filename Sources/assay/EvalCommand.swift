import ArgumentParser
import Assay
import Foundation

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score extraction against the corpus gold: precision, recall and F1 per language and type, strict and span."
    )

    @Argument(help: "The corpus directory (documents with NAME.gold.json beside NAME.txt).")
    var corpus: String = "corpus"

    @Flag(help: "List misses, wrong values and spurious entities with their document and rule.")
    var misses = false

    @Option(help: "Write the numbers as JSON to this file.")
    var json: String?

    @Option(help: "The rule directory.")
    var rules: String = defaultRulesDirectory()

    func run() throws {
        let set = try loadRules(rules)
        let ev: Evaluation
        do {
            ev = try Evaluation.run(corpus: corpus, pipeline: Pipeline(rules: set))
        } catch {
            FileHandle.standardError.write(Data("assay: eval: \(error)\n".utf8))
            throw ExitCode(1)
        }
        print(ev.table())
        if misses {
            for f in ev.findings {
                print("\(f.kind) \(f.type) \(f.document):\(f.start) \(f.text.debugDescription) \(f.rule ?? "-") \(f.detail)")
            }
        }
        if let json { FileManager.default.createFile(atPath: json, contents: Data(ev.json())) }
    }
}
