/// Decodes a document of any format to the text the pipeline reads: the entry point for callers that
/// hold bytes (the batch, the stream, a service).
package enum DocumentReader {
    /// The decoded text of `bytes` read as `format`. A WARC archive holds many documents and is read
    /// with ``WARCReader``; given here, its bytes are read as text. `transportCharset` is a charset a
    /// transport declared (an HTTP Content-Type's), used when no byte-order mark decides.
    package static func decode(
        bytes: [UInt8], format: DocumentFormat, forcedEncoding: String? = nil, transportCharset: String? = nil
    ) -> DecodedDocument {
        switch format {
        case .html:
            return HTMLText.decode(bytes, forcedEncoding: forcedEncoding, transportCharset: transportCharset)
        case .text, .warc:
            let hasBOM =
                bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
            let transport = hasBOM ? nil : transportCharset.flatMap(HTMLCharset.decoderName(for:))
            return DocumentDecoder.decode(bytes, forcedEncoding: forcedEncoding ?? transport)
        }
    }
}
