#!/usr/bin/env bash
# Build the gawk oracle: GNU awk 5.2.1 (Debian's source package, Debian patches applied) compiled for wasm32-wasi,
# plus its man page as text.
#
#   bash targets-wasm/gawk/build.sh OUT_DIR
#
# Writes
#   OUT_DIR/oracle.wasm       WASI preview 1 command module (argv[0] should be "gawk")
#   OUT_DIR/docs/man.txt      gawk(1) from Debian's binary package, as `MANWIDTH=80 man` shows it, plain UTF-8
#   OUT_DIR/build-info.json   versions, sizes and checksums (no timestamps: the file is reproducible too)
#
# How: upstream's own configure --host=wasm32-wasi, then `make support/libsupport.a gawk` (gawk's copies of gnulib's
# regex, dfa and getopt), out of tree in build/work/gawk/, with toolchains/wasi-c/wasi-cc. Configured as Debian's
# debian/rules does (--disable-rpath, and debhelper's --prefix=/usr and multiarch --libdir, which give the
# defaults of AWKPATH and AWKLIBPATH that ENVIRON shows), except:
#  * --disable-mpfr: -M (arbitrary precision) is not built, so `gawk -M` warns and goes on with doubles, and
#    --version does not name MPFR and GMP (Debian's does);
#  * --disable-pma: no persistent memory (it maps files; WASI has no mmap of files), --version does not name PMA;
#  * --disable-extensions: WASI has no dynamic loading (`-l` and `@load` fail with gawk's own message);
#  * --disable-nls, no readline (only the debugger uses it), no libsigsegv: WASI has none of them;
#  * ac_cv_func_system=yes: gawk's fallback system() (missing_d/system.c) no longer compiles against awk.h; the one of
#    no-processes.c fails instead, so system() returns -1 as when a native fork fails.
# gawk raises its errors with setjmp/longjmp: compiled with clang's WebAssembly SjLj lowering and the run-time of
# targets-wasm/lua/sjlj (wasm exception handling). No processes on WASI: no-processes.h/.c (forced include at make
# time, not during configure, whose function probes it would break) declare and define the process calls gawk is
# written with, each failing as it does natively when no child can be made, so `cmd | getline`, `print | "cmd"`
# and `|&` fail with gawk's "cannot open pipe" / "cannot open two way pipe" fatal errors (exit 2). configure finds no
# sockets, so /inet/... names are taken for commands of a two-way pipe and fail the same way. A stack of 8 MiB, as
# Linux gives the native program (wasm-ld's default is 64 KiB): the parser and the regex matcher recurse.
# Two adjustments in the build tree, explained where they are made: config.h's printf probes (%a, %F), which
# configure cannot run when cross-compiling, and the file types os_isreadable() accepts (stdin on WASI).
# wasm-opt -Oz runs afterwards when binaryen is installed (wasi-cc keeps clang from running it on its own).
#
# Idempotent: every step is skipped when its inputs are unchanged (source version, toolchain and compat library,
# this script, no-processes.{h,c}, the SjLj run-time, scripts/lib/target-recipe.sh, target.json, wasm-opt and groff
# versions). The output is deterministic: two builds give the same bytes.
set -euo pipefail

# shellcheck source=SCRIPTDIR/../../scripts/lib/target-recipe.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/target-recipe.sh"
recipe_prologue "$@"
ensure_apt_packages make

version=${target[upstream.version]}
recipe_wasi_c
recipe_debian_source "${target[upstream.debianSource]}" "$version"
sjlj_dir=$root/targets-wasm/lua/sjlj
recipe_skip_if_up_to_date -i "$here/no-processes.h" -i "$here/no-processes.c" -i "$sjlj_dir/setjmp.h" \
  -i "$sjlj_dir/sjlj.c" "$dsc_name" "$compat_digest"

# --- configure ---------------------------------------------------------------------------------------------------
# Hermetic: no pkg-config, no flags from the environment.

