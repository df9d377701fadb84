/*
 * realpath(). wasi-libc leaves it out ("WASI has no absolute paths"), but the runner preopens the working directory
 * as "/" and wasi-libc's getcwd() reports "/", so absolute names exist for every file a program can reach. The file
 * system has no symbolic links, so resolving is lexical: the name is made absolute against getcwd(), "." and empty
 * components are dropped, ".." removes the previous component (at the root it stays at the root), and every component
 * must exist, all but the last as a directory. Errors are glibc's: EINVAL for a NULL name, ENOENT for an empty one or a
 * missing component, ENOTDIR when a non-directory is followed by more, ENAMETOOLONG past PATH_MAX. The result goes to
 * `resolved` (PATH_MAX bytes) or, when that is NULL, to a malloc'd string.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *realpath(const char *__restrict path, char *__restrict resolved)
{
	char buf[PATH_MAX];
	size_t n;
	struct stat st;

	if (path == NULL) {
		errno = EINVAL;
		return NULL;
	}
	if (path[0] == '\0') {
		errno = ENOENT;
		return NULL;
	}
	if (path[0] == '/') {
		buf[0] = '/';
		n = 1;
	} else {
		if (getcwd(buf, sizeof buf) == NULL)
			return NULL;
		n = strlen(buf);
	}
	buf[n] = '\0';

	const char *p = path;
	while (*p != '\0') {
		while (*p == '/')
			p++;
		const char *end = p;
		while (*end != '\0' && *end != '/')
			end++;
		size_t len = (size_t)(end - p);
		if (len == 0)
			break;
		if (len == 1 && p[0] == '.') {
			/* nothing */
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			while (n > 1 && buf[n - 1] != '/')
				n--;
			if (n > 1)
				n--;
			buf[n] = '\0';
		} else {
			size_t need = n + (n > 1 ? 1 : 0) + len;
			if (need >= sizeof buf) {
				errno = ENAMETOOLONG;
				return NULL;
			}
			if (n > 1)
				buf[n++] = '/';
			memcpy(buf + n, p, len);
			n += len;
			buf[n] = '\0';
			if (stat(buf, &st) != 0)
				return NULL;
			const char *rest = end;
			while (*rest == '/')
				rest++;
			if ((*rest != '\0' || *end == '/') && !S_ISDIR(st.st_mode)) {
				errno = ENOTDIR;
				return NULL;
			}
		}
		p = end;
	}

	if (resolved == NULL)
		return strdup(buf);
	memcpy(resolved, buf, n + 1);
	return resolved;
}
