/*
 * The one piece of <pthread.h> jq 1.6 (with Debian's security patches) uses: pthread_once() around the seeding of its
 * string hash (jv.c). wasi-libc of Debian 12 has no threads and no <pthread.h>; a WASI program has exactly one thread,
 * so "once" is a flag. Only the jq oracle's include path has this header (see build.sh): other programs' configure
 * scripts must keep finding no pthreads.
 */
#ifndef MIRRORBOX_JQ_PTHREAD_H
#define MIRRORBOX_JQ_PTHREAD_H

typedef int pthread_once_t;
#define PTHREAD_ONCE_INIT 0

static inline int pthread_once(pthread_once_t *once, void (*init)(void))
{
	if (*once == PTHREAD_ONCE_INIT) {
		*once = 1;
		init();
	}
	return 0;
}

#endif
