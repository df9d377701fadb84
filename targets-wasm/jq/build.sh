#!/usr/bin/env bash
# Build the jq oracle: jq 1.6 (Debian's source package, Debian patches applied) with Oniguruma 6.9.8 (Debian's libonig
# source) compiled for wasm32-wasi, plus jq's man page as text.
#
#   bash targets-wasm/jq/build.sh OUT_DIR
#
# Writes
#   OUT_DIR/oracle.wasm       WASI preview 1 command module (argv[0] should be "jq")
#   OUT_DIR/docs/man.txt      jq(1) from Debian's binary package, as `MANWIDTH=80 man` shows it, plain UTF-8
#   OUT_DIR/build-info.json   versions, sizes and checksums (no timestamps: the file is reproducible too)
#
# How: no configure. The sources are compiled directly with toolchains/wasi-c/wasi-cc:
#  * Oniguruma: the files of upstream's libonig_la_SOURCES (without the POSIX API, which jq does not use), with a
#    config.h written here for wasm32 (ILP32);
#  * jq: the files of LIBJQ_SRC plus main.c; lexer.c and parser.c ship pre-generated; src/builtin.inc and src/version.h
#    are generated as upstream's Makefile.am does (version "1.6", Debian's patch hard-codes it). The HAVE_* macros are
#    those Debian's configure finds with glibc on amd64: every math function of configure.ac except pow10 (glibc >=
#    2.27 no longer links it), so `builtins` lists the same 217 names in the same order. wasi-libc (musl) has no
#    gamma(): glibc's gamma() is lgamma(), so builtin.c gets -Dgamma=lgamma. No pthreads: jv_alloc.c's single-threaded
#    fallback; the hash seed of Debian's security patches comes from getentropy() (the contract's seeded
#    random_get) and its pthread_once() from include/pthread.h (one thread: a flag), on jq's include path only;
#  * realpath() (module paths, $ORIGIN) is the compat library's;
#  * strftime-utc.c (this folder): glibc prints %Z of jq's broken-down times as "UTC" under TZ=UTC, wasi-libc prints
#    nothing; builtin.c calls this wrapper instead (-Dstrftime=mirrorbox_jq_strftime).
# wasm-opt -Oz runs afterwards when binaryen is installed (wasi-cc keeps clang from running it on its own).
#
# The jq source version is pinned (target.json debianVersion): the security archive's newest jq source is not always
# downloadable, and the oracle must not change under the suite.
#
# Idempotent: every step is skipped when its inputs are unchanged (source versions, toolchain and compat library,
# this script and scripts/lib/target-recipe.sh, target.json, strftime-utc.c, include/pthread.h, wasm-opt and groff
# versions). Deterministic: two builds give the same bytes.
set -euo pipefail

# shellcheck source=SCRIPTDIR/../../scripts/lib/target-recipe.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/target-recipe.sh"
recipe_prologue "$@"

version=${target[upstream.version]}
onig_source=${target[regexLibrary.debianSource]}
onig_version=${target[regexLibrary.version]}
recipe_wasi_c
recipe_debian_source "${target[upstream.debianSource]}=${target[debianVersion]}" "$version"
onig=$(debian_source "$onig_source" "$build/src" | tail -1)
onig_dsc=$(cat "$onig/.mirrorbox-source")
if [ "$(recipe_upstream_of "$onig_dsc")" != "$onig_version" ]; then
  log "Debian now serves $onig_dsc, but target.json pins $onig_source $onig_version: update the target"
  exit 1
fi
recipe_skip_if_up_to_date -i "$here/strftime-utc.c" -i "$here/include/pthread.h" \
  "$dsc_name" "$onig_dsc" "$compat_digest"

obj=$work/obj
gen=$work/gen
rm -rf "$obj" "$gen"
mkdir -p "$obj" "$gen/src" "$gen/onig"

# --- generated files ---------------------------------------------------------------------------------------------
# As Makefile.am: builtin.inc is builtin.jq as C string lines; version.h from scripts/version (Debian: "1.6").
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$/\\n"/' "$src/src/builtin.jq" >"$gen/src/builtin.inc"
jq_version=$(sh "$src/scripts/version")
printf '#define JQ_VERSION "%s"\n' "$jq_version" >"$gen/src/version.h"
# Oniguruma's config.h, as its configure would write it for wasm32-wasi.
cat >"$gen/onig/config.h" <<EOF
#define HAVE_ALLOCA 1
#define HAVE_ALLOCA_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_STDINT_H 1
#define HAVE_SYS_TIME_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_UNISTD_H 1
#define PACKAGE "onig"
#define PACKAGE_VERSION "$onig_version"
#define VERSION "$onig_version"
#define SIZEOF_INT 4
#define SIZEOF_LONG 4
#define SIZEOF_LONG_LONG 8
#define SIZEOF_VOIDP 4
EOF

