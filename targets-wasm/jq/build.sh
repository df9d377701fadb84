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
# this script, target.json, strftime-utc.c, wasm-opt and groff versions). Deterministic: two builds give the same
# bytes.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
export MIRRORBOX_ROOT=$root
build=${MIRRORBOX_BUILD_DIR:-$root/build}
export MIRRORBOX_BUILD_DIR=$build
work=$build/work/jq

if [ $# -ne 1 ]; then
  echo "usage: bash targets-wasm/jq/build.sh OUT_DIR" >&2
  exit 2
fi
mkdir -p "$1"
out=$(cd "$1" && pwd)

log() { echo "jq: $*" >&2; }
sha() { sha256sum "$1" | cut -d' ' -f1; }

# One build at a time per build dir: they share build/work/jq/.
mkdir -p "$(dirname "$work")"
exec 9>"$work.lock"
flock 9

# shellcheck source=SCRIPTDIR/../../scripts/lib/debian-source.sh
source "$root/scripts/lib/debian-source.sh"
# groff-base: man page rendering.
ensure_apt_packages groff-base gzip

# --- target description ------------------------------------------------------------------------------------------
{
  read -r upstream
  read -r version
  read -r debian_source
  read -r pinned_version
  read -r onig_source
  read -r onig_version
  read -r docs_package
  read -r man_page
  read -r program
} < <(node -e '
  const t = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  for (const v of [t.upstream.package, t.upstream.version, t.upstream.debianSource, t.debianVersion,
                   t.regexLibrary.debianSource, t.regexLibrary.version,
                   t.docsPackage || t.upstream.binaryPackage, t.manPage, t.program]) console.log(v);
' "$here/target.json")

# --- toolchain, sources ------------------------------------------------------------------------------------------
bash "$root/toolchains/wasi-c/build-compat.sh" >/dev/null
cc=$root/toolchains/wasi-c/wasi-cc
compat_digest=$(cat "$build/toolchains/wasi-compat/.inputs.sha256")

# upstream_of DSC_NAME: the upstream part of the version in build/sources/DSC_NAME.
upstream_of() {
  local v
  v=$(awk '$1 == "Version:" { print $2; exit }' "$build/sources/$1")
  v=${v#*:}
  echo "${v%-*}"
}

src=$(debian_source "$debian_source=$pinned_version" "$build/src" | tail -1)
dsc_name=$(cat "$src/.mirrorbox-source")
debian_version=$(awk '$1 == "Version:" { print $2; exit }' "$build/sources/$dsc_name")
if [ "$(upstream_of "$dsc_name")" != "$version" ]; then
  log "$dsc_name is not upstream $version (target.json): update the target"
  exit 1
fi
onig=$(debian_source "$onig_source" "$build/src" | tail -1)
onig_dsc=$(cat "$onig/.mirrorbox-source")
if [ "$(upstream_of "$onig_dsc")" != "$onig_version" ]; then
  log "Debian now serves $onig_dsc, but target.json pins $onig_source $onig_version: update the target"
  exit 1
fi

wasm_opt=$(command -v wasm-opt || true)
wasm_opt_version=none
[ -n "$wasm_opt" ] && wasm_opt_version=$("$wasm_opt" --version)
groff_version=$(groff --version | sed -n 1p)
compiler_version=$(${WASI_CC_CLANG:-clang-14} --version | sed -n 1p)
wasi_libc_version=$(dpkg-query -W -f='${Version}' wasi-libc)

build_digest=$(
  {
    sha "$here/build.sh"
    sha "$here/target.json"
    sha "$here/strftime-utc.c"
    sha "$here/include/pthread.h"
    echo "$dsc_name" "$onig_dsc" "$compat_digest" "$wasm_opt_version" "$groff_version"
  } | sha256sum | cut -d' ' -f1
)
if [ -f "$out/oracle.wasm" ] && [ -f "$out/docs/man.txt" ] && [ -f "$out/build-info.json" ] &&
  [ "$(cat "$out/.build-digest" 2>/dev/null)" = "$build_digest" ]; then
  log "$out is up to date"
  exit 0
fi

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

jobs=$(nproc 2>/dev/null || echo 2)
log "compiling ${#onig_sources[@]} Oniguruma files and $((${#jq_sources[@]} + 1)) jq files"
objects=()
pids=()
failed=0
# compile SOURCE OBJECT FLAGS...: compile in the background, at most $jobs at a time.
compile() {
  local source=$1 object=$2
  shift 2
  objects+=("$object")
  "$cc" "$@" -c "$source" -o "$object" 2>"$object.log" &
  pids+=($!)
  if [ "${#pids[@]}" -ge "$jobs" ]; then
    wait "${pids[0]}" || failed=1
    pids=("${pids[@]:1}")
  fi
}
for f in "${onig_sources[@]}"; do compile "$onig/src/$f.c" "$obj/onig_$f.o" "${onig_flags[@]}"; done
for f in "${jq_sources[@]}"; do
  extra=()
  [ "$f" = builtin ] && extra=(-Dgamma=lgamma -Dstrftime=mirrorbox_jq_strftime)
  compile "$src/src/$f.c" "$obj/jq_$f.o" "${jq_flags[@]}" "${extra[@]}"
done
compile "$here/strftime-utc.c" "$obj/strftime_utc.o" -O2 -Wall -Wextra -Werror
for p in "${pids[@]}"; do wait "$p" || failed=1; done
if [ "$failed" != 0 ]; then
  cat "$obj"/*.log >&2
  log "compilation failed"
  exit 1
fi

# --- link, optimise ----------------------------------------------------------------------------------------------
# --strip-debug: wasi-libc's archive members carry DWARF; the name section stays (readable trap stack traces).
# A stack of 8 MiB, as Linux gives the native program (wasm-ld's default is 64 KiB): jq's parser and printer recurse
# once per nesting level, and deeply nested input (up to jq's own parsing depth limit) must not trap.
"$cc" -O2 -o "$obj/linked.wasm" "${objects[@]}" -lm -lwasi-emulated-getpid -Wl,--strip-debug \
  -Wl,-z,stack-size=8388608
if [ -n "$wasm_opt" ]; then
  log "wasm-opt -Oz ($wasm_opt_version)"
  "$wasm_opt" -Oz "$obj/linked.wasm" -o "$obj/oracle.wasm"
else
  log "wasm-opt not found (package binaryen): keeping the unoptimised module"
  cp "$obj/linked.wasm" "$obj/oracle.wasm"
fi

# --- man page ----------------------------------------------------------------------------------------------------
docs_root=$(debian_binary_extract "$docs_package=$debian_version" | tail -1)
man_source=$docs_root/$man_page
[ -f "$man_source" ] || { log "no $man_page in $docs_package"; exit 1; }
# As `MANWIDTH=80 man -l` prints it: tbl, 78-column lines, one continuous page, runs of blank lines squeezed;
# -P-cbou: plain text (no SGR, no overstrike bold/underline). tbl warns about the page's malformed tables, as
# `man` does: its messages go to groff.log.
zcat "$man_source" |
  LC_ALL=C groff -t -man -Tutf8 -P-cbou -rcR=1 -rLL=78n -rLT=78n 2>"$obj/groff.log" |
  cat -s >"$obj/man.txt"
if LC_ALL=C grep -q $'[\b\033]' "$obj/man.txt"; then
  log "rendered man page still contains control sequences"
  exit 1
fi

# --- outputs -----------------------------------------------------------------------------------------------------
mkdir -p "$out/docs"
rm -f "$out/.build-digest"
cp "$obj/oracle.wasm" "$out/oracle.wasm.tmp" && mv -f "$out/oracle.wasm.tmp" "$out/oracle.wasm"
cp "$obj/man.txt" "$out/docs/man.txt.tmp" && mv -f "$out/docs/man.txt.tmp" "$out/docs/man.txt"

size() { stat -c %s "$1"; }
node -e '
  const [file, ...kv] = process.argv.slice(1);
  const v = Object.fromEntries(kv.map((s) => [s.slice(0, s.indexOf("=")), s.slice(s.indexOf("=") + 1)]));
  const info = {
    target: v.target,
    upstream: v.upstream,
    version: v.version,
    debianVersion: v.debianVersion,
    debianSource: v.debianSource,
    regexLibrarySource: v.onigSource,
    docsPackage: v.docsPackage,
    compiler: v.compiler,
    wasiLibc: v.wasiLibc,
    wasmOpt: v.wasmOpt === "none" ? null : v.wasmOpt,
    groff: v.groff,
    sizes: { linked: +v.linked, oracle: +v.oracle, oracleGzip: +v.oracleGzip, manTxt: +v.manTxt },
    sha256: { oracle: v.oracleSha, manTxt: v.manSha },
  };
  require("fs").writeFileSync(file, JSON.stringify(info, null, 2) + "\n");
' "$out/build-info.json.tmp" \
  "target=$program" "upstream=$upstream" "version=$version" "debianVersion=$debian_version" \
  "debianSource=$dsc_name" "onigSource=$onig_dsc" "docsPackage=$(basename "$docs_root").deb" \
  "compiler=$compiler_version" "wasiLibc=$wasi_libc_version" "wasmOpt=$wasm_opt_version" "groff=$groff_version" \
  "linked=$(size "$obj/linked.wasm")" "oracle=$(size "$out/oracle.wasm")" \
  "oracleGzip=$(gzip -9n <"$out/oracle.wasm" | wc -c)" "manTxt=$(size "$out/docs/man.txt")" \
  "oracleSha=$(sha "$out/oracle.wasm")" "manSha=$(sha "$out/docs/man.txt")"
mv -f "$out/build-info.json.tmp" "$out/build-info.json"
echo "$build_digest" >"$out/.build-digest"
log "wrote $out/oracle.wasm ($(size "$out/oracle.wasm") bytes), docs/man.txt, build-info.json"
