/*
 * <pwd.h> — user database. WASI has no users: the database is empty, so every lookup reports "not found" (NULL with
 * errno unchanged, as POSIX specifies). Implemented in src/pwd.c. Linux's struct layout and field names.
 */
#ifndef WASICOMPAT_PWD_H
#define WASICOMPAT_PWD_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct passwd {
	char *pw_name;
	char *pw_passwd;
	uid_t pw_uid;
	gid_t pw_gid;
	char *pw_gecos;
	char *pw_dir;
	char *pw_shell;
};

struct passwd *getpwuid(uid_t uid);
struct passwd *getpwnam(const char *name);

#ifdef __cplusplus
}
#endif

#endif
