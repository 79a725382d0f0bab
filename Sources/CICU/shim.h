// Link flags for the system ICU (pkg-config icu-i18n, Debian package libicu-dev).
// Swift never imports this module: ICU's versioned macros cannot be imported, and its
// types clash with Foundation's bundled ICU. ICUShim includes the ICU headers itself.
#include <unicode/utypes.h>
