#ifndef ASSAY_ICU_SHIM_H
#define ASSAY_ICU_SHIM_H
// Plain-named wrappers over the system ICU. Only <stdint.h>/<stdbool.h> types and opaque pointers,
// so Swift can import this header beside Foundation (shared/ICU-NOTES.md). Every function reports
// failure through its return value; none aborts.
#include <stdbool.h>
#include <stdint.h>

/// Length of the longest prefix of s that is NFC by quick check, or -1 on an ICU error.
int32_t assay_nfc_span_yes(const uint16_t *s, int32_t len);
/// NFC-normalizes s into dest; returns the needed length (may exceed cap: then call again), -1 on error.
int32_t assay_nfc_normalize(const uint16_t *s, int32_t len, uint16_t *dest, int32_t cap);
/// NFD-normalizes s into dest; returns the needed length (may exceed cap), -1 on error.
int32_t assay_nfd_normalize(const uint16_t *s, int32_t len, uint16_t *dest, int32_t cap);
/// Whether NFC has a boundary before code point c (text can be cut there and normalized in parts).
bool assay_nfc_has_boundary_before(uint32_t c);
/// Simple (1:1) default case folding of a code point.
uint32_t assay_fold_case(uint32_t c);
/// The decimal digit value of c (0-9), or -1 when c is not a decimal digit.
int32_t assay_digit_value(uint32_t c);

/// Converts bytes in the named charset to UTF-16. Returns the needed length (may exceed cap), or -1 when
/// the converter does not exist / on error. *substitutions counts bytes that could not be converted
/// (replaced by U+FFFD). canonical (may be NULL) receives ICU's canonical converter name.
int32_t assay_convert_to_utf16(const char *charset, const uint8_t *src, int32_t len, uint16_t *dest,
                               int32_t cap, int32_t *substitutions, char *canonical, int32_t canonicalCap);
/// Whether ICU knows a converter of that name (aliases count).
bool assay_converter_exists(const char *charset);

/// Sentence boundaries of text for locale: writes up to cap boundary offsets (UTF-16, excluding 0, including
/// len) to out and returns their count (may exceed cap: call again), or -1 on error.
int32_t assay_sentence_breaks(const char *locale, const uint16_t *text, int32_t len, int32_t *out, int32_t cap);

/// Which locale number symbol to read.
typedef enum { ASSAY_DECIMAL_SEPARATOR = 0, ASSAY_GROUPING_SEPARATOR = 1 } AssayNumberSymbol;
/// Writes the locale's symbol to dest and returns its length, or -1 on error.
int32_t assay_number_symbol(const char *locale, AssayNumberSymbol which, uint16_t *dest, int32_t cap);
/// Parses text as a decimal number in the locale. Writes the exact decimal string (ASCII, '.' as the mark) to
/// out, sets *consumed to the number of UTF-16 units ICU read, returns the string's length or -1 on failure.
int32_t assay_parse_decimal(const char *locale, const uint16_t *text, int32_t len, int32_t *consumed,
                            char *out, int32_t cap);

#endif
