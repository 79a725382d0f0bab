import ArgumentParser
import Assay
import Foundation

struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Print a file's normalized text (NFC and Assay's folds), its matching view, or its offset map.",
        discussion: "An HTML page (.html, .htm, or content that starts like HTML) shows its extracted text, normalized."
    )

    @Argument(help: "The file to read ('-' for standard input).")
    var file: String

    @Flag(help: "Print the case-folded matching view.")
    var folded = false

    @Flag(help: "Print the offset map: 'norm_start norm_end orig_start orig_end' per copied or rewritten run, in Unicode scalars.")
    var offsets = false

    @Option(help: "Decode with this ICU converter (e.g. windows-1258) instead of detecting.")
    var encoding: String?

    func validate() throws {
        if let e = encoding, !EncodingName.isKnown(e) {
            throw ValidationError("unknown encoding '\(e)'")
        }
    }

    func run() throws {
        Termination.install()
        let bytes: [UInt8]
        // The same reading as `run`: a device or FIFO is E302 (never read), a missing file E301.
        switch file == "-" ? DocumentFile.readStandardInput() : DocumentFile.read(RawArguments.path(file)) {
        case .success(let b): bytes = b
        case .failure(let f):
            printError("assay: error[\(f.code)]: \(f.message)")
            throw ExitCode(1)
        }
        var format = (file == "-" ? nil : DocumentFormat(path: file)) ?? DocumentFormat.sniff(bytes)
        if format == .warc { format = .text }
        let decoded = DocumentReader.decode(bytes: bytes, format: format, forcedEncoding: encoding)
        for d in decoded.diagnostics {
            printError("assay: \(file): warning[\(d.code.rawValue)]: \(d.message)")
        }
        let doc = TextDocument(original: decoded.units)
        var out = ""
        if offsets {
            for line in NormalizedRuns.lines(doc) { out += line + "\n" }
        } else {
            out = folded ? doc.text.foldedString : doc.text.string
        }
        writeOut(Array(out.utf8))
    }
}
