#!/bin/sh
# Counts instructions (callgrind's Ir) of one `assay` command: the speed check that does not depend on
# the load of a shared machine.
#
#   Scripts/callgrind.sh OUT.callgrind /path/to/assay run --jobs 1 --rules rules DIR --out /tmp/x.jsonl
#
# (The binary runs from a temporary copy: give `--rules`, the lookup beside the executable finds none.)
#
# Valgrind 3.19 (Debian 12) cannot run a Swift program as it is: libdispatch parks the main thread with
# sigsuspend on a signal mask in read-only memory, and valgrind faults on it ("VALGRIND INTERNAL ERROR:
# ... SIGSEGV", at start-up, for any command). A preloaded sigsuspend that passes a copy of the mask
# (Scripts/sigsuspend_copy.c, the same one `make callgrind` uses) avoids that; it runs only while the
# main thread waits, so it adds a handful of instructions. A binary
# built with DWARF 5 debug info (the default) also stops valgrind's reader: give it a copy with the
# debug info stripped (`strip --strip-debug`), which keeps the symbol table for callgrind_annotate.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 OUT.callgrind ASSAY ARGS..." >&2; exit 2; }
out=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -shared -fPIC -o "$work/sigsuspend.so" "$(dirname "$0")/sigsuspend_copy.c"
cp "$1" "$work/assay"
strip --strip-debug "$work/assay"
shift
LD_PRELOAD="$work/sigsuspend.so" valgrind --tool=callgrind --callgrind-out-file="$out" "$work/assay" "$@"
