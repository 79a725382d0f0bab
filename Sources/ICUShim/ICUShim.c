#include "ICUShim.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucnv_err.h>
#include <unicode/unorm2.h>
#include <unicode/unum.h>

static const UNormalizer2 *nfc(void) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFCInstance(&status);
    return U_FAILURE(status) ? NULL : n;
}

static const UNormalizer2 *nfd(void) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFDInstance(&status);
    return U_FAILURE(status) ? NULL : n;
}

int32_t assay_nfc_span_yes(const uint16_t *s, int32_t len) {
    const UNormalizer2 *n = nfc();
    if (!n) return -1;
    UErrorCode status = U_ZERO_ERROR;
    int32_t end = unorm2_spanQuickCheckYes(n, (const UChar *)s, len, &status);
    return U_FAILURE(status) ? -1 : end;
}

static int32_t normalize(const UNormalizer2 *n, const uint16_t *s, int32_t len, uint16_t *dest, int32_t cap) {
    if (!n) return -1;
    UErrorCode status = U_ZERO_ERROR;
    int32_t out = unorm2_normalize(n, (const UChar *)s, len, (UChar *)dest, cap, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return out;
    return U_FAILURE(status) ? -1 : out;
}

int32_t assay_nfc_normalize(const uint16_t *s, int32_t len, uint16_t *dest, int32_t cap) {
    return normalize(nfc(), s, len, dest, cap);
}

int32_t assay_nfd_normalize(const uint16_t *s, int32_t len, uint16_t *dest, int32_t cap) {
    return normalize(nfd(), s, len, dest, cap);
}

bool assay_nfc_has_boundary_before(uint32_t c) {
    const UNormalizer2 *n = nfc();
    return n ? unorm2_hasBoundaryBefore(n, (UChar32)c) : true;
}

uint32_t assay_fold_case(uint32_t c) { return (uint32_t)u_foldCase((UChar32)c, U_FOLD_CASE_DEFAULT); }

int32_t assay_digit_value(uint32_t c) {
    if (u_charType((UChar32)c) != U_DECIMAL_DIGIT_NUMBER) return -1;
    return u_charDigitValue((UChar32)c);
}

/* Counts substitutions, then lets ICU substitute U+FFFD as usual. */
static void UCNV_TO_U_CALLBACK_COUNT(const void *context, UConverterToUnicodeArgs *args, const char *codeUnits,
                                     int32_t length, UConverterCallbackReason reason, UErrorCode *err) {
    if (reason == UCNV_UNASSIGNED || reason == UCNV_ILLEGAL || reason == UCNV_IRREGULAR) {
        int32_t *count = (int32_t *)context;
        *count += length;
        static const UChar replacement = 0xFFFD;
        *err = U_ZERO_ERROR;
        ucnv_cbToUWriteUChars(args, &replacement, 1, 0, err);
    }
    (void)codeUnits;
}

int32_t assay_convert_to_utf16(const char *charset, const uint8_t *src, int32_t len, uint16_t *dest,
                               int32_t cap, int32_t *substitutions, char *canonical, int32_t canonicalCap) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *cnv = ucnv_open(charset, &status);
    if (U_FAILURE(status) || !cnv) return -1;
    if (canonical && canonicalCap > 0) {
        UErrorCode nameStatus = U_ZERO_ERROR;
        const char *name = ucnv_getName(cnv, &nameStatus);
        strncpy(canonical, U_SUCCESS(nameStatus) && name ? name : charset, (size_t)canonicalCap - 1);
        canonical[canonicalCap - 1] = 0;
    }
    int32_t count = 0;
    ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_COUNT, &count, NULL, NULL, &status);
    if (U_FAILURE(status)) { ucnv_close(cnv); return -1; }
    int32_t out = ucnv_toUChars(cnv, (UChar *)dest, cap, (const char *)src, len, &status);
    ucnv_close(cnv);
    if (substitutions) *substitutions = count;
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return out;
    return U_FAILURE(status) ? -1 : out;
}

bool assay_converter_exists(const char *charset) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *cnv = ucnv_open(charset, &status);
    if (cnv) ucnv_close(cnv);
    return U_SUCCESS(status) && cnv != NULL;
}

/* Opening a sentence iterator loads and builds its rules: far dearer than breaking one paragraph.
 * Each thread keeps one iterator per locale and gives it new text (the linker splits every
 * paragraph that holds a figure). They live as long as the thread. */
#define ASSAY_SENTENCE_CACHE 8
static _Thread_local UBreakIterator *assay_sentence_cache[ASSAY_SENTENCE_CACHE];
static _Thread_local char assay_sentence_locale[ASSAY_SENTENCE_CACHE][16];

/* The thread's iterator for `locale` (owned by the cache), or a new one the caller must close when
 * the cache is full (`*owned` set), or NULL. */
static UBreakIterator *assay_sentence_iterator(const char *locale, bool *owned, UErrorCode *status) {
    *owned = false;
    int free_slot = -1;
    for (int i = 0; i < ASSAY_SENTENCE_CACHE; i++) {
        if (assay_sentence_cache[i] == NULL) {
            if (free_slot < 0) free_slot = i;
        } else if (strncmp(assay_sentence_locale[i], locale, sizeof assay_sentence_locale[i]) == 0) {
            return assay_sentence_cache[i];
        }
    }
    UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, status);
    if (U_FAILURE(*status)) return NULL;
    if (free_slot < 0 || strlen(locale) >= sizeof assay_sentence_locale[0]) {
        *owned = true;
        return bi;
    }
    assay_sentence_cache[free_slot] = bi;
    strcpy(assay_sentence_locale[free_slot], locale);
    return bi;
}

