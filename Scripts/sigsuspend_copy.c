/*
 * Preloaded into `assay` under valgrind by Scripts/callgrind.py (make callgrind).
 *
 * Valgrind before 3.22 removes its own signal from the mask that a program passes to sigsuspend by
 * writing into the caller's sigset_t. libdispatch's main thread (Swift's async main on Linux) passes
 * a sigset_t that lives in read-only memory, so valgrind 3.19 (Debian 12) dies with SIGSEGV on every
 * `assay` command. This sigsuspend hands the kernel a writable copy of the mask instead; the
 * program's behaviour is otherwise the same.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, (size_t)(_NSIG / 8));
}
