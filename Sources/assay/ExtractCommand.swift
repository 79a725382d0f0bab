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

    @Flag(help: "Add the decoded text the offsets refer to (for HTML, the extracted text) as 'text'.")
    var withText = false

    @Option(help: "The rule directory.")
    var rules: String = defaultRulesDirectory()

    func validate() throws {
        if text != nil && file != nil { throw ValidationError("give --text or a file, not both") }
        if let l = lang, Language(rawValue: l) == nil || l == "und" { throw ValidationError("--lang is one of hi, vi, en") }
        if let e = encoding, !EncodingName.isKnown(e) { throw ValidationError("unknown encoding '\(e)'") }
        if let f = file, DocumentFormat(path: f) == .warc {
            throw ValidationError("'\(f)' is a WARC archive, which holds many documents: use 'assay run'")
        }
    }

    func run() throws {
        Termination.install()
        let set = try loadRules(rules)
        let pipeline = Pipeline(rules: set)
        let language = lang.flatMap { Language(rawValue: $0) }
        let record: Record
        if let text {
            record = pipeline.process(bytes: Array(text.utf8), source: "text", forcedLanguage: language, withText: withText)
        } else if let file, file != "-" {
            // The same reading, codes and messages as `run` (E301 unreadable, E302 not a regular file).
            let path = RawArguments.path(file)
            switch DocumentFile.read(path) {
            case .success(let bytes):
                // Read as the name says (an HTML page), else as the content looks.
                record =
                    pipeline.process(
                        file: bytes, source: path.display, path: path.display, forcedEncoding: encoding, forcedLanguage: language,
                        withText: withText
                    ).0
            case .failure(let f):
                record = .failure(source: path.display, code: f.code, message: f.message, format: DocumentFormat(path: file)?.rawValue)
            }
        } else {
            switch DocumentFile.readStandardInput() {
            case .success(let bytes):
                record =
                    pipeline.process(
                        file: bytes, source: "stdin", path: nil, forcedEncoding: encoding, forcedLanguage: language, withText: withText
                    ).0
            case .failure(let f):
                record = .failure(source: "stdin", code: f.code, message: f.message)
            }
        }
        writeOut(record.json(pretty: !compact) + [0x0A])
        if record.error != nil { throw ExitCode(1) }
    }
}
