/*
 * User and group identity. WASI has no users: a program runs as one user, who owns everything it can reach. Like
 * other WASI and Emscripten runtimes, that user is uid/gid 0, real and effective alike (so no program considers itself
 * set-uid). Switching to the same id succeeds; switching to any other fails with EPERM.
 */
#include <errno.h>
#include <unistd.h>

#define WASI_UID ((uid_t)0)
#define WASI_GID ((gid_t)0)

uid_t getuid(void)
{
	return WASI_UID;
}

uid_t geteuid(void)
{
	return WASI_UID;
}

gid_t getgid(void)
{
	return WASI_GID;
}

gid_t getegid(void)
{
	return WASI_GID;
}

int setuid(uid_t uid)
{
	if (uid != WASI_UID) {
		errno = EPERM;
		return -1;
	}
	return 0;
}

int setgid(gid_t gid)
{
	if (gid != WASI_GID) {
		errno = EPERM;
		return -1;
	}
	return 0;
}
