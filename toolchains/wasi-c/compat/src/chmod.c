/*
 * File permission changes (chmod, fchmod, fchmodat). WASI has no permission bits, so there is nothing to change.
 * Programs copy a file's mode onto a file they create (GNU sed's `-i`, gnulib's set-permissions, brotli's output):
 * for them the change succeeds whenever the file exists, as on Linux for a file one owns. A file that does not exist
 * (or a bad descriptor) fails with the errno stat() reports, so error paths stay as on Linux.
 */
#include <fcntl.h>
#include <sys/stat.h>

int chmod(const char *path, mode_t mode)
{
	struct stat st;
	(void)mode;
	return stat(path, &st);
}

int fchmod(int fd, mode_t mode)
{
	struct stat st;
	(void)mode;
	return fstat(fd, &st);
}

int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	struct stat st;
	(void)mode;
	return fstatat(dirfd, path, &st, flags);
}
