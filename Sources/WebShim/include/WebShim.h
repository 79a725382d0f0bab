#ifndef ASSAY_WEB_SHIM_H
#define ASSAY_WEB_SHIM_H
// Plain-named wrappers over the system libxml2 (HTML parser) and zlib (gzip members). Only <stdint.h>,
// <stddef.h> and <stdbool.h> types and opaque pointers, so Swift imports this header beside Foundation
// without seeing a system library's types. Failures are return values; nothing aborts.
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// The text a reader sees in an HTML document given as UTF-8 bytes (the caller decoded the charset;
/// libxml2 is told the input is UTF-8 and ignores any <meta charset>). Rules: README "HTML input".
/// Returns a malloc'd UTF-8 buffer (free with assay_web_free) and its length in *out_len, or NULL when
/// memory ran out or the input is larger than libxml2 accepts (2 GiB). Nesting depth is not limited.
uint8_t *assay_html_text(const uint8_t *utf8, size_t len, size_t *out_len);

/// Frees a buffer returned by this shim.
void assay_web_free(void *p);

/// An inflater for gzip members (one z_stream, reset between members).
typedef struct assay_inflater assay_inflater;

/// A new inflater, or NULL when memory ran out.
assay_inflater *assay_inflater_new(void);
/// Frees an inflater (NULL is fine).
void assay_inflater_free(assay_inflater *z);

/// Result of assay_inflate_member.
enum {
    ASSAY_INFLATE_OK = 0,        ///< one whole member inflated
    ASSAY_INFLATE_TRUNCATED = 1, ///< the input ended inside the member
    ASSAY_INFLATE_CORRUPT = 2,   ///< a bad header, bad deflate data or a bad CRC/length trailer
    ASSAY_INFLATE_TOO_LARGE = 3, ///< the output would exceed max_out bytes
    ASSAY_INFLATE_NO_MEMORY = 4,
};

/// Inflates the one gzip member that starts at in[0] into the inflater's output buffer (replacing its
/// previous contents). *consumed receives the member's compressed length when the result is
/// ASSAY_INFLATE_OK. The stream is reset afterwards, so the next member starts clean whatever happened.
int32_t assay_inflate_member(assay_inflater *z, const uint8_t *in, size_t len, size_t *consumed, size_t max_out);
/// The output of the last assay_inflate_member call (valid until the next call), its length in *len.
const uint8_t *assay_inflater_output(const assay_inflater *z, size_t *len);

#endif
