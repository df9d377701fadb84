/*
 * C library functions Lua calls that wasi-libc declares but does not define.
 *
 * WASI has no processes: os.execute reaches the system through system(), answered here as a C library without a
 * command processor does (system(NULL) is 0, any command fails with ENOSYS), which os.execute() reports as
 * false / nil, "Function not implemented". (io.popen needs no stand-in: built without LUA_USE_POSIX, liolib.c
 * raises "'popen' not supported" itself.)
 *
 * WASI has no directory for anonymous temporary files: io.tmpfile() gets ENOTSUP and returns nil and the message.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

int system(const char *command) {
  if (command == NULL) return 0;
  errno = ENOSYS;
  return -1;
}

FILE *tmpfile(void) {
  errno = ENOTSUP;
  return NULL;
}
