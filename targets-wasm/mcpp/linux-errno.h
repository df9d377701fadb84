/* See linux-errno.c. */
int mirrorbox_io_error(void);
