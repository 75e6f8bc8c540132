#ifndef VIP_CHUNSPELL_SHIM_H
#define VIP_CHUNSPELL_SHIM_H
#include <hunspell/hunspell.h>
#ifdef __linux__
#include <sys/syscall.h>
#include <unistd.h>
/// An anonymous in-memory file (memfd_create, MFD_CLOEXEC), for handing hunspell a
/// dictionary made in memory by path (/proc/self/fd/N); -1 when the kernel has none.
/// Through syscall(2): glibc declares memfd_create only under _GNU_SOURCE.
static inline int vip_memfd_create(const char *name) {
#ifdef SYS_memfd_create
    return (int)syscall(SYS_memfd_create, name, 1u);
#else
    (void)name;
    return -1;
#endif
}
#else
static inline int vip_memfd_create(const char *name) { (void)name; return -1; }
#endif
#endif
