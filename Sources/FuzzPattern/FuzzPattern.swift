// libFuzzer target: rule-pattern text → PatternParser → a rule file → RuleSet (compiled) → matched
// against a fixed text. Built only by `make fuzz` (ASSAY_FUZZ); a plain `swift build` gets the stub.
#if ASSAY_FUZZ
    import Assay
    import CFuzzDriver
    import FuzzSupport

    /// The entry point SwiftPM links as `main` for this executable: hands over to libFuzzer's driver.
    @_cdecl("FuzzPattern_main")
    public func fuzzPatternMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var argc = argc
        var argv = argv
        return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzPattern(data, size) }
    }

    /// Words and figures of all three languages, so any pattern has something to match.
    let sampleText = Array(
        """
        Nhà máy Z131 đạt doanh thu gần 1.500 tỷ đồng năm 2023, Thượng tá Lê Minh Quang cho biết.
        Z121 Factory earned VND240 billion in March 2018 (Col. TRAN QUOC BAO); www.z121.vn
        जेड175 कारखाने ने 2022 के पहले छह महीनों में 23.4 बिलियन VND कमाए। कर्नल राम कुमार
        """.utf8)

    /// One input: the bytes as a pattern, parsed alone and inside a money rule file with its own
    /// lexicons; a pattern that loads is compiled and run over `sampleText`.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzPattern(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let pattern = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
        do throws(PatternError) {
            _ = try PatternParser.parse(pattern) { text in text.split(separator: " ").map { UInt64(truncatingIfNeeded: $0.hashValue) } }
        } catch {
            precondition(error.code.hasPrefix("E1"), "pattern error without an E1xx code")
            precondition(error.offset >= 0 && error.offset <= pattern.unicodeScalars.count, "pattern error offset outside the pattern")
        }
        let file = """
            language: vi
            dimension: money
            lexicons:
              scale: {nghìn: "1000", triệu: "1000000", tỷ: "1000000000"}
              unit: [đồng, VND, बिलियन]
            rules:
              - id: vi.money.fuzz
                pattern: \(yamlQuoted(pattern))
                examples: [{text: x, entities: []}]
            """
        let rules: RuleSet
        do throws(RuleLoadError) {
            rules = try RuleSet.load(sources: [("rules/vi/money.yaml", file)])
        } catch {
            for d in error.diagnostics {
                precondition(d.line >= 1 && d.column >= 1, "diagnostic position \(d.line):\(d.column)")
                _ = d.rendered
            }
            return 0
        }
        let record = Pipeline(rules: rules).process(bytes: sampleText, source: "fuzz")
        FuzzOracle.check(record, original: Array(String(decoding: sampleText, as: UTF8.self).utf16))
        return 0
    }

    /// `s` as a YAML double-quoted scalar (every scalar outside printable ASCII escaped).
    func yamlQuoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case " "..."~": out.unicodeScalars.append(u)
            default:
                let hex = String(u.value, radix: 16)
                out += "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
            }
        }
        return out + "\""
    }
#else
    /// Stand-in when not built by `make fuzz`.
    @main enum FuzzPatternStub {
        static func main() { print("FuzzPattern: build and run it with `make fuzz`") }
    }
#endif
