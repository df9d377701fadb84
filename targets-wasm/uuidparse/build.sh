#!/usr/bin/env bash
# Build the uuidparse oracle: util-linux's uuidparse compiled for wasm32-wasi, plus its man page as text.
#
#   bash targets-wasm/uuidparse/build.sh OUT_DIR
#
# Writes
#   OUT_DIR/oracle.wasm       WASI preview 1 command module (argv[0] should be "uuidparse")
#   OUT_DIR/docs/man.txt      uuidparse(1) from Debian's binary package, as `MANWIDTH=80 man` shows it, plain UTF-8
#   OUT_DIR/build-info.json   versions, sizes and checksums (no timestamps: the file is reproducible too)
#
# How: Debian's util-linux source (Debian patches applied) is fetched into build/ (scripts/lib/debian-source.sh).
# Upstream's configure runs with --host=wasm32-wasi only to produce config.h (a full `make` fails: libcommon does not
# build for WASI); then uuidparse.c and the parts of libcommon, libuuid and libsmartcols it uses are compiled with
# toolchains/wasi-c/wasi-cc and linked with the team's compat library. wasm-opt -Oz runs afterwards when binaryen is
# installed (wasi-cc keeps clang from running it on its own, so the result never depends on that).
#
# Idempotent: every step is skipped when its inputs are unchanged (source version, toolchain and compat library,
# this script, target.json, wasm-opt and groff versions). The output is deterministic: two builds give the same bytes.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
export MIRRORBOX_ROOT=$root
build=${MIRRORBOX_BUILD_DIR:-$root/build}
export MIRRORBOX_BUILD_DIR=$build
work=$build/work/uuidparse

