// gzip members one at a time over zlib, as crawlers write WARC files: every record its own member,
// so a corrupt member loses only itself.
#include "WebShim.h"

#include <stdlib.h>
#include <zlib.h>

struct assay_inflater {
    z_stream s;
    uint8_t *out;
    size_t len, cap;
};

assay_inflater *assay_inflater_new(void) {
    assay_inflater *z = calloc(1, sizeof *z);
    if (!z) return NULL;
    // 16 + 15: a gzip header and trailer around a 32 KiB-window deflate stream.
    if (inflateInit2(&z->s, 16 + 15) != Z_OK) {
        free(z);
        return NULL;
    }
    return z;
}

void assay_inflater_free(assay_inflater *z) {
    if (!z) return;
    inflateEnd(&z->s);
    free(z->out);
    free(z);
}

int32_t assay_inflate_member(assay_inflater *z, const uint8_t *in, size_t len, size_t *consumed, size_t max_out) {
    *consumed = 0;
    z->len = 0;
    size_t fed = 0;
    int32_t result = ASSAY_INFLATE_TRUNCATED;
    for (;;) {
        if (z->s.avail_in == 0) {
            if (fed == len) break; // input ended inside the member
            size_t chunk = len - fed > (1u << 30) ? (1u << 30) : len - fed;
            z->s.next_in = (Bytef *)(in + fed);
            z->s.avail_in = (uInt)chunk;
            fed += chunk;
        }
        if (z->len == z->cap) {
            if (z->cap >= max_out) {
                result = ASSAY_INFLATE_TOO_LARGE;
                break;
            }
            size_t cap = z->cap ? z->cap * 2 : 65536;
            if (cap > max_out) cap = max_out;
            uint8_t *b = realloc(z->out, cap);
            if (!b) {
                result = ASSAY_INFLATE_NO_MEMORY;
                break;
            }
            z->out = b;
            z->cap = cap;
        }
        size_t room = z->cap - z->len;
        if (room > (1u << 30)) room = 1u << 30;
        z->s.next_out = z->out + z->len;
        z->s.avail_out = (uInt)room;
        int rc = inflate(&z->s, Z_NO_FLUSH);
        z->len += room - z->s.avail_out;
        if (rc == Z_STREAM_END) {
            *consumed = fed - z->s.avail_in;
            result = ASSAY_INFLATE_OK;
            break;
        }
        if (rc == Z_BUF_ERROR) continue; // no progress possible: more input or more room, handled above
        if (rc != Z_OK) {
            result = rc == Z_MEM_ERROR ? ASSAY_INFLATE_NO_MEMORY : ASSAY_INFLATE_CORRUPT;
            break;
        }
    }
    z->s.next_in = NULL;
    z->s.avail_in = 0;
    inflateReset(&z->s);
    return result;
}

const uint8_t *assay_inflater_output(const assay_inflater *z, size_t *len) {
    *len = z->len;
    return z->out;
}
