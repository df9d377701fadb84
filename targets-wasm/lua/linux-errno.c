/*
 * io.open, os.remove and the other file functions return errno as their third result (luaL_fileresult), and WASI
 * numbers errors differently from Linux (ENOENT is 44 on WASI, 2 on Linux). The build compiles a copy of
 * lauxlib.c that passes the number through mirrorbox_linux_errno(), so scripts see the numbers Debian's amd64
 * build gives; the messages (strerror) are the same text in both C libraries. The mcpp recipe uses the mapping too.
 */
#include <errno.h>

int mirrorbox_linux_errno(int e);

int mirrorbox_linux_errno(int e) {
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
