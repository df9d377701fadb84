/*
 * WASI has no processes: wasi-libc declares none of the calls gawk's pipes, coprocesses, system() and signal
 * re-raising are written with. This file (CPPFLAGS -include) declares them and gives <sys/wait.h>'s status macros
 * Linux's encoding (the low 7 bits the signal, the next 8 the exit code); no-processes.c defines them so that every
 * attempt to start a process fails the way a failed fork() does natively: `cmd | getline` and `print | "cmd"` give
 * gawk's own "can't open pipe" errors, system() returns -1.
 */
#ifndef MIRRORBOX_GAWK_NO_PROCESSES_H
#define MIRRORBOX_GAWK_NO_PROCESSES_H

#include <stdio.h>
#include <sys/types.h>

int kill(pid_t pid, int sig);
pid_t fork(void);
int execl(const char *path, const char *arg, ...);
int execvp(const char *file, char *const argv[]);
int pipe(int fd[2]);
pid_t wait(int *status);
int dup2(int fd, int fd2);
FILE *popen(const char *command, const char *mode);
int pclose(FILE *stream);
pid_t getppid(void);
pid_t getpgrp(void);

#define WIFEXITED(s) (((s) & 0x7f) == 0)
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WIFSIGNALED(s) (((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define WTERMSIG(s) ((s) & 0x7f)
#define WCOREDUMP(s) (((s) & 0x80) != 0)

#endif
