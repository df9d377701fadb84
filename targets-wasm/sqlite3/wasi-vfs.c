/*
 * Called at the end of sqlite3_initialize() (-DSQLITE_EXTRA_INIT=mirrorbox_sqlite_init). WASI has no file locks, so
 * the default VFS becomes os_unix.c's "unix-none": the same file I/O as "unix" with locking as no-ops. A run is one
 * process over its own files, so no other connection can see a half-written database.
 */
#include "sqlite3.h"

int mirrorbox_sqlite_init(const char *unused);

int mirrorbox_sqlite_init(const char *unused) {
  (void)unused;
  sqlite3_vfs *none = sqlite3_vfs_find("unix-none");
  if (none == 0) return SQLITE_ERROR;
  return sqlite3_vfs_register(none, 1);
}
