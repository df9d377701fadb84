/*
 * File ownership changes (chown, fchown, lchown, fchownat). WASI has no users or groups: every file belongs to the
 * one user a program runs as (uid/gid 0, see ids.c), so there is no owner to change. Programs copy a file's owner
 * and group onto a file they create (brotli's output, a rewritten file): for them the change succeeds whenever the
 * file exists, as on Linux for a file one owns, and they print nothing. A file that does not exist (or a bad
 * descriptor) fails with the errno stat() reports, so error paths stay as on Linux.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int chown(const char *path, uid_t owner, gid_t group)
{
	struct stat st;
	(void)owner;
	(void)group;
	return stat(path, &st);
}

int fchown(int fd, uid_t owner, gid_t group)
{
	struct stat st;
	(void)owner;
	(void)group;
	return fstat(fd, &st);
}

int lchown(const char *path, uid_t owner, gid_t group)
{
	struct stat st;
	(void)owner;
	(void)group;
	return lstat(path, &st);
}

int fchownat(int dirfd, const char *path, uid_t owner, gid_t group, int flags)
{
	struct stat st;
	(void)owner;
	(void)group;
	return fstatat(dirfd, path, &st, flags);
}
