/*
 * <sys/stat.h> additions: functions wasi-libc leaves undeclared because WASI lacks the feature. The declarations here
 * come with implementations in libwasicompat.a:
 *   file mode creation mask (umask):             src/umask.c
 *   permission changes (chmod, fchmod, fchmodat): src/chmod.c
 */
#include_next <sys/stat.h>

#ifndef WASICOMPAT_SYS_STAT_H
#define WASICOMPAT_SYS_STAT_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

mode_t umask(mode_t mask);
int chmod(const char *path, mode_t mode);
int fchmod(int fd, mode_t mode);
int fchmodat(int dirfd, const char *path, mode_t mode, int flags);

#ifdef __cplusplus
}
#endif

#endif
