#!/usr/bin/env bash
# Build the bc oracle: GNU bc 1.07.1 (Debian's source package, Debian patches applied) compiled for wasm32-wasi, plus
# its man page as text.
#
#   bash targets-wasm/bc/build.sh OUT_DIR
#
# Writes
#   OUT_DIR/oracle.wasm       WASI preview 1 command module (argv[0] should be "bc")
#   OUT_DIR/docs/man.txt      bc(1) from Debian's binary package, as `MANWIDTH=80 man` shows it, plain UTF-8
#   OUT_DIR/build-info.json   versions, sizes and checksums (no timestamps: the file is reproducible too)
#
# How: upstream's configure --host=wasm32-wasi gives config.h; bc/*.c and lib/*.c (the files of bc_SOURCES and
# libbc_a_SOURCES) are then compiled directly with toolchains/wasi-c/wasi-cc, with Debian's extra CFLAGS
# (-D_POSIX_SOURCE -DDOT_IS_LAST -DDONTEXIT, debian/rules). The parser and scanner ship generated (bc.c, scan.c;
# Debian's patches update them with the grammar), and scan.l defines its own yywrap, so neither flex nor bison runs.
# libmath.h (the -l library as compiled bc code) is made as bc/Makefile.am makes it: a first bc ("fbc", with an empty
# library) compiles libmath.b and fix-libmath_h (ed) turns the output into a C initialiser. fbc has to run on this
# machine, so it is a native build of the same sources (host cc, its own configure); its output is text and does not
# depend on the machine. Differences from Debian's build: no readline (--with-readline only matters in interactive
# mode, when stdin and stdout are terminals, which a test run never has; -i forces interactive mode: see the target's
# fidelityNotes) and SIGINT's handler is wasi-libc's signal emulation (nothing sends signals).
# wasm-opt -Oz runs afterwards when binaryen is installed (wasi-cc keeps clang from running it on its own).
#
# Idempotent: every step is skipped when its inputs are unchanged (source version, toolchain and compat library,
# this script and scripts/lib/target-recipe.sh, target.json, host compiler, wasm-opt and groff versions). The output
# is deterministic: two builds give the same bytes.
set -euo pipefail

# shellcheck source=SCRIPTDIR/../../scripts/lib/target-recipe.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/target-recipe.sh"
recipe_prologue "$@"
# make: configure's checks; gcc: the native fbc; ed: fix-libmath_h.
ensure_apt_packages make gcc ed

version=${target[upstream.version]}
recipe_wasi_c
recipe_debian_source "${target[upstream.debianSource]}" "$version"
host_cc_version=$(gcc --version | sed -n 1p)
recipe_skip_if_up_to_date "$dsc_name" "$compat_digest" "$host_cc_version"

# Debian's additions to CFLAGS (debian/rules).
debian_defines=(-D_POSIX_SOURCE -DDOT_IS_LAST -DDONTEXIT)

# --- configure (for config.h only), wasm and native --------------------------------------------------------------
# Hermetic: no flags from the environment.
configure_args=(
  --host=wasm32-wasi
  "CC=$cc" CFLAGS=-O2 CPPFLAGS= LDFLAGS= LIBS=
  AR=/usr/lib/llvm-14/bin/llvm-ar RANLIB=/usr/lib/llvm-14/bin/llvm-ranlib
  --disable-dependency-tracking
)
config=$work/config
recipe_configure "$config" "${configure_args[@]}"
native=$work/native
recipe_configure -v "$host_cc_version" "$native" CC=gcc CFLAGS=-O2 CPPFLAGS= LDFLAGS= LIBS= \
  --disable-dependency-tracking

bc_sources=(main bc scan execute load storage util warranty)
# lib/getopt.c and getopt1.c are compiled out on glibc (ELIDE_CODE), so Debian's bc uses glibc's getopt_long;
# here the compat library's glibc-compatible one takes its place.
lib_sources=(number)

