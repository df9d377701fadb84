/*
 * mcpp exits with errno when it gave errors (internal.H: IO_ERROR is `errno ? errno : 1`), so its exit status is an
 * errno number, and WASI numbers errors differently from Linux (ENOENT is 44 on WASI, 2 on Linux). Compiled with
 * -DIO_ERROR='mirrorbox_io_error()', mcpp exits with the number Debian's amd64 build would give for the same error.
 */
#include <errno.h>
#include <stdio.h>

int mirrorbox_io_error(void);

static int linux_errno(int e) {
  switch (e) {
    case EPERM: return 1;
    case ENOENT: return 2;
    case ESRCH: return 3;
    case EINTR: return 4;
    case EIO: return 5;
    case ENXIO: return 6;
    case E2BIG: return 7;
    case ENOEXEC: return 8;
    case EBADF: return 9;
    case ECHILD: return 10;
    case EAGAIN: return 11;
    case ENOMEM: return 12;
    case EACCES: return 13;
    case EFAULT: return 14;
    case EBUSY: return 16;
    case EEXIST: return 17;
    case EXDEV: return 18;
    case ENODEV: return 19;
    case ENOTDIR: return 20;
    case EISDIR: return 21;
    case EINVAL: return 22;
    case ENFILE: return 23;
    case EMFILE: return 24;
    case ENOTTY: return 25;
    case ETXTBSY: return 26;
    case EFBIG: return 27;
    case ENOSPC: return 28;
    case ESPIPE: return 29;
    case EROFS: return 30;
    case EMLINK: return 31;
    case EPIPE: return 32;
    case EDOM: return 33;
    case ERANGE: return 34;
    case EDEADLK: return 35;
    case ENAMETOOLONG: return 36;
    case ENOLCK: return 37;
    case ENOSYS: return 38;
    case ENOTEMPTY: return 39;
    case ELOOP: return 40;
    case ENOMSG: return 42;
    case EIDRM: return 43;
    case EOVERFLOW: return 75;
    case EILSEQ: return 84;
    case ENOTSUP: return 95;
    default: return e;
  }
}

int mirrorbox_io_error(void) { return errno ? linux_errno(errno) : 1; }

/*
 * glibc gives a pipe full buffering without asking whether it is a terminal; wasi-libc asks (isatty) on the first
 * write to stdout, and that leaves errno at ENOTTY, which would then become mcpp's exit status. Setting the same
 * full buffering first skips the question; the output is buffered as Debian's mcpp buffers it into a pipe.
 */
__attribute__((constructor)) static void mirrorbox_stdout_buffering(void) { setvbuf(stdout, NULL, _IOFBF, BUFSIZ); }
