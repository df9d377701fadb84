/* See exit-status.c. */
int mirrorbox_io_error(void);
