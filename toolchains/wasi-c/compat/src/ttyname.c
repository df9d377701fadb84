/*
 * ttyname(). WASI has no terminal devices with names: a descriptor is never a named terminal, so ttyname() fails
 * with ENOTTY (EBADF for a bad descriptor, as isatty() reports it), as it does for a pipe.
 */
#include <errno.h>
#include <stddef.h>
#include <unistd.h>

char *ttyname(int fd)
{
	if (isatty(fd) || errno != EBADF)
		errno = ENOTTY;
	return NULL;
}