if [ $# -ne 1 ]; then
  echo "usage: bash targets-wasm/uuidparse/build.sh OUT_DIR" >&2
  exit 2
fi
mkdir -p "$1"
out=$(cd "$1" && pwd)

log() { echo "uuidparse: $*" >&2; }
sha() { sha256sum "$1" | cut -d' ' -f1; }

# One build at a time per build dir: they share build/work/uuidparse/.
mkdir -p "$(dirname "$work")"
exec 9>"$work.lock"
flock 9

# shellcheck source=SCRIPTDIR/../../scripts/lib/debian-source.sh
source "$root/scripts/lib/debian-source.sh"
# make: configure's checks; groff-base: man page rendering.
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

# --- configure (for config.h only) -------------------------------------------------------------------------------
# Hermetic: no pkg-config (host .pc files must not enable features), no flags from the environment. getpid() is
# wasi-libc's emulation (libsmartcols' debug output prints it).
configure_args=(
  --host=wasm32-wasi
  "CC=$cc" CFLAGS="-O2 -D_WASI_EMULATED_GETPID" CPPFLAGS= LDFLAGS= LIBS=-lwasi-emulated-getpid
  AR=/usr/lib/llvm-14/bin/llvm-ar RANLIB=/usr/lib/llvm-14/bin/llvm-ranlib PKG_CONFIG=false
  --disable-all-programs --enable-libuuid --enable-libsmartcols
  --disable-shared --enable-static --disable-nls --disable-asciidoc --disable-bash-completion
  --without-python --without-systemd --without-udev --without-ncursesw --without-tinfo --without-readline
  --without-cap-ng --without-libz --without-libmagic --without-btrfs --without-econf
  --disable-makeinstall-chown --disable-makeinstall-setuid
)
config_digest=$(printf '%s\n' "$dsc_name" "$compat_digest" "${configure_args[@]}" | sha256sum | cut -d' ' -f1)
config=$work/config
if [ -f "$config/config.h" ] && [ "$(cat "$config/.digest" 2>/dev/null)" = "$config_digest" ]; then
  log "config.h is up to date"
else
  log "running upstream configure --host=wasm32-wasi (config.h only)"
  rm -rf "$config" "$config.tmp"
  mkdir -p "$config.tmp"
  if ! (cd "$config.tmp" && "$src/configure" "${configure_args[@]}" >configure.log 2>&1); then
    log "configure failed; see $config.tmp/configure.log and config.log"
    exit 1
  fi
  echo "$config_digest" >"$config.tmp/.digest"
  mv "$config.tmp" "$config"
fi

# --- compile -----------------------------------------------------------------------------------------------------
# uuidparse_LDADD is libcommon + libuuid + libsmartcols. Only what the program reaches is compiled:
#  * libcommon: the six helpers uuidparse and libsmartcols call (the rest of libcommon is process, mount, signal
#    and terminal code that does not build for WASI);
#  * libuuid: everything but the generator (gen_uuid.c, predefined.c: uuidd sockets, clocks), never called here;
#  * libsmartcols: all of it.
common_sources=(lib/buffer.c lib/jsonwrt.c lib/mbsalign.c lib/strutils.c lib/timeutils.c lib/ttyutils.c)
libuuid_sources=(clear compare copy isnull pack parse unpack unparse uuid_time)
libuuid_sources=("${libuuid_sources[@]/#/libuuid/src/}")
libuuid_sources=("${libuuid_sources[@]/%/.c}")
libsmartcols_sources=(iter symbols cell column line table print print-api version calculate grouping walk init)
libsmartcols_sources=("${libsmartcols_sources[@]/#/libsmartcols/src/}")
libsmartcols_sources=("${libsmartcols_sources[@]/%/.c}")
program_sources=(misc-utils/uuidparse.c)

# As upstream's Makefile: DEFS, AM_CPPFLAGS, AM_CFLAGS (without its warning list) and the per-library includes.
base_flags=(-DHAVE_CONFIG_H -I"$config" -I"$src" -include config.h -I"$src/include" -fsigned-char
  -O2 -D_WASI_EMULATED_GETPID)
libuuid_flags=(-I"$src/libuuid/src")
libsmartcols_flags=(-I"$config/libsmartcols/src" -I"$src/libsmartcols/src")

obj=$work/obj
rm -rf "$obj"
mkdir -p "$obj"
jobs=$(nproc 2>/dev/null || echo 2)
log "compiling $((${#program_sources[@]} + ${#common_sources[@]} + ${#libuuid_sources[@]} + ${#libsmartcols_sources[@]})) files"

objects=()
pids=()
failed=0
# compile SOURCE EXTRA_FLAGS...: compile in the background, at most $jobs at a time.
compile() {
  local source=$1 object
  shift
  object=$obj/$(echo "$source" | tr / _ | sed 's/\.c$/.o/')
  objects+=("$object")
  (cd "$config" && "$cc" "${base_flags[@]}" "$@" -c "$src/$source" -o "$object") 2>"$object.log" &
  pids+=($!)
  if [ "${#pids[@]}" -ge "$jobs" ]; then
    wait "${pids[0]}" || failed=1
    pids=("${pids[@]:1}")
  fi
}
for f in "${program_sources[@]}"; do compile "$f" "${libuuid_flags[@]}" "${libsmartcols_flags[@]}"; done
for f in "${common_sources[@]}"; do compile "$f"; done
for f in "${libuuid_sources[@]}"; do compile "$f" "${libuuid_flags[@]}"; done
for f in "${libsmartcols_sources[@]}"; do compile "$f" "${libsmartcols_flags[@]}"; done
for p in "${pids[@]}"; do wait "$p" || failed=1; done
if [ "$failed" != 0 ]; then
  cat "$obj"/*.log >&2
  log "compilation failed"
  exit 1
fi

# --- link, optimise ----------------------------------------------------------------------------------------------
# --strip-debug: wasi-libc's archive members carry DWARF; the name section stays (readable trap stack traces).
"$cc" -O2 -o "$obj/linked.wasm" "${objects[@]}" -lwasi-emulated-getpid -Wl,--strip-debug
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
