// Link and include flags for the system zlib (pkg-config zlib, Debian package zlib1g-dev).
// Swift never imports this module: WebShim includes zlib.h in its .c file only.
#include <zlib.h>
