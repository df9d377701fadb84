/*
 * <stdlib.h> additions: functions wasi-libc leaves undeclared because WASI lacks the feature. The declarations here
 * come with implementations in libwasicompat.a:
 *   canonical absolute path names (realpath): src/realpath.c
 */
#include_next <stdlib.h>

#ifndef WASICOMPAT_STDLIB_H
#define WASICOMPAT_STDLIB_H

#ifdef __cplusplus
extern "C" {
#endif

char *realpath(const char *__restrict path, char *__restrict resolved);

#ifdef __cplusplus
}
#endif

#endif
