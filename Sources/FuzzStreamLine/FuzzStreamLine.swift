// libFuzzer target: one `--stdin-jsonl` line → JSONParser → StreamLine → record. Built only by
// `make fuzz` (ASSAY_FUZZ); a plain `swift build` gets the stub below.
#if ASSAY_FUZZ
    import Assay
    import CFuzzDriver
    import FuzzSupport

    /// The entry point SwiftPM links as `main` for this executable: hands over to libFuzzer's driver.
    @_cdecl("FuzzStreamLine_main")
    public func fuzzStreamLineMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var argc = argc
        var argv = argv
        return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzStreamLine(data, size) }
    }

    /// One input line: parse it as the stream reader does, then process it as `run --stdin-jsonl`
    /// does and check that every line gets one record and that the record keeps the contract.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzStreamLine(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let bytes = Array(UnsafeBufferPointer(start: data, count: size))
        let parsed = try? JSONParser.parse(bytes)
        let line = String(decoding: bytes, as: UTF8.self)
        let (record, _, _) = StreamLine.process(line, line: 1, pipeline: FuzzOracle.pipeline, encoding: nil)
        if parsed == nil {
            precondition(record.error?.code == .malformedStreamLine, "a line JSONParser rejects must give E303")
        }
        // StreamLine keeps the last "text" of a line that repeats the key (as Python's json does).
        var original: [UInt16]? = nil
        if record.error == nil, case .object(let pairs)? = parsed, case .string(let text)? = pairs.last(where: { $0.0 == "text" })?.1 {
            let decoded = DocumentDecoder.decode(Array(text.utf8))
            original = decoded.isBinary ? nil : decoded.units
        }
        FuzzOracle.check(record, original: original)
        return 0
    }
#else
    /// Stand-in when not built by `make fuzz`.
    @main enum FuzzStreamLineStub {
        static func main() { print("FuzzStreamLine: build and run it with `make fuzz`") }
    }
#endif
