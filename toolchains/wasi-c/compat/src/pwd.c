/* <pwd.h>: WASI has no user database; lookups find nothing (NULL, errno unchanged). */
#include <pwd.h>
#include <stddef.h>

struct passwd *getpwuid(uid_t uid)
{
	(void)uid;
	return NULL;
}

struct passwd *getpwnam(const char *name)
{
	(void)name;
	return NULL;
}
