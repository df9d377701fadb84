/*
 * What luaconf.h's LUA_USE_POSIX would give and WASI can have (the rest of that switch, popen, flockfile, mkstemp
 * and sigaction, WASI has not): lua.c asks isatty(0) whether stdin is a terminal, as on Linux, instead of taking
 * it for one (so `lua5.4` with a script on stdin runs it instead of starting the interactive prompt). os.tmpname
 * has no mkstemp or tmpnam to call on WASI and fails with its own "unable to generate a unique filename".
 */
#include <unistd.h>
#define lua_stdin_is_tty() isatty(0)
#define LUA_TMPNAMBUFSIZE 32
#define lua_tmpnam(b, e) \
  { \
    (b)[0] = '\0'; \
    (e) = 1; \
  }
