/*
 * getdtablesize() for gnulib's fcntl replacement (its only caller here, for F_DUPFD targets): gnulib's own version
 * asks getrlimit(RLIMIT_NOFILE), which WASI does not have. 1024 is the soft limit a Linux process starts with.
 */
#include <unistd.h>

int getdtablesize(void) { return 1024; }
