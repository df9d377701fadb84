/* <grp.h>: WASI has no group database; lookups find nothing (NULL, errno unchanged). */
#include <grp.h>
#include <stddef.h>

struct group *getgrgid(gid_t gid)
{
	(void)gid;
	return NULL;
}

struct group *getgrnam(const char *name)
{
	(void)name;
	return NULL;
}