# --- sources and flags -------------------------------------------------------------------------------------------
onig_sources=(regparse regcomp regexec regenc regerror regext regsyntax regtrav regversion st reggnu unicode
  unicode_unfold_key unicode_fold1_key unicode_fold2_key unicode_fold3_key ascii utf8 utf16_be utf16_le utf32_be
  utf32_le euc_jp euc_jp_prop sjis sjis_prop iso8859_1 iso8859_2 iso8859_3 iso8859_4 iso8859_5 iso8859_6 iso8859_7
  iso8859_8 iso8859_9 iso8859_10 iso8859_11 iso8859_13 iso8859_14 iso8859_15 iso8859_16 euc_tw euc_kr big5 gb18030
  koi8_r cp1251 onig_init)
jq_sources=(builtin bytecode compile execute jq_test jv jv_alloc jv_aux jv_dtoa jv_file jv_parse jv_print jv_unicode
  linker locfile util lexer parser main)

# Math functions Debian's configure finds in glibc (configure.ac's AC_CHECK_MATH_FUNC list without pow10).
math_defines=()
while read -r fn; do
  [ "$fn" = pow10 ] && continue
  math_defines+=("-DHAVE_$(echo "$fn" | tr '[:lower:]' '[:upper:]')=1")
done < <(sed -n 's/^AC_CHECK_MATH_FUNC(\([a-z0-9_]*\)).*/\1/p' "$src/configure.ac")
if [ "${#math_defines[@]}" -lt 60 ]; then
  log "found only ${#math_defines[@]} math functions in configure.ac"
  exit 1
fi
jq_defines=(-DHAVE_LIBONIG=1 -DIEEE_8087=1 -DHAVE_MEMMEM=1 -DHAVE_ISATTY=1 -DHAVE_STRPTIME=1 -DHAVE_STRFTIME=1
  -DHAVE_TIMEGM=1 -DHAVE_GMTIME_R=1 -DHAVE_GMTIME=1 -DHAVE_LOCALTIME_R=1 -DHAVE_LOCALTIME=1 -DHAVE_GETTIMEOFDAY=1
  -DHAVE_TM_TM_GMT_OFF=1 -DHAVE_ALLOCA_H=1 -DHAVE_ALLOCA=1 -DHAVE_ATEXIT=1 -DHAVE_MKSTEMP=1 -DHAVE_GETENTROPY=1
  -DPACKAGE_VERSION=\""$jq_version"\" -DVERSION=\""$jq_version"\" "${math_defines[@]}")
onig_flags=(-O2 -DHAVE_CONFIG_H -I"$gen/onig" -I"$onig/src")
jq_flags=(-O2 -I"$gen" -I"$src/src" -I"$onig/src" -I"$here/include" -D_WASI_EMULATED_GETPID "${jq_defines[@]}"
  -Wno-deprecated-declarations)

log "compiling ${#onig_sources[@]} Oniguruma files and $((${#jq_sources[@]} + 1)) jq files"
objects=()
# compile SOURCE OBJECT FLAGS...: compile in the background.
compile() {
  local source=$1 object=$2
  shift 2
  objects+=("$object")
  recipe_job "$object.log" "$cc" "$@" -c "$source" -o "$object"
}
for f in "${onig_sources[@]}"; do compile "$onig/src/$f.c" "$obj/onig_$f.o" "${onig_flags[@]}"; done
for f in "${jq_sources[@]}"; do
  extra=()
  [ "$f" = builtin ] && extra=(-Dgamma=lgamma -Dstrftime=mirrorbox_jq_strftime)
  compile "$src/src/$f.c" "$obj/jq_$f.o" "${jq_flags[@]}" "${extra[@]}"
done
compile "$here/strftime-utc.c" "$obj/strftime_utc.o" -O2 -Wall -Wextra -Werror
recipe_jobs_wait || { log "compilation failed"; exit 1; }

# --- link, optimise ----------------------------------------------------------------------------------------------
# --strip-debug: wasi-libc's archive members carry DWARF; the name section stays (readable trap stack traces).
# A stack of 8 MiB, as Linux gives the native program (wasm-ld's default is 64 KiB): jq's parser and printer recurse
# once per nesting level, and deeply nested input (up to jq's own parsing depth limit) must not trap.
"$cc" -O2 -o "$obj/linked.wasm" "${objects[@]}" -lm -lwasi-emulated-getpid -Wl,--strip-debug \
  -Wl,-z,stack-size=8388608
recipe_optimise "$obj/linked.wasm" "$obj/oracle.wasm"

# --- man page, outputs -------------------------------------------------------------------------------------------
# tbl warns about the page's malformed tables, as `man` does: its messages go to groff.log.
recipe_debian_man "${target[docsPackage]}=$debian_version" "${target[manPage]}"
recipe_render_man "$man_source" "$obj/man.txt" "$obj/groff.log"
recipe_finish "$obj/linked.wasm" "$obj/oracle.wasm" "$obj/man.txt" \
  "target=${target[program]}" "upstream=${target[upstream.package]}" "version=$version" \
  "debianVersion=$debian_version" "debianSource=$dsc_name" "regexLibrarySource=$onig_dsc" "docsPackage=$docs_deb" \
  "compiler=$compiler_version" "wasiLibc=$wasi_libc_version" "wasmOpt=$wasm_opt_version" "groff=$groff_version"
