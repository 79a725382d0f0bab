import ArgumentParser
import Assay
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

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
        Termination.install()
        let set = try loadRules(rules)
        // A corpus that is not there scores nothing: that is an error, not a perfect F1.
        var st = stat()
        guard stat(corpus, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else {
            let reason = stat(corpus, &st) == 0 ? "not a directory" : String(cString: strerror(errno))
            printError("assay: eval: cannot read the corpus '\(corpus)': \(reason)")
            throw ExitCode(1)
        }
        let ev: Evaluation
        do {
            ev = try Evaluation.run(corpus: corpus, pipeline: Pipeline(rules: set))
        } catch {
            printError("assay: eval: \(error)")
            throw ExitCode(1)
        }
        guard ev.documents > 0 else {
            printError("assay: eval: no documents with gold (NAME.txt beside NAME.gold.json) under '\(corpus)'")
            throw ExitCode(1)
        }
        printOut(ev.table())
        if misses {
            for f in ev.findings {
                printOut("\(f.kind) \(f.type) \(f.document):\(f.start) \(f.text.debugDescription) \(f.rule ?? "-") \(f.detail)")
            }
        }
        if let json { writeWholeFile(json, ev.json()) }
    }
}
