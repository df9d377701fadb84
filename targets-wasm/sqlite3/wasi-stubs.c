/*
 * C library functions the shell calls that wasi-libc declares but does not define. WASI has no processes:
 * `.system`, `.shell` and the `|` forms of `.output`/`.once` (and `.once -e`, `.excel`) reach the system through
 * these. They answer as a C library without a command processor does: system(NULL) is 0, a command fails with
 * ENOSYS, and popen gives no stream, which the shell reports as it reports a command it cannot start.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

int system(const char *command) {
  if (command == NULL) return 0;
  errno = ENOSYS;
  return -1;
}

FILE *popen(const char *command, const char *mode) {
  (void)command, (void)mode;
  errno = ENOSYS;
  return NULL;
}

int pclose(FILE *stream) {
  (void)stream;
  errno = ECHILD;
  return -1;
}
