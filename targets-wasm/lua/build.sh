#!/usr/bin/env bash
# Build the lua oracle: the Lua 5.4.4 stand-alone interpreter (Debian's lua5.4 source package, Debian patches
# applied) compiled for wasm32-wasi, plus its man page as text.
#
#   bash targets-wasm/lua/build.sh OUT_DIR
#
# Writes
#   OUT_DIR/oracle.wasm       WASI preview 1 command module (argv[0] should be "lua5.4")
#   OUT_DIR/docs/man.txt      lua5.4(1) from Debian's binary package, as `MANWIDTH=80 man` shows it, plain UTF-8
#   OUT_DIR/build-info.json   versions, sizes and checksums (no timestamps: the file is reproducible too)
#
# How: no configure (Lua has none). The files of the core, the standard libraries and lua.c are compiled with
# toolchains/wasi-c/wasi-cc and the flags of Debian's `make linux-readline` (-std=gnu99 -DLUA_COMPAT_5_3
# -DLUA_USE_LINUX -DLUA_USE_READLINE), except:
#  * neither LUA_USE_POSIX nor LUA_USE_DLOPEN: WASI has no popen, flockfile, mkstemp or sigaction, and cannot load
#    shared libraries (package.loadlib and C modules fail with Lua's "dynamic libraries not enabled" message);
#    wasi-lua.h gives what POSIX mode would and WASI can (isatty for lua.c) and makes os.tmpname fail cleanly;
#  * no readline: lua.c uses it only for the interactive prompt (-i, or no script with stdin a terminal);
#  * Lua raises errors with setjmp/longjmp: here clang's WebAssembly SjLj lowering (wasm exception handling), see
#    sjlj/setjmp.h and sjlj/sjlj.c;
#  * io.popen and os.execute fail cleanly ("'popen' not supported"; wasi-stubs.c for system()); os.clock is
#    wasi-libc's process clock emulation;
#  * the errno that file functions return is given in Linux's numbering (linux-errno.c, a patched copy of
#    lauxlib.c);
#  * the package paths name Debian's amd64 multiarch directory, as Debian's lua5.4-deb-multiarch.h does.
# wasm-opt -Oz runs afterwards when binaryen is installed (wasi-cc keeps clang from running it on its own).
#
# Idempotent: every step is skipped when its inputs are unchanged (source version, toolchain and compat library,
# this script and scripts/lib/target-recipe.sh, target.json, the files beside it, wasm-opt and groff versions).
# The output is deterministic: two builds give the same bytes.
set -euo pipefail

# shellcheck source=SCRIPTDIR/../../scripts/lib/target-recipe.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/target-recipe.sh"
recipe_prologue "$@"

version=${target[upstream.version]}
recipe_wasi_c
recipe_debian_source "${target[upstream.debianSource]}" "$version"
recipe_skip_if_up_to_date -i "$here/sjlj/setjmp.h" -i "$here/sjlj/sjlj.c" -i "$here/wasi-stubs.c" \
  -i "$here/linux-errno.c" -i "$here/wasi-lua.h" "$dsc_name" "$compat_digest"

obj=$work/obj
gen=$work/gen
rm -rf "$obj" "$gen"
mkdir -p "$obj" "$gen"
# As debian/rules writes it (DEB_HOST_MULTIARCH of amd64, the build Debian's native lua5.4 comes from).
cat >"$gen/lua5.4-deb-multiarch.h" <<'H'
#ifndef _LUA_DEB_MULTIARCH_
#define _LUA_DEB_MULTIARCH_
#define DEB_HOST_MULTIARCH "x86_64-linux-gnu"
#endif
H

# luaL_fileresult's errno in Linux's numbering (see linux-errno.c): a copy of lauxlib.c with the one call patched.
awk '
  /^  int en = errno;/ { in_fn = 1 }
  in_fn && /^    lua_pushinteger\(L, en\);$/ {
    print "    lua_pushinteger(L, mirrorbox_linux_errno(en));"
    patched++
    in_fn = 0
    next
  }
  { print }
  END { if (patched != 1) exit 1 }
' "$src/src/lauxlib.c" >"$gen/lauxlib.c" || { log "lauxlib.c: luaL_fileresult not found"; exit 1; }
sed -i '1i int mirrorbox_linux_errno(int e);' "$gen/lauxlib.c"

core=(lapi lcode lctype ldebug ldo ldump lfunc lgc llex lmem lobject lopcodes lparser lstate lstring ltable ltm
  lundump lvm lzio)
libs=(lauxlib lbaselib lcorolib ldblib liolib lmathlib loadlib loslib lstrlib ltablib lutf8lib linit)
sjlj=(-mllvm -wasm-enable-sjlj)
flags=(-std=gnu99 -O2 -DLUA_COMPAT_5_3 -D_WASI_EMULATED_PROCESS_CLOCKS -D_WASI_EMULATED_SIGNAL
  -I"$gen" -I"$here/sjlj" -include "$here/wasi-lua.h" "${sjlj[@]}")
log "compiling $((${#core[@]} + ${#libs[@]} + 1)) Lua files"
objects=()
for f in "${core[@]}" "${libs[@]}" lua; do
  objects+=("$obj/$f.o")
  file=$src/src/$f.c
  [ "$f" = lauxlib ] && file=$gen/lauxlib.c
  recipe_job "$obj/$f.log" "$cc" "${flags[@]}" -I"$src/src" -c "$file" -o "$obj/$f.o"
done
objects+=("$obj/sjlj.o" "$obj/wasi-stubs.o" "$obj/linux-errno.o")
recipe_job "$obj/linux-errno.log" "$cc" -O2 -Wall -Wextra -Werror -c "$here/linux-errno.c" -o "$obj/linux-errno.o"
recipe_job "$obj/sjlj.log" "$cc" -O2 -Wall -Wextra -Werror "${sjlj[@]}" -c "$here/sjlj/sjlj.c" -o "$obj/sjlj.o"
recipe_job "$obj/wasi-stubs.log" "$cc" -O2 -Wall -Wextra -Werror -c "$here/wasi-stubs.c" \
  -o "$obj/wasi-stubs.o"
recipe_jobs_wait || { log "compilation failed"; exit 1; }

# --- link, optimise ----------------------------------------------------------------------------------------------
# --strip-debug: wasi-libc's archive members carry DWARF; the name section stays (readable trap stack traces).
# A stack of 8 MiB, as Linux gives the native program (wasm-ld's default is 64 KiB): the parser and C calls recurse
# on the C stack up to Lua's own limits (LUAI_MAXCCALLS).
"$cc" -O2 -o "$obj/linked.wasm" "${objects[@]}" -lm -lwasi-emulated-process-clocks -lwasi-emulated-signal \
  -Wl,--strip-debug -Wl,-z,stack-size=8388608
recipe_optimise "$obj/linked.wasm" "$obj/oracle.wasm" --enable-exception-handling

# --- man page, outputs -------------------------------------------------------------------------------------------
recipe_debian_man "${target[docsPackage]}=$debian_version" "${target[manPage]}"
recipe_render_man "$man_source" "$obj/man.txt"
recipe_finish "$obj/linked.wasm" "$obj/oracle.wasm" "$obj/man.txt" \
  "target=${target[program]}" "upstream=${target[upstream.package]}" "version=$version" \
  "debianVersion=$debian_version" "debianSource=$dsc_name" "docsPackage=$docs_deb" \
  "compiler=$compiler_version" "wasiLibc=$wasi_libc_version" "wasmOpt=$wasm_opt_version" "groff=$groff_version"