sjlj=(-mllvm -wasm-enable-sjlj)
cppflags="-I$sjlj_dir -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS -D_WASI_EMULATED_GETPID"
configure_args=(
  --host=wasm32-wasi
  "CC=$cc ${sjlj[*]}" CFLAGS=-O2 "CPPFLAGS=$cppflags" "LDFLAGS=-Wl,--strip-debug -Wl,-z,stack-size=8388608"
  "LIBS=-lwasi-emulated-signal -lwasi-emulated-process-clocks -lwasi-emulated-getpid"
  AR=/usr/lib/llvm-14/bin/llvm-ar RANLIB=/usr/lib/llvm-14/bin/llvm-ranlib PKG_CONFIG=false
  --prefix=/usr --libdir=/usr/lib/x86_64-linux-gnu
  --disable-rpath --disable-nls --disable-mpfr --disable-pma --disable-extensions
  --without-readline --without-libsigsegv-prefix --disable-dependency-tracking
  ac_cv_func_system=yes
)
tree=$work/tree
recipe_configure "$tree" "${configure_args[@]}"
# configure cannot run its printf probes when cross-compiling and then takes %a and %F for unsupported (gawk would
# print them literally); wasi-libc's printf has both, as glibc's has: config.h says so.
sed -i -e 's|^/\* #undef PRINTF_HAS_A_FORMAT \*/$|#define PRINTF_HAS_A_FORMAT 1|' \
  -e 's|^/\* #undef PRINTF_HAS_F_FORMAT \*/$|#define PRINTF_HAS_F_FORMAT 1|' "$tree/config.h"
for f in A F; do
  if ! grep -q "^#define PRINTF_HAS_${f}_FORMAT 1\$" "$tree/config.h"; then
    log "config.h: PRINTF_HAS_${f}_FORMAT not found"
    exit 1
  fi
done

# --- build -------------------------------------------------------------------------------------------------------
obj=$work/out
rm -rf "$obj"
mkdir -p "$obj"
"$cc" -O2 -Wall -Wextra -Werror "${sjlj[@]}" -c "$sjlj_dir/sjlj.c" -o "$obj/sjlj.o"
"$cc" -O2 -Wall -Wextra -Werror -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_GETPID -I"$here" -c "$here/no-processes.c" \
  -o "$obj/no-processes.o"
# os_isreadable() (posix/gawkmisc.c) decides by file type whether gawk reads an input. Two things differ on WASI:
# sockets and FIFOs share one type (S_IFSOCK == S_IFIFO == 0xc000), which makes two equal case labels, and the
# runner presents stdin as a pipe of WASI's "unknown" type, which wasi-libc reports as type 0 (natively stdin is a
# FIFO, which gawk reads). A copy of posix/gawkmisc.c in the build tree keeps the FIFO label and reads type 0 too;
# gawkmisc.c, which includes it, is copied beside it so that its quoted include finds the copy (the VPATH rules take
# the build tree's files first).
# Dependency tracking is off: gawkmisc.o is always compiled again (one file).
mkdir -p "$tree/posix"
cp -p "$src/gawkmisc.c" "$tree/gawkmisc.c"
rm -f "$tree/gawkmisc.o"
awk '
  /^#ifdef S_IFSOCK$/ {
    print "#if defined(S_IFSOCK) && S_IFSOCK != S_IFIFO /* mirrorbox: equal on WASI */"
    sock++
    next
  }
  /^\tcase S_IFREG:$/ && !reg { print; print "\tcase 0:\t/* mirrorbox: WASI pipes (file type unknown) */"; reg++; next }
  { print }
  END { if (sock != 1 || reg != 1) exit 1 }
' "$src/posix/gawkmisc.c" >"$tree/posix/gawkmisc.c" || {
  log "posix/gawkmisc.c: the cases of os_isreadable() not found"
  exit 1
}
log "make gawk (-j$jobs)"
rm -f "$tree/gawk"
make_cppflags="CPPFLAGS=$cppflags -include $here/no-processes.h"
make_libs="LIBS=$obj/sjlj.o $obj/no-processes.o -lwasi-emulated-signal -lwasi-emulated-process-clocks"
make_libs+=" -lwasi-emulated-getpid"
if ! (cd "$tree" && make -j"$jobs" -C support libsupport.a "$make_cppflags" >make.log 2>&1 &&
  make -j"$jobs" gawk "$make_cppflags" "$make_libs" >>make.log 2>&1); then
  tail -40 "$tree/make.log" >&2
  log "make failed; see $tree/make.log"
  exit 1
fi

# Linked with --strip-debug (LDFLAGS: wasi-libc's members carry DWARF); the name section stays (readable traps).
cp "$tree/gawk" "$obj/linked.wasm"
recipe_optimise "$obj/linked.wasm" "$obj/oracle.wasm" --enable-exception-handling

# --- man page, outputs -------------------------------------------------------------------------------------------
recipe_debian_man "${target[docsPackage]}=$debian_version" "${target[manPage]}"
recipe_render_man "$man_source" "$obj/man.txt"
recipe_finish "$obj/linked.wasm" "$obj/oracle.wasm" "$obj/man.txt" \
  "target=${target[program]}" "upstream=${target[upstream.package]}" "version=$version" \
  "debianVersion=$debian_version" "debianSource=$dsc_name" "docsPackage=$docs_deb" \
  "compiler=$compiler_version" "wasiLibc=$wasi_libc_version" "wasmOpt=$wasm_opt_version" "groff=$groff_version"
