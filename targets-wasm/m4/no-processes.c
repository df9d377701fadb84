/*
 * WASI has no processes. m4's syscmd and esyscmd reach the system through three functions of gnulib's execute,
 * spawn-pipe and wait-process modules (which need posix_spawn and waitpid, absent from wasi-libc); these take their
 * place and fail as gnulib's do when the shell cannot be started: errno ENOSYS, status 127, no child. m4 then warns
 * "cannot run command `...': Function not implemented" and sets sysval to 127.
 */
#include <errno.h>
#include <stdbool.h>
#include <sys/types.h>

#include "execute.h"
#include "spawn-pipe.h"
#include "wait-process.h"

int execute(const char *progname, const char *prog_path, const char *const *prog_argv, const char *directory,
            bool ignore_sigpipe, bool null_stdin, bool null_stdout, bool null_stderr, bool slave_process,
            bool exit_on_error, int *termsigp) {
  (void)progname, (void)prog_path, (void)prog_argv, (void)directory, (void)ignore_sigpipe, (void)null_stdin;
  (void)null_stdout, (void)null_stderr, (void)slave_process, (void)exit_on_error;
  if (termsigp != NULL) *termsigp = 0;
  errno = ENOSYS;
  return 127;
}

pid_t create_pipe_in(const char *progname, const char *prog_path, const char *const *prog_argv,
                     const char *directory, const char *prog_stdin, bool null_stderr, bool slave_process,
                     bool exit_on_error, int fd[1]) {
  (void)progname, (void)prog_path, (void)prog_argv, (void)directory, (void)prog_stdin, (void)null_stderr;
  (void)slave_process, (void)exit_on_error, (void)fd;
  errno = ENOSYS;
  return -1;
}

int wait_subprocess(pid_t child, const char *progname, bool ignore_sigpipe, bool null_stderr, bool slave_process,
                    bool exit_on_error, int *termsigp) {
  (void)child, (void)progname, (void)ignore_sigpipe, (void)null_stderr, (void)slave_process, (void)exit_on_error;
  if (termsigp != NULL) *termsigp = 0;
  errno = ECHILD;
  return 127;
}

/* See dup2.h: nothing in m4 duplicates descriptors once processes are gone. gnulib's unistd.h renames dup2 to its
   wrapper, rpl_dup2, which calls this one. */
#undef dup2
int dup2(int fd, int fd2) {
  (void)fd, (void)fd2;
  errno = EBADF;
  return -1;
}
