/*
 * wasi-libc has no dup2 (a WASI descriptor cannot be copied onto another), and declares none; gnulib's fchdir,
 * close and open replacements, which this build needs because WASI has no fchdir either, are linked with gnulib's
 * dup2 wrapper, which calls the system's. Declared here for every file (CPPFLAGS -include), defined in
 * no-processes.c, where it fails as dup2 does on a descriptor that cannot be duplicated.
 */
int dup2(int fd, int fd2);
