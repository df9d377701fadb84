/*
 * Program name: glibc sets program_invocation_name (argv[0]) and program_invocation_short_name (its last path
 * component) before main. wasi-libc defines the variables (as __progname_full / __progname, with the glibc names as
 * aliases) but never assigns them, so usage and error messages print "(null)". This constructor reads argv[0]
 * through WASI and assigns both. wasi-cc forces this object into every link (compat/always-linked.txt), because no
 * program refers to it by name.
 */
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

extern char *__progname;      /* = program_invocation_short_name */
extern char *__progname_full; /* = program_invocation_name */

/* used: a no-strip symbol, so wasm-ld keeps this object (and its constructor) once --undefined pulled it in. */
__attribute__((used, constructor(101))) void __wasicompat_init_progname(void)
{
	__wasi_size_t argc = 0, buf_size = 0;
	char **argv;
	char *buf, *slash;

	if (__wasi_args_sizes_get(&argc, &buf_size) != __WASI_ERRNO_SUCCESS || argc == 0)
		return;
	argv = calloc(argc, sizeof(*argv));
	buf = malloc(buf_size);
	if (argv == NULL || buf == NULL ||
	    __wasi_args_get((uint8_t **)argv, (uint8_t *)buf) != __WASI_ERRNO_SUCCESS) {
		free(argv);
		free(buf);
		return;
	}
	/* buf (holding argv[0]) stays allocated for the life of the program; the pointer array does not. */
	__progname_full = argv[0];
	slash = strrchr(argv[0], '/');
	__progname = slash != NULL ? slash + 1 : argv[0];
	free(argv);
}
