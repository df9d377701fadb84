/*
 * setjmp/longjmp for wasm32-wasi with clang's WebAssembly SjLj lowering (-mllvm -wasm-enable-sjlj, which needs the
 * exception-handling proposal). wasi-libc ships no <setjmp.h>: the lowering pass rewrites every call of setjmp and
 * longjmp itself, so only the declarations are needed here, and sjlj.c provides the run-time functions the
 * rewritten code calls. A jmp_buf holds the id sjlj.c gives each setjmp call.
 */
#ifndef MIRRORBOX_SETJMP_H
#define MIRRORBOX_SETJMP_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  unsigned int id;
  unsigned int reserved[3];
} jmp_buf[1];

int setjmp(jmp_buf env) __attribute__((returns_twice));
_Noreturn void longjmp(jmp_buf env, int val);

/* The POSIX variants that leave the signal mask alone: WASI has no signal mask, so they are the same. */
#define _setjmp setjmp
#define _longjmp longjmp

#ifdef __cplusplus
}
#endif

#endif
