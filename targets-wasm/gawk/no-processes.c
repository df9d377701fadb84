/*
 * The process calls no-processes.h declares, for a system without processes: each fails as the call does natively
 * when no child can be made (fork, pipe and popen with ENOSYS, wait and pclose with ECHILD: there is never a child).
 * kill() reaches only the program itself, which is what gawk asks for when it re-raises a fatal signal.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "no-processes.h"

int kill(pid_t pid, int sig) {
  if (pid == getpid()) return raise(sig);
  errno = ESRCH;
  return -1;
}

pid_t fork(void) {
  errno = ENOSYS;
  return -1;
}

int execl(const char *path, const char *arg, ...) {
  (void)path, (void)arg;
  errno = ENOSYS;
  return -1;
}

int execvp(const char *file, char *const argv[]) {
  (void)file, (void)argv;
  errno = ENOSYS;
  return -1;
}

int pipe(int fd[2]) {
  (void)fd;
  errno = ENOSYS;
  return -1;
}

pid_t wait(int *status) {
  (void)status;
  errno = ECHILD;
  return -1;
}

/* A WASI descriptor cannot be copied onto another: fails as dup2 does for a descriptor that cannot be duplicated. */
int dup2(int fd, int fd2) {
  (void)fd, (void)fd2;
  errno = EBADF;
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

int system(const char *command) {
  /* system(NULL) asks whether a shell exists: there is none. */
  if (command == NULL) return 0;
  errno = ENOSYS;
  return -1;
}

/* The program is the only process: its parent and its group are itself. */
pid_t getppid(void) { return getpid(); }
pid_t getpgrp(void) { return getpid(); }
