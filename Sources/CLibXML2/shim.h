// Link and include flags for the system libxml2 (pkg-config libxml-2.0, Debian package libxml2-dev).
// Swift never imports this module: WebShim includes the libxml2 headers in its .c file only, so no
// Swift module sees libxml2's types beside Foundation's.
#include <libxml/HTMLparser.h>
