import ArgumentParser
import Assay
import Foundation

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract one document (--text, a file, or standard input) and print its record."
    )

    @Argument(help: "The file to read; standard input when absent and no --text.")
    var file: String?

    @Option(help: "The text itself.")
    var text: String?

    @Flag(help: "One line instead of pretty-printed JSON.")
    var compact = false

    @Option(help: "Force the language (hi, vi, en) instead of detecting it per paragraph.")
    var lang: String?

    @Option(help: "Decode with this ICU converter (e.g. windows-1258).")
    var encoding: String?

    @Option(help: "The rule directory.")
    var rules: String = defaultRulesDirectory()

    func validate() throws {
        if text != nil && file != nil { throw ValidationError("give --text or a file, not both") }
        if let l = lang, Language(rawValue: l) == nil || l == "und" { throw ValidationError("--lang is one of hi, vi, en") }
        if let e = encoding, !EncodingName.isKnown(e) { throw ValidationError("unknown encoding '\(e)'") }
    }

    func run() throws {
        let set = try loadRules(rules)
        let pipeline = Pipeline(rules: set)
        let language = lang.flatMap { Language(rawValue: $0) }
        let record: Record
        if let text {
            record = pipeline.process(bytes: Array(text.utf8), source: "text", forcedLanguage: language)
        } else if let file, file != "-" {
            do {
                record = pipeline.process(bytes: try readFile(file), source: file, forcedEncoding: encoding, forcedLanguage: language)
            } catch {
                record = .failure(source: file, code: .unreadable, message: "cannot read '\(file)': \(error)")
            }
        } else {
            let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            record = pipeline.process(bytes: bytes, source: "stdin", forcedEncoding: encoding, forcedLanguage: language)
        }
        FileHandle.standardOutput.write(Data(record.json(pretty: !compact) + [0x0A]))
        if record.error != nil { throw ExitCode(1) }
    }
}
