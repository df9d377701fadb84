/*
 * <unistd.h> additions: functions wasi-libc leaves undeclared because WASI lacks the feature. The declarations here
 * come with implementations in libwasicompat.a:
 *   user and group identity (getuid, ..., setgid): src/ids.c
 *   descriptor duplication (dup):                  src/dup.c
 *   terminal names (ttyname):                      src/ttyname.c
 *   ownership changes (chown, fchown, ...):        src/chown.c
 */
#include_next <unistd.h>

#ifndef WASICOMPAT_UNISTD_H
#define WASICOMPAT_UNISTD_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int setuid(uid_t uid);
int setgid(gid_t gid);

int dup(int fd);

char *ttyname(int fd);

int chown(const char *path, uid_t owner, gid_t group);
int fchown(int fd, uid_t owner, gid_t group);
int lchown(const char *path, uid_t owner, gid_t group);
int fchownat(int dirfd, const char *path, uid_t owner, gid_t group, int flags);

#ifdef __cplusplus
}
#endif

#endif
