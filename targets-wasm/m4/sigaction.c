/*
 * sigaction() over wasi-libc's signal emulation. WASI has no sigaction; gnulib's stand-in refuses to build where
 * SIGCHLD is defined (it is written for native Windows). m4 installs handlers for fatal signals only (SIGSEGV,
 * SIGABRT, ...), which a WASI program never receives (a trap ends the module), and reads back no old actions beyond
 * the handler.
 */
#include <signal.h>
#include <string.h>

int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict oact) {
  void (*old)(int) = SIG_DFL;
  if (act != NULL) {
    old = signal(sig, act->sa_handler);
    if (old == SIG_ERR) return -1;
  }
  if (oact != NULL) {
    memset(oact, 0, sizeof *oact);
    oact->sa_handler = old;
  }
  return 0;
}
