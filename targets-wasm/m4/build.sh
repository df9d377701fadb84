#!/usr/bin/env bash
# Build the m4 oracle: GNU m4 1.4.19 (Debian's source package, Debian patches applied) compiled for wasm32-wasi, plus
# its man page as text.
#
#   bash targets-wasm/m4/build.sh OUT_DIR
#
# Writes
#   OUT_DIR/oracle.wasm       WASI preview 1 command module (argv[0] should be "m4")
#   OUT_DIR/docs/man.txt      m4(1) from Debian's binary package, as `MANWIDTH=80 man` shows it, plain UTF-8
#   OUT_DIR/build-info.json   versions, sizes and checksums (no timestamps: the file is reproducible too)
#
# How: upstream's own configure --host=wasm32-wasi and `make src/m4` (gnulib included), out of tree in
# build/work/m4/, with toolchains/wasi-c/wasi-cc. Configured as Debian's debian/rules does (--disable-rpath),
# except:
#  * --with-included-regex: Debian links glibc's regex engine; wasi-libc's (musl's) lacks the GNU extensions, so the
#    gnulib copy of the same glibc engine is compiled in instead;
#  * --disable-threads, --disable-nls: WASI has neither;
#  * the configure answers sed's recipe gives for WASI (signals and process clocks through wasi-libc's emulations,
#    fcntl's F_DUPFD probes, thread-safe setlocale(NULL), the C11 probe), for the same gnulib modules. WASI has no
#    fchdir, so gnulib replaces fcntl here (sed's build keeps it) and its getdtablesize stand-in is compiled; WASI
#    also has no F_DUPFD, and gnulib's stand-in value (1) is WASI's F_GETFD: F_DUPFD gets a value of its own, which
#    WASI's fcntl refuses (m4 never duplicates descriptors but through gnulib's fd-safer paths); getopt is
#    taken as GNU-compatible (toolchains/wasi-c's compat getopt behaves as glibc's, messages included); gnulib's
#    <signal.h> insists on NSIG <= 32 when it emulates signal blocking and wasi-libc's NSIG is 65: the check is
#    switched off (GNULIB_defined_verify_NSIG_constraint), as in numfmt's recipe (no signal above 31 is used).
# No processes on WASI: syscmd and esyscmd fail (see the target's fidelityNotes).
# wasm-opt -Oz runs afterwards when binaryen is installed (wasi-cc keeps clang from running it on its own).
#
# Idempotent: every step is skipped when its inputs are unchanged (source version, toolchain and compat library,
# this script and scripts/lib/target-recipe.sh, target.json, wasm-opt and groff versions). The output is
# deterministic: two builds give the same bytes.
set -euo pipefail

# shellcheck source=SCRIPTDIR/../../scripts/lib/target-recipe.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/target-recipe.sh"
recipe_prologue "$@"
# make: configure and the build.
ensure_apt_packages make

version=${target[upstream.version]}
recipe_wasi_c
recipe_debian_source "${target[upstream.debianSource]}" "$version"
recipe_skip_if_up_to_date -i "$here/no-processes.c" -i "$here/getdtablesize.c" -i "$here/sigaction.c" \
  -i "$here/dup2.h" "$dsc_name" "$compat_digest"

# --- configure ---------------------------------------------------------------------------------------------------
# Hermetic: no pkg-config, no flags from the environment.
cppflags="-D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS -D_WASI_EMULATED_GETPID"
cppflags+=" -DGNULIB_defined_verify_NSIG_constraint=1"
cppflags+=" -DF_DUPFD=0x7f000001 -include $here/dup2.h"
configure_args=(
  --host=wasm32-wasi
  "CC=$cc" CFLAGS=-O2 "CPPFLAGS=$cppflags" "LDFLAGS=-Wl,--strip-debug"
  "LIBS=-lwasi-emulated-signal -lwasi-emulated-process-clocks -lwasi-emulated-getpid"
  AR=/usr/lib/llvm-14/bin/llvm-ar RANLIB=/usr/lib/llvm-14/bin/llvm-ranlib PKG_CONFIG=false
  --disable-rpath --with-included-regex
  --disable-threads --disable-nls --disable-dependency-tracking
  ac_cv_prog_cc_c11=
  gl_cv_func_getopt_posix=yes gl_cv_func_getopt_gnu=yes
  gl_cv_func_fcntl_f_dupfd_works=yes gl_cv_func_fcntl_f_dupfd_cloexec=yes
  gl_cv_func_setlocale_null_all_mtsafe=yes gl_cv_func_setlocale_null_one_mtsafe=yes
)
tree=$work/tree
recipe_configure "$tree" "${configure_args[@]}"

