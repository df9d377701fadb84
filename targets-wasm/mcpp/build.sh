#!/usr/bin/env bash
# Build the mcpp oracle: mcpp 2.7.2 (Debian's source package, Debian patches applied) compiled for wasm32-wasi, plus
# its man page as text.
#
#   bash targets-wasm/mcpp/build.sh OUT_DIR
#
# Writes
#   OUT_DIR/oracle.wasm       WASI preview 1 command module (argv[0] should be "mcpp")
#   OUT_DIR/docs/man.txt      mcpp(1) from Debian's binary package, as `MANWIDTH=80 man` shows it, plain UTF-8
#   OUT_DIR/build-info.json   versions, sizes and checksums (no timestamps: the file is reproducible too)
#
# How: mcpp's configure describes the *target* of the preprocessor, not only the machine it runs on: the system and
# CPU macros it predefines (__linux__, __x86_64__, ...), its include directories and the size of long. The oracle
# must preprocess as Debian's amd64 mcpp does, so configure runs natively here (host gcc, --enable-mcpplib as
# debian/rules) and its config.h is used as is; the seven files of libmcpp_la_SOURCES and main_libmcpp.c (Debian's
# mcpp is the small main linked with libmcpp) are then compiled with toolchains/wasi-c/wasi-cc. The configure
# answers that describe the C library (HAVE_STPCPY and the like) hold for wasi-libc too.
# wasm-opt -Oz runs afterwards when binaryen is installed (wasi-cc keeps clang from running it on its own).
#
# Idempotent: every step is skipped when its inputs are unchanged (source version, toolchain and compat library,
# this script and scripts/lib/target-recipe.sh, target.json, host compiler, wasm-opt and groff versions). The output
# is deterministic: two builds give the same bytes.
set -euo pipefail

# shellcheck source=SCRIPTDIR/../../scripts/lib/target-recipe.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/target-recipe.sh"
recipe_prologue "$@"
# gcc, make: the native configure.
ensure_apt_packages gcc make

version=${target[upstream.version]}
recipe_wasi_c
recipe_debian_source "${target[upstream.debianSource]}" "$version"
host_cc_version=$(gcc --version | sed -n 1p)
lua=$root/targets-wasm/lua
recipe_skip_if_up_to_date -i "$lua/sjlj/setjmp.h" -i "$lua/sjlj/sjlj.c" -i "$lua/linux-errno.c" \
  -i "$here/exit-status.c" -i "$here/exit-status.h" "$dsc_name" "$compat_digest" "$host_cc_version"

# --- configure (natively, for config.h) --------------------------------------------------------------------------
# As debian/rules: --enable-mcpplib; the system's config.sub and config.guess are linked in by Debian's build, the
# shipped ones recognise x86_64-linux-gnu as well. Hermetic: no flags from the environment.
native=$work/native
recipe_configure -v "$host_cc_version" "$native" CC=gcc CFLAGS=-O2 CPPFLAGS= LDFLAGS= LIBS= --enable-mcpplib \
  --disable-dependency-tracking

# --- sources: two adjustments for an LP64 target ------------------------------------------------------------------
# mcpp evaluates #if in the target's long (LONGMAX/ULONGMAX, configed.H: LONG_MAX of <limits.h>); wasm32's long is
# 32 bits, Debian's amd64 target's is 64: a copy of src/ with configed.H giving the LP64 limits. config.h names the
# compiler that built mcpp in its usage and -v text: Debian's mcpp 2.7.2-5 binary was built with GCC 8.3 (it says
# "compiled by GCC V.8.3"), so the copy of config.h says the same.
obj=$work/obj
copy=$work/src
rm -rf "$obj" "$copy"
mkdir -p "$obj"
cp -r "$src/src" "$copy"
sed -i -e 's/^#define LONGMAX             LONG_MAX$/#define LONGMAX             0x7FFFFFFFFFFFFFFFLL/' \
  -e 's/^#define ULONGMAX            ULONG_MAX$/#define ULONGMAX            0xFFFFFFFFFFFFFFFFULL/' "$copy/configed.H"
[ "$(grep -c '0x7FFFFFFFFFFFFFFFLL\|0xFFFFFFFFFFFFFFFFULL' "$copy/configed.H")" = 2 ] ||
  { log "configed.H: LONGMAX/ULONGMAX not found"; exit 1; }
