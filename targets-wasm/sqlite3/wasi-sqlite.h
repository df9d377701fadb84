/*
 * Included before sqlite3.c and shell.c (-include). wasi-libc has fcntl() but no record locks: its <fcntl.h> lacks
 * the F_*LK commands and lock types the unix VFS names. They are given Linux's values here so os_unix.c compiles;
 * the VFS that would call fcntl() with them ("unix", POSIX advisory locks) is not the default (wasi-vfs.c makes
 * "unix-none" the default), and wasi-libc's fcntl() would answer EINVAL for them anyway.
 */
#ifndef MIRRORBOX_WASI_SQLITE_H
#define MIRRORBOX_WASI_SQLITE_H
#include <fcntl.h>
#ifndef F_RDLCK
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
#endif
#ifndef F_GETLK
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#endif
#endif