# --- libmath.h, as bc/Makefile.am: fbc (global.c with an empty library) compiles libmath.b -------------------------
gen=$work/gen
rm -rf "$gen"
mkdir -p "$gen/fbc"
echo '{0}' >"$gen/fbc/libmath.h"
fbc_objects=()
for f in "${bc_sources[@]}" global; do
  gcc -O2 -DHAVE_CONFIG_H -I"$native" -I"$gen/fbc" -I"$src/bc" -I"$src/h" "${debian_defines[@]}" \
    -c "$src/bc/$f.c" -o "$gen/fbc/bc_$f.o"
  fbc_objects+=("$gen/fbc/bc_$f.o")
done
for f in "${lib_sources[@]}"; do
  gcc -O2 -DHAVE_CONFIG_H -I"$native" -I"$src/h" "${debian_defines[@]}" -c "$src/lib/$f.c" -o "$gen/fbc/lib_$f.o"
  fbc_objects+=("$gen/fbc/lib_$f.o")
done
gcc -o "$gen/fbc/fbc" "${fbc_objects[@]}"
"$gen/fbc/fbc" -c "$src/bc/libmath.b" </dev/null >"$gen/libmath.h"
(cd "$gen" && sh "$src/bc/fix-libmath_h" >/dev/null 2>&1)
if ! grep -q '^{"' "$gen/libmath.h"; then
  log "libmath.h was not generated"
  exit 1
fi

# --- compile -----------------------------------------------------------------------------------------------------
obj=$work/obj
rm -rf "$obj"
mkdir -p "$obj"
flags=(-O2 -DHAVE_CONFIG_H -I"$config" -I"$gen" -I"$src/bc" -I"$src/h" "${debian_defines[@]}" -D_WASI_EMULATED_SIGNAL)
log "compiling $((${#bc_sources[@]} + 1 + ${#lib_sources[@]})) files"
objects=()
for f in "${bc_sources[@]}" global; do
  objects+=("$obj/bc_$f.o")
  recipe_job "$obj/bc_$f.log" "$cc" "${flags[@]}" -c "$src/bc/$f.c" -o "$obj/bc_$f.o"
done
for f in "${lib_sources[@]}"; do
  objects+=("$obj/lib_$f.o")
  recipe_job "$obj/lib_$f.log" "$cc" "${flags[@]}" -c "$src/lib/$f.c" -o "$obj/lib_$f.o"
done
recipe_jobs_wait || { log "compilation failed"; exit 1; }

# --- link, optimise ----------------------------------------------------------------------------------------------
# --strip-debug: wasi-libc's archive members carry DWARF; the name section stays (readable trap stack traces).
# A stack of 8 MiB, as Linux gives the native program (wasm-ld's default is 64 KiB): bc's parser and its recursive
# functions use the C stack.
"$cc" -O2 -o "$obj/linked.wasm" "${objects[@]}" -lwasi-emulated-signal -Wl,--strip-debug -Wl,-z,stack-size=8388608
recipe_optimise "$obj/linked.wasm" "$obj/oracle.wasm"

# --- man page, outputs -------------------------------------------------------------------------------------------
# The binary package is a binNMU of the source (1.07.1-3+b1): its version is pinned in target.json.
recipe_debian_man "${target[docsPackage]}=${target[docsVersion]}" "${target[manPage]}"
recipe_render_man "$man_source" "$obj/man.txt"
recipe_finish "$obj/linked.wasm" "$obj/oracle.wasm" "$obj/man.txt" \
  "target=${target[program]}" "upstream=${target[upstream.package]}" "version=$version" \
  "debianVersion=$debian_version" "debianSource=$dsc_name" "docsPackage=$docs_deb" \
  "compiler=$compiler_version" "hostCompiler=$host_cc_version" "wasiLibc=$wasi_libc_version" \
  "wasmOpt=$wasm_opt_version" "groff=$groff_version"
