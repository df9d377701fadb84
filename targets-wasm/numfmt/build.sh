#!/usr/bin/env bash
# Build the numfmt oracle: GNU coreutils' numfmt compiled for wasm32-wasi, plus its man page as text.
#
#   bash targets-wasm/numfmt/build.sh OUT_DIR
#
# Writes
#   OUT_DIR/oracle.wasm       WASI preview 1 command module (argv[0] should be "numfmt")
#   OUT_DIR/docs/man.txt      numfmt(1) from Debian's coreutils package, as `MANWIDTH=80 man` shows it, plain UTF-8
#   OUT_DIR/build-info.json   versions, sizes and checksums (no timestamps: the file is reproducible too)
#
# How: Debian's coreutils source (Debian patches applied) is fetched into build/ (scripts/lib/debian-source.sh).
# Upstream's configure runs with --host=wasm32-wasi out of tree in build/work/numfmt/; gnulib's generated headers
# (BUILT_SOURCES) are made, then only numfmt's own objects and the gnulib objects it links are compiled with `make`
# (the full libcoreutils.a does not build for WASI: mount lists, fts, pthreads, getaddrinfo...), and linked by hand
# as upstream's Makefile links src/numfmt. wasm-opt -Oz runs afterwards when binaryen is installed.
#
# Configure answers given for WASI (none changes numfmt's output):
#  * signals and process clocks through wasi-libc's emulations (gnulib's headers include <signal.h>, call clock());
#  * the mounted-file-system probe is answered "getmntent" (configure stops otherwise; numfmt lists no mounts and
#    mountlist.c is never compiled);
#  * getopt is taken as GNU-compatible: toolchains/wasi-c's compat getopt is glibc's behaviour, messages included
#    (gnulib's replacement would need flockfile);
#  * fcntl's F_DUPFD probes and getdtablesize as present (gnulib's fcntl stand-in collides with WASI's F_GETFD);
#    setlocale(NULL) is thread-safe (no threads); the C11 probe "none needed" (clang-14 defaults to gnu17);
#  * gnulib's <signal.h> insists on NSIG <= 32 when it emulates signal blocking, and wasi-libc's NSIG is 65:
#    the check is switched off (GNULIB_defined_verify_NSIG_constraint); numfmt blocks no signals.
# wasi-libc's printf has no long double support unless linked with -lc-printscan-long-double; configure notices and
# gnulib's vasnprintf formats long doubles instead (exact decimal conversion, as glibc's).
#
# Idempotent: every step is skipped when its inputs are unchanged. Deterministic: two builds give the same bytes.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
export MIRRORBOX_ROOT=$root
build=${MIRRORBOX_BUILD_DIR:-$root/build}
export MIRRORBOX_BUILD_DIR=$build
work=$build/work/numfmt

