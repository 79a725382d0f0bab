import ArgumentParser
import Assay
import Foundation

struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Print a file's normalized text (NFC and Assay's folds), its matching view, or its offset map."
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
        let bytes: [UInt8]
        do {
            bytes = try readInput(file)
        } catch {
            FileHandle.standardError.write(Data("assay: \(file): \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
        let decoded = DocumentDecoder.decode(bytes, forcedEncoding: encoding)
        for d in decoded.diagnostics {
            FileHandle.standardError.write(Data("assay: \(file): warning[\(d.code.rawValue)]: \(d.message)\n".utf8))
        }
        let doc = TextDocument(original: decoded.units)
        var out = ""
        if offsets {
            for line in NormalizedRuns.lines(doc) { out += line + "\n" }
        } else {
            out = folded ? doc.text.foldedString : doc.text.string
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}

func readInput(_ path: String) throws -> [UInt8] {
    if path == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
    return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}
