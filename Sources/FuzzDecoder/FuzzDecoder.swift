// libFuzzer target: document bytes → DocumentDecoder → the whole pipeline. Built only by
// `make fuzz` (which defines ASSAY_FUZZ and links libFuzzer's `main`); a plain `swift build`
// gets the stub below, so the package builds and tests as usual.
#if ASSAY_FUZZ
    import Assay
    import CFuzzDriver
    import FuzzSupport

    /// The entry point SwiftPM links as `main` for this executable: hands over to libFuzzer's driver.
    @_cdecl("FuzzDecoder_main")
    public func fuzzDecoderMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var argc = argc
        var argv = argv
        return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzDecoder(data, size) }
    }

    /// One input: decode it (with detection, and forced to UTF-16LE when the first byte is odd, so the
    /// forced path is reached too), then run the pipeline and check the record contract.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzDecoder(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let bytes = Array(UnsafeBufferPointer(start: data, count: size))
        let forced: String? = bytes.first.map { $0 & 1 == 1 } == true && size % 7 == 3 ? "utf-16le" : nil
        let decoded = DocumentDecoder.decode(bytes, forcedEncoding: forced)
        precondition(!decoded.encoding.isEmpty, "decoder gave no encoding name")
        let record = FuzzOracle.pipeline.process(bytes: bytes, source: "fuzz", forcedEncoding: forced)
        precondition(record.error == nil, "a decoded document got an error record")
        FuzzOracle.check(record, original: decoded.isBinary ? nil : decoded.units)
        return 0
    }
#else
    /// Stand-in when not built by `make fuzz`.
    @main enum FuzzDecoderStub {
        static func main() { print("FuzzDecoder: build and run it with `make fuzz`") }
    }
#endif