# The overflow checks of C90-mode #if arithmetic (eval.c) cast to long and compare with the bit count of long: the
# same in long long, LP64's long.
awk '
  /^static expr_t +eval_signed\($/ { in_fn = 1 }
  in_fn && !/cerror|cwarn/ { n += gsub(/\(long\)/, "(long long)") }
  /sizeof \(long\) \* CHARBIT/ { n += sub(/sizeof \(long\)/, "sizeof (long long)") }
  in_fn && /^}/ { in_fn = 0 }
  { print }
  END { if (n < 7) exit 1 }
' "$src/src/eval.c" >"$copy/eval.c" || { log "eval.c: the long overflow checks were not found"; exit 1; }
sed -e 's/^#define GCC_MAJOR_VERSION ".*"$/#define GCC_MAJOR_VERSION "8"/' \
  -e 's/^#define GCC_MINOR_VERSION ".*"$/#define GCC_MINOR_VERSION "3"/' "$native/src/config.h" >"$copy/config.h"
grep -q '^#define GCC_MAJOR_VERSION "8"' "$copy/config.h" || { log "config.h: GCC_MAJOR_VERSION not found"; exit 1; }

# --- compile -----------------------------------------------------------------------------------------------------
sources=(main directive eval expand mbchar support system main_libmcpp)
# mcpp leaves fatal errors and runaway macro expansion with longjmp: setjmp/longjmp through clang's WebAssembly
# SjLj lowering (wasm exception handling), with the run-time functions the lua target's recipe uses too
# (targets-wasm/lua/sjlj/setjmp.h and sjlj.c).
sjlj=(-mllvm -wasm-enable-sjlj)
sjlj_dir=$lua/sjlj
# The exit status after errors is errno, in Linux's numbering as Debian's build gives it: see exit-status.c.
# -fwrapv: eval.c detects #if overflow by computing the wrapped sum first (signed overflow, undefined in C);
# Debian's gcc build keeps those checks, clang would fold them away.
flags=(-O2 -fwrapv -DHAVE_CONFIG_H -I"$copy" -I"$sjlj_dir" "${sjlj[@]}"
  "-DIO_ERROR=mirrorbox_io_error()" "-include" "$here/exit-status.h")
log "compiling ${#sources[@]} files"
objects=()
for f in "${sources[@]}"; do
  objects+=("$obj/$f.o")
  recipe_job "$obj/$f.log" "$cc" "${flags[@]}" -c "$copy/$f.c" -o "$obj/$f.o"
done
objects+=("$obj/sjlj.o" "$obj/exit-status.o" "$obj/linux-errno.o")
recipe_job "$obj/exit-status.log" "$cc" -O2 -Wall -Wextra -Werror -c "$here/exit-status.c" -o "$obj/exit-status.o"
recipe_job "$obj/linux-errno.log" "$cc" -O2 -Wall -Wextra -Werror -c "$lua/linux-errno.c" -o "$obj/linux-errno.o"
recipe_job "$obj/sjlj.log" "$cc" -O2 -Wall -Wextra -Werror "${sjlj[@]}" -c "$sjlj_dir/sjlj.c" -o "$obj/sjlj.o"
recipe_jobs_wait || { log "compilation failed"; exit 1; }

# --- link, optimise ----------------------------------------------------------------------------------------------
# --strip-debug: wasi-libc's archive members carry DWARF; the name section stays (readable trap stack traces).
# A stack of 8 MiB, as Linux gives the native program (wasm-ld's default is 64 KiB): #if expressions and macro
# rescanning recurse on the C stack.
"$cc" -O2 -o "$obj/linked.wasm" "${objects[@]}" -Wl,--strip-debug -Wl,-z,stack-size=8388608
recipe_optimise "$obj/linked.wasm" "$obj/oracle.wasm" --enable-exception-handling

# --- man page, outputs -------------------------------------------------------------------------------------------
recipe_debian_man "${target[docsPackage]}=$debian_version" "${target[manPage]}"
recipe_render_man "$man_source" "$obj/man.txt"
recipe_finish "$obj/linked.wasm" "$obj/oracle.wasm" "$obj/man.txt" \
  "target=${target[program]}" "upstream=${target[upstream.package]}" "version=$version" \
  "debianVersion=$debian_version" "debianSource=$dsc_name" "docsPackage=$docs_deb" \
  "compiler=$compiler_version" "hostCompiler=$host_cc_version" "wasiLibc=$wasi_libc_version" \
  "wasmOpt=$wasm_opt_version" "groff=$groff_version"
