/*
 * mcpp exits with errno when it gave errors (internal.H: IO_ERROR is `errno ? errno : 1`), so its exit status is an
 * errno number, and WASI numbers errors differently from Linux (ENOENT is 44 on WASI, 2 on Linux). Compiled with
 * -DIO_ERROR='mirrorbox_io_error()', mcpp exits with the number Debian's amd64 build would give for the same error
 * (the mapping is the lua target's, targets-wasm/lua/linux-errno.c).
 */
#include <errno.h>
#include <stdio.h>

#include "exit-status.h"

int mirrorbox_linux_errno(int e);

int mirrorbox_io_error(void) { return errno ? mirrorbox_linux_errno(errno) : 1; }

/*
 * glibc gives a pipe full buffering without asking whether it is a terminal; wasi-libc asks (isatty) on the first
 * write to stdout, and that leaves errno at ENOTTY, which would then become mcpp's exit status. Setting the same
 * full buffering first skips the question; the output is buffered as Debian's mcpp buffers it into a pipe.
 */
__attribute__((constructor)) static void mirrorbox_stdout_buffering(void) { setvbuf(stdout, NULL, _IOFBF, BUFSIZ); }
