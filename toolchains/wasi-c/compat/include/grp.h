/*
 * <grp.h> — group database. WASI has no users or groups: the database is empty, so every lookup reports
 * "not found" (NULL with errno unchanged, as POSIX specifies). Implemented in src/grp.c.
 */
#ifndef WASICOMPAT_GRP_H
#define WASICOMPAT_GRP_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct group {
	char *gr_name;
	char *gr_passwd;
	gid_t gr_gid;
	char **gr_mem;
};

struct group *getgrgid(gid_t gid);
struct group *getgrnam(const char *name);

#ifdef __cplusplus
}
#endif

#endif