# --- build -------------------------------------------------------------------------------------------------------
# No processes (see no-processes.c): the objects of gnulib's execute, spawn-pipe and wait-process modules and the
# posix_spawn, waitpid and pipe replacements they pull in (wasi-libc has none of those) are left out of libm4.a
# (the object lists are read from lib/Makefile), and no-processes.o defines the three functions m4 calls, and dup2
# (see dup2.h). gnulib's getdtablesize needs getrlimit and its sigaction is for native Windows only: getdtablesize.c and
# sigaction.c (this folder) stand in for them.
# Debian's loongarch patch touches two files under m4/ (host CPU checks), which makes aclocal.m4, configure and the
# Makefiles look out of date; the shipped ones are what configure ran, so the autotools are not run again.
autotools=(ACLOCAL=: AUTOCONF=: AUTOMAKE=: AUTOHEADER=:)
obj=$work/out
rm -rf "$obj"
mkdir -p "$obj"
make -C "$tree/lib" -pn "${autotools[@]}" >"$obj/lib-make-db.txt" 2>/dev/null || true
make_var() { sed -n "s/^$1 = //p" "$obj/lib-make-db.txt" | sed -n 1p; }
left_out='execute|spawn-pipe|wait-process|spawn|spawnp|spawni|spawn_faction_.*|spawnattr_.*|waitpid|pipe|pipe2'
left_out+='|pipe-safer|pipe2-safer|getdtablesize|sigaction'
without_processes() { tr ' ' '\n' | grep -Ev "^($left_out)\.(o|\\\$\\(OBJEXT\\))\$" | tr '\n' ' '; }
lib_objects=$(make_var am_libm4_a_OBJECTS | without_processes)
lib_libobjs=$(make_var M4_LIBOBJS | without_processes)
if [ -z "$lib_objects" ] || [ -z "$lib_libobjs" ] || [[ $lib_objects == *execute.* ]] ||
  [[ $lib_libobjs == *spawn* ]]; then
  log "could not read libm4's object lists from lib/Makefile"
  exit 1
fi

log "make lib/libm4.a src/m4 (-j$jobs)"
rm -f "$tree/src/m4" "$tree/lib/libm4.a"
if ! (cd "$tree" && make -j"$jobs" "${autotools[@]}" -C lib "am_libm4_a_OBJECTS=$lib_objects" \
  "M4_LIBOBJS=$lib_libobjs" >make.log 2>&1); then
  tail -40 "$tree/make.log" >&2
  log "make failed; see $tree/make.log"
  exit 1
fi
# After lib/: they include gnulib's generated headers.
stubs=()
for f in no-processes getdtablesize sigaction; do
  # shellcheck disable=SC2086 # cppflags is a list of flags
  "$cc" -O2 -Wall -Wextra -Werror -I"$tree/lib" -I"$src/lib" -include "$tree/lib/config.h" $cppflags \
    -c "$here/$f.c" -o "$obj/$f.o"
  stubs+=("$obj/$f.o")
done
if ! (cd "$tree" && make -j"$jobs" "${autotools[@]}" -C src m4 \
  "LIBS=${stubs[*]} -lwasi-emulated-signal -lwasi-emulated-process-clocks -lwasi-emulated-getpid" >>make.log 2>&1); then
  tail -40 "$tree/make.log" >&2
  log "make failed; see $tree/make.log"
  exit 1
fi

# Linked with --strip-debug (LDFLAGS: wasi-libc's members carry DWARF); the name section stays (readable traps).
cp "$tree/src/m4" "$obj/linked.wasm"
recipe_optimise "$obj/linked.wasm" "$obj/oracle.wasm"

# --- man page, outputs -------------------------------------------------------------------------------------------
recipe_debian_man "${target[docsPackage]}=$debian_version" "${target[manPage]}"
recipe_render_man "$man_source" "$obj/man.txt"
recipe_finish "$obj/linked.wasm" "$obj/oracle.wasm" "$obj/man.txt" \
  "target=${target[program]}" "upstream=${target[upstream.package]}" "version=$version" \
  "debianVersion=$debian_version" "debianSource=$dsc_name" "docsPackage=$docs_deb" \
  "compiler=$compiler_version" "wasiLibc=$wasi_libc_version" "wasmOpt=$wasm_opt_version" "groff=$groff_version"