int32_t assay_sentence_breaks(const char *locale, const uint16_t *text, int32_t len, int32_t *out, int32_t cap) {
    UErrorCode status = U_ZERO_ERROR;
    bool owned;
    UBreakIterator *bi = assay_sentence_iterator(locale, &owned, &status);
    if (bi == NULL || U_FAILURE(status)) return -1;
    ubrk_setText(bi, (const UChar *)text, len, &status);
    if (U_FAILURE(status)) {
        if (owned) ubrk_close(bi);
        return -1;
    }
    int32_t count = 0;
    for (int32_t b = ubrk_next(bi); b != UBRK_DONE; b = ubrk_next(bi)) {
        if (count < cap) out[count] = b;
        count++;
    }
    /* Drop the reference to the caller's buffer. */
    static const UChar empty[1] = {0};
    UErrorCode reset = U_ZERO_ERROR;
    ubrk_setText(bi, empty, 0, &reset);
    if (owned) ubrk_close(bi);
    return count;
}

int32_t assay_number_symbol(const char *locale, AssayNumberSymbol which, uint16_t *dest, int32_t cap) {
    UErrorCode status = U_ZERO_ERROR;
    UNumberFormat *fmt = unum_open(UNUM_DECIMAL, NULL, 0, locale, NULL, &status);
    if (U_FAILURE(status)) return -1;
    UNumberFormatSymbol symbol =
        which == ASSAY_DECIMAL_SEPARATOR ? UNUM_DECIMAL_SEPARATOR_SYMBOL : UNUM_GROUPING_SEPARATOR_SYMBOL;
    int32_t n = unum_getSymbol(fmt, symbol, (UChar *)dest, cap, &status);
    unum_close(fmt);
    return U_FAILURE(status) ? -1 : n;
}

/* Decimal formatters cached per thread and locale: unum_open loads locale data and builds the
 * parser, which costs far more than one parse (it was most of the money resolver's time). Per thread
 * rather than shared, so no parse ever touches a formatter another thread uses; a thread's
 * formatters are closed when it exits. */
enum { FORMAT_SLOTS = 4, FORMAT_LOCALE_CAP = 32 };

typedef struct {
    char locale[FORMAT_LOCALE_CAP];
    UNumberFormat *fmt;
} FormatSlot;

typedef struct {
    FormatSlot slots[FORMAT_SLOTS];
} FormatCache;

static pthread_key_t formatKey;
static pthread_once_t formatKeyOnce = PTHREAD_ONCE_INIT;

static void formatCacheFree(void *p) {
    FormatCache *cache = (FormatCache *)p;
    for (int i = 0; i < FORMAT_SLOTS; i++) {
        if (cache->slots[i].fmt) unum_close(cache->slots[i].fmt);
    }
    free(cache);
}

static void formatKeyInit(void) { pthread_key_create(&formatKey, formatCacheFree); }

/* This thread's decimal formatter for `locale`, or NULL when the cache cannot hold it (the caller
 * then opens and closes its own). Never closed by the caller. */
static UNumberFormat *cachedDecimalFormat(const char *locale) {
    if (strlen(locale) >= FORMAT_LOCALE_CAP) return NULL;
    pthread_once(&formatKeyOnce, formatKeyInit);
    FormatCache *cache = (FormatCache *)pthread_getspecific(formatKey);
    if (!cache) {
        cache = (FormatCache *)calloc(1, sizeof(FormatCache));
        if (!cache || pthread_setspecific(formatKey, cache) != 0) { free(cache); return NULL; }
    }
    for (int i = 0; i < FORMAT_SLOTS; i++) {
        FormatSlot *slot = &cache->slots[i];
        if (slot->fmt && strcmp(slot->locale, locale) == 0) return slot->fmt;
        if (!slot->fmt) {
            UErrorCode status = U_ZERO_ERROR;
            UNumberFormat *fmt = unum_open(UNUM_DECIMAL, NULL, 0, locale, NULL, &status);
            if (U_FAILURE(status) || !fmt) return NULL;
            strcpy(slot->locale, locale);
            slot->fmt = fmt;
            return fmt;
        }
    }
    return NULL;
}

int32_t assay_parse_decimal(const char *locale, const uint16_t *text, int32_t len, int32_t *consumed,
                            char *out, int32_t cap) {
    UErrorCode status = U_ZERO_ERROR;
    UNumberFormat *cached = cachedDecimalFormat(locale);
    UNumberFormat *fmt = cached ? cached : unum_open(UNUM_DECIMAL, NULL, 0, locale, NULL, &status);
    if (U_FAILURE(status)) return -1;
    int32_t pos = 0;
    int32_t n = unum_parseDecimal(fmt, (const UChar *)text, len, &pos, out, cap, &status);
    if (!cached) unum_close(fmt);
    if (consumed) *consumed = pos;
    if (U_FAILURE(status)) return -1;
    return n;
}
