// libFuzzer's driver entry point (compiler-rt's FuzzerInterface.h), declared here so the fuzz
// executables can start libFuzzer from the `main` SwiftPM links for them. Only `make fuzz` builds
// link libFuzzer; the plain build never calls it.
#ifndef ASSAY_CFUZZDRIVER_H
#define ASSAY_CFUZZDRIVER_H
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
