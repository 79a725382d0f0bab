/// Factory codes: `Z` and two or three digits, whatever script or alias the text used.
///
/// Captures: `code` (the digits, any script after normalization), `code3` (the same, three digits
/// only: a bare code) or `alias` (a lexicon whose value
/// is the canonical code, e.g. a company name standing for a factory).
package struct FactoryResolver: Resolver {
    package init() {}

    package func resolve(_ input: ResolverInput) -> Resolution {
        if let alias = input["alias"] {
            guard let code = alias.lexiconValue, Self.isCode(code) else {
                return .reject("alias '\(alias.text)' has no factory code")
            }
            return .accept(EntityValue(fields: [.init("code", code)]))
        }
        // `code3`: a code with no word for "factory" beside it must have three digits (`Z131`);
        // two (`Z10`, `Z4`) is more often a product or a model.
        guard let digits = input["code"] ?? input["code3"] else { return .reject("no 'code' capture") }
        let allowed = input["code"] != nil ? 2...3 : 3...3
        // Every Character of the folded text an ASCII digit is every unit one (a digit with a mark
        // after it is one Character that is not ASCII): checked on the units, no Character made.
        guard let d = digits.foldedASCIIDigits, allowed.contains(d.utf8.count) else {
            return .reject("'\(digits.text)' is not \(allowed.count == 1 ? "three" : "two or three") digits")
        }
        return .accept(EntityValue(fields: [.init("code", "Z" + d)]))
    }

    static func isCode(_ s: String) -> Bool {
        s.count >= 3 && s.count <= 4 && s.hasPrefix("Z") && s.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }
}
