/*
 * dup(). WASI preview 1 cannot duplicate a descriptor (it only has fd_renumber, which moves one), so dup() always
 * fails, with EBADF — "not a descriptor that can be duplicated". EBADF is chosen because the common use of dup() in
 * command-line tools is the close-on-exit write check (util-linux's closestream.h, gnulib's close-stream): flush,
 * then dup()+close() to catch errors a filesystem defers to close. Those callers treat EBADF as "check does not
 * apply" and exit normally, which is the right outcome here: WASI writes have no deferred errors to catch.
 */
#include <errno.h>
#include <unistd.h>

int dup(int fd)
{
	(void)fd;
	errno = EBADF;
	return -1;
}