if [ $# -ne 1 ]; then
  echo "usage: bash targets-wasm/numfmt/build.sh OUT_DIR" >&2
  exit 2
fi
mkdir -p "$1"
out=$(cd "$1" && pwd)

log() { echo "numfmt: $*" >&2; }
sha() { sha256sum "$1" | cut -d' ' -f1; }

mkdir -p "$(dirname "$work")"
exec 9>"$work.lock"
flock 9

# shellcheck source=SCRIPTDIR/../../scripts/lib/debian-source.sh
source "$root/scripts/lib/debian-source.sh"
# make: configure and the build; groff-base: man page rendering.
ensure_apt_packages make groff-base gzip

# --- target description ------------------------------------------------------------------------------------------
{
  read -r upstream
  read -r version
  read -r debian_source
  read -r docs_package
  read -r man_page
  read -r program
} < <(node -e '
  const t = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  for (const v of [t.upstream.package, t.upstream.version, t.upstream.debianSource,
                   t.docsPackage || t.upstream.binaryPackage, t.manPage, t.program]) console.log(v);
' "$here/target.json")

# --- toolchain, sources ------------------------------------------------------------------------------------------
bash "$root/toolchains/wasi-c/build-compat.sh" >/dev/null
cc=$root/toolchains/wasi-c/wasi-cc
compat_digest=$(cat "$build/toolchains/wasi-compat/.inputs.sha256")

src=$(debian_source "$debian_source" "$build/src" | tail -1)
dsc_name=$(cat "$src/.mirrorbox-source")
debian_version=$(awk '$1 == "Version:" { print $2; exit }' "$build/sources/$dsc_name")
upstream_version=${debian_version#*:}
upstream_version=${upstream_version%-*}
if [ "$upstream_version" != "$version" ]; then
  log "Debian now serves $debian_source $debian_version, but target.json pins upstream $version: update the target"
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
    echo "$dsc_name" "$compat_digest" "$wasm_opt_version" "$groff_version"
  } | sha256sum | cut -d' ' -f1
)
if [ -f "$out/oracle.wasm" ] && [ -f "$out/docs/man.txt" ] && [ -f "$out/build-info.json" ] &&
  [ "$(cat "$out/.build-digest" 2>/dev/null)" = "$build_digest" ]; then
  log "$out is up to date"
  exit 0
fi

# --- configure ---------------------------------------------------------------------------------------------------
# Hermetic: no pkg-config, no flags from the environment. See the header for the cache answers.
cppflags="-D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS -DGNULIB_defined_verify_NSIG_constraint=1"
libs="-lwasi-emulated-signal -lwasi-emulated-process-clocks"
# shellcheck disable=SC2054 # commas inside -Wl, flags
configure_args=(
  --host=wasm32-wasi
  "CC=$cc" CFLAGS=-O2 "CPPFLAGS=$cppflags" LDFLAGS=-Wl,--strip-debug "LIBS=$libs"
  AR=/usr/lib/llvm-14/bin/llvm-ar RANLIB=/usr/lib/llvm-14/bin/llvm-ranlib PKG_CONFIG=false
  --disable-threads --disable-nls --disable-acl --disable-xattr --disable-libcap --disable-libsmack
  --without-selinux --without-openssl --without-libgmp --disable-dependency-tracking
  ac_cv_prog_cc_c11=
  ac_cv_func_getmntent=yes fu_cv_sys_mounted_getmntent1=yes
  gl_cv_func_getopt_posix=yes gl_cv_func_getopt_gnu=yes
  gl_cv_func_fcntl_f_dupfd_works=yes gl_cv_func_fcntl_f_dupfd_cloexec=yes
  ac_cv_func_getdtablesize=yes ac_cv_have_decl_getdtablesize=yes gl_cv_func_getdtablesize_works=yes
  gl_cv_func_setlocale_null_all_mtsafe=yes gl_cv_func_setlocale_null_one_mtsafe=yes
)
config_digest=$(printf '%s\n' "$dsc_name" "$compat_digest" "${configure_args[@]}" | sha256sum | cut -d' ' -f1)
tree=$work/tree
if [ -f "$tree/config.h" ] && [ "$(cat "$tree/.digest" 2>/dev/null)" = "$config_digest" ]; then
  log "configure is up to date"
else
  log "running upstream configure --host=wasm32-wasi"
  rm -rf "$tree"
  mkdir -p "$tree"
  if ! (cd "$tree" && "$src/configure" "${configure_args[@]}" >configure.log 2>&1); then
    log "configure failed; see $tree/configure.log and config.log"
    exit 1
  fi
  echo "$config_digest" >"$tree/.digest"
fi

# --- build -------------------------------------------------------------------------------------------------------
# numfmt_SOURCES (numfmt.c, set-fields.c) and src/libver.a's version.c, plus exactly the members of libcoreutils.a
# that the link pulls in (found with wasm-ld --trace against every gnulib object that builds for WASI).
program_objects=(src/numfmt.o src/set-fields.o src/version.o)
gnulib_objects=(
  calloc.o malloc.o realloc.o printf-args.o printf-parse.o snprintf.o vasnprintf.o vfprintf.o
  argmatch basename-lgpl close-stream close closeout error exitfail fchdir fclose fdopendir fflush filenamecat-lgpl
  fpurge free fseeko fstat fstatat getcwd getdelim getprogname hard-locale localcharset lstat mbrtowc mbsalign
  nl_langinfo openat printf-frexp printf-frexpl progname quotearg reallocarray setlocale_null signbitd signbitl stat
  version-etc-fsf version-etc wcswidth wcwidth uniwidth/width xalloc-die xmalloc xstrtol xstrtoumax
)
objects=("${program_objects[@]}")
for o in "${gnulib_objects[@]}"; do
  case $o in
    *.o) objects+=("lib/$o") ;;
    */*) objects+=("lib/${o%/*}/libcoreutils_a-${o##*/}.o") ;;
    *) objects+=("lib/libcoreutils_a-$o.o") ;;
  esac
done

jobs=$(nproc 2>/dev/null || echo 2)
# shellcheck disable=SC2016 # $(BUILT_SOURCES) is for make
built_sources=$(make -C "$tree" -s --no-print-directory --eval='mirrorbox-built-sources: ; @echo $(BUILT_SOURCES)' \
  mirrorbox-built-sources)
log "make: gnulib headers, then ${#objects[@]} objects (-j$jobs)"
# shellcheck disable=SC2086 # a list of make targets
if ! make -C "$tree" -j"$jobs" $built_sources >"$work/make.log" 2>&1 ||
  ! make -C "$tree" -j"$jobs" "${objects[@]}" >>"$work/make.log" 2>&1; then
  tail -40 "$work/make.log" >&2
  log "make failed; see $work/make.log"
  exit 1
fi

obj=$work/obj
rm -rf "$obj"
mkdir -p "$obj"
archive=$obj/libnumfmt-gnulib.a
(cd "$tree" && /usr/lib/llvm-14/bin/llvm-ar rcD "$archive" "${objects[@]:${#program_objects[@]}}")
# shellcheck disable=SC2086 # $libs is a list of flags
(cd "$tree" && "$cc" -O2 -Wl,--strip-debug -o "$obj/linked.wasm" "${program_objects[@]}" "$archive" $libs)
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
# -P-cbou: plain text (no SGR, no overstrike bold/underline).
zcat "$man_source" |
  LC_ALL=C groff -t -man -Tutf8 -P-cbou -rcR=1 -rLL=78n -rLT=78n |
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
  "debianSource=$dsc_name" "docsPackage=$(basename "$docs_root").deb" \
  "compiler=$compiler_version" "wasiLibc=$wasi_libc_version" "wasmOpt=$wasm_opt_version" "groff=$groff_version" \
  "linked=$(size "$obj/linked.wasm")" "oracle=$(size "$out/oracle.wasm")" \
  "oracleGzip=$(gzip -9n <"$out/oracle.wasm" | wc -c)" "manTxt=$(size "$out/docs/man.txt")" \
  "oracleSha=$(sha "$out/oracle.wasm")" "manSha=$(sha "$out/docs/man.txt")"
mv -f "$out/build-info.json.tmp" "$out/build-info.json"
echo "$build_digest" >"$out/.build-digest"
log "wrote $out/oracle.wasm ($(size "$out/oracle.wasm") bytes), docs/man.txt, build-info.json"
