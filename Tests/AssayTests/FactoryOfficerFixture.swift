import Foundation
import Testing

@testable import Assay

/// The real rule directory (found from this file: Tests/AssayTests → package root → rules), loaded once,
/// and helpers to run texts through the whole extraction.
enum FactoryOfficerFixture {
    static let rulesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules").path

    /// The rules, loaded once; a failure is kept and thrown by every helper below, so each test that
    /// uses them fails with the loader's report while the others run.
    static let rules = Result { () throws(RuleLoadError) -> RuleSet in try RuleSet.load(directory: rulesDirectory) }

    /// The emitted entities of `type` in `text` (language detected per paragraph unless forced).
    static func entities(_ text: String, type: EntityType, language: Language? = nil) throws -> [Entity] {
        let doc = TextDocument(original: Array(text.utf16), forcedLanguage: language)
        return Extractor(rules: try rules.get()).entities(doc).filter { $0.type == type }
    }

    /// Officers as (span, rank, name, name_ascii).
    static func officers(_ text: String, language: Language? = nil) throws -> [[String?]] {
        try entities(text, type: .officer, language: language).map { [$0.text, $0.value["rank"], $0.value["name"], $0.value["name_ascii"]] }
    }

    /// Factories as (span, code).
    static func factories(_ text: String, language: Language? = nil) throws -> [[String?]] {
        try entities(text, type: .factory, language: language).map { [$0.text, $0.value["code"]] }
    }
}
