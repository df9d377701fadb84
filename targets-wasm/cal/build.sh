#!/usr/bin/env bash
# Build the cal oracle: util-linux's cal compiled for wasm32-wasi, its man page as text, and a native build of the
# same source for the fidelity tests.
#
#   bash targets-wasm/cal/build.sh OUT_DIR
#
# Writes
#   OUT_DIR/oracle.wasm       WASI preview 1 command module (argv[0] should be "cal")
#   OUT_DIR/docs/man.txt      cal(1) as `MANWIDTH=80 man` shows it, plain UTF-8
#   OUT_DIR/native/cal        the same sources built with the host's gcc (fidelity tests compare with it: Debian's
#                             /usr/bin/cal is BSD ncal, and Debian configures util-linux with --disable-cal)
#   OUT_DIR/build-info.json   versions, sizes and checksums (no timestamps: the file is reproducible too)
#
# How: Debian's util-linux source (Debian patches applied) is fetched into build/ (scripts/lib/debian-source.sh).
# Upstream's configure runs twice, only to produce config.h: once with --host=wasm32-wasi, once for the host. Then
# cal.c and the parts of libcommon and libtcolors it uses are compiled with toolchains/wasi-c/wasi-cc (and with gcc
# for the native build), with the same configure options: no ncurses/tinfo (the contract sets no TERM anyway), no
# NLS. wasm-opt -Oz runs afterwards when binaryen is installed.
#
# The man page: no Debian binary package ships util-linux's cal(1) (Debian builds util-linux with --disable-cal), so
# it is rendered from the pre-generated misc-utils/cal.1 of the same Debian source, exactly as uuidparse renders its
# packaged page.
#
# Idempotent: skipped when its inputs are unchanged (source version, toolchain and compat library, this script,
# target.json, wasm-opt, groff and gcc versions). Deterministic: two builds give the same oracle bytes.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
export MIRRORBOX_ROOT=$root
build=${MIRRORBOX_BUILD_DIR:-$root/build}
export MIRRORBOX_BUILD_DIR=$build
work=$build/work/cal

if [ $# -ne 1 ]; then
  echo "usage: bash targets-wasm/cal/build.sh OUT_DIR" >&2
  exit 2
fi
mkdir -p "$1"
out=$(cd "$1" && pwd)

log() { echo "cal: $*" >&2; }
sha() { sha256sum "$1" | cut -d' ' -f1; }

mkdir -p "$(dirname "$work")"
exec 9>"$work.lock"
flock 9

# shellcheck source=SCRIPTDIR/../../scripts/lib/debian-source.sh
source "$root/scripts/lib/debian-source.sh"
# make: configure's checks; groff-base: man page rendering; gcc, libc6-dev: the native build.
ensure_apt_packages make groff-base gzip gcc libc6-dev

# --- target description ------------------------------------------------------------------------------------------
{
  read -r upstream
  read -r version
  read -r debian_source
  read -r program
} < <(node -e '
  const t = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  for (const v of [t.upstream.package, t.upstream.version, t.upstream.debianSource, t.program]) console.log(v);
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
gcc_version=$(gcc --version | sed -n 1p)
compiler_version=$(${WASI_CC_CLANG:-clang-14} --version | sed -n 1p)
wasi_libc_version=$(dpkg-query -W -f='${Version}' wasi-libc)

build_digest=$(
  {
    sha "$here/build.sh"
    sha "$here/target.json"
    echo "$dsc_name" "$compat_digest" "$wasm_opt_version" "$groff_version" "$gcc_version"
  } | sha256sum | cut -d' ' -f1
)
if [ -f "$out/oracle.wasm" ] && [ -f "$out/docs/man.txt" ] && [ -f "$out/build-info.json" ] &&
  [ -x "$out/native/cal" ] && [ "$(cat "$out/.build-digest" 2>/dev/null)" = "$build_digest" ]; then
  log "$out is up to date"
  exit 0
fi

# --- configure (for config.h only), once per host ----------------------------------------------------------------
# Hermetic: no pkg-config, no flags from the environment, no terminal libraries, no NLS.
common_configure_args=(
  CPPFLAGS= LDFLAGS= LIBS= PKG_CONFIG=false
  --disable-all-programs --enable-cal
  --disable-shared --enable-static --disable-nls --disable-asciidoc --disable-bash-completion
  --without-python --without-systemd --without-udev --without-ncursesw --without-ncurses --without-tinfo
  --without-readline --without-cap-ng --without-libz --without-libmagic --without-btrfs --without-econf
  --disable-makeinstall-chown --disable-makeinstall-setuid
)
wasm_configure_args=(
  --host=wasm32-wasi "CC=$cc" CFLAGS=-O2
  AR=/usr/lib/llvm-14/bin/llvm-ar RANLIB=/usr/lib/llvm-14/bin/llvm-ranlib
  "${common_configure_args[@]}"
)
native_configure_args=(CC=gcc CFLAGS=-O2 "${common_configure_args[@]}")

# configure_once DIR ARGS...: run upstream's configure in DIR unless it already ran there with the same inputs.
configure_once() {
  local dir=$1 digest
  shift
  digest=$(printf '%s\n' "$dsc_name" "$compat_digest" "$gcc_version" "$@" | sha256sum | cut -d' ' -f1)
  if [ -f "$dir/config.h" ] && [ "$(cat "$dir/.digest" 2>/dev/null)" = "$digest" ]; then
    log "$(basename "$dir")/config.h is up to date"
    return 0
  fi
  log "running upstream configure in $(basename "$dir") (config.h only)"
  rm -rf "$dir" "$dir.tmp"
  mkdir -p "$dir.tmp"
  if ! (cd "$dir.tmp" && "$src/configure" "$@" >configure.log 2>&1); then
    log "configure failed; see $dir.tmp/configure.log and config.log"
    return 1
  fi
  echo "$digest" >"$dir.tmp/.digest"
  mv "$dir.tmp" "$dir"
}
configure_once "$work/config" "${wasm_configure_args[@]}" &
wasm_cfg_pid=$!
configure_once "$work/native-config" "${native_configure_args[@]}" &
native_cfg_pid=$!
cfg_failed=0
wait "$wasm_cfg_pid" || cfg_failed=1
wait "$native_cfg_pid" || cfg_failed=1
[ "$cfg_failed" = 0 ] || exit 1

# --- compile -----------------------------------------------------------------------------------------------------
# cal_LDADD is libcommon + libtcolors: only the helpers cal reaches are compiled (numbers and timestamps, terminal
# width, multibyte alignment, the colour schemes).
sources=(misc-utils/cal.c lib/strutils.c lib/timeutils.c lib/ttyutils.c lib/mbsalign.c lib/colors.c
  lib/color-names.c)

# build_with COMPILER CONFIG_DIR OBJ_DIR OUTPUT EXTRA_FLAGS...: compile every source and link OUTPUT.
build_with() {
  local compiler=$1 config=$2 obj=$3 output=$4 f object failed=0
  shift 4
  local flags=(-DHAVE_CONFIG_H -I"$config" -I"$src" -include config.h -I"$src/include" -fsigned-char -O2 "$@")
  local objects=()
  rm -rf "$obj"
  mkdir -p "$obj"
  for f in "${sources[@]}"; do
    object=$obj/$(echo "$f" | tr / _ | sed 's/\.c$/.o/')
    objects+=("$object")
    if ! (cd "$config" && "$compiler" "${flags[@]}" -c "$src/$f" -o "$object") 2>"$object.log"; then
      cat "$object.log" >&2
      failed=1
    fi
  done
  [ "$failed" = 0 ] || return 1
  "$compiler" -O2 -o "$output" "${objects[@]}" "${link_flags[@]}"
}

log "compiling ${#sources[@]} files for wasm32-wasi and for the host"
# getpid(): wasi-libc's emulation (libtcolors' debug output, TERMINAL_COLORS_DEBUG, prints it). --strip-debug:
# wasi-libc's archive members carry DWARF; the name section stays (readable trap stack traces).
# shellcheck disable=SC2054 # a -Wl, flag
link_flags=(-lwasi-emulated-getpid -Wl,--strip-debug)
build_with "$cc" "$work/config" "$work/obj" "$work/obj/linked.wasm" -D_WASI_EMULATED_GETPID &
wasm_pid=$!
(
  link_flags=()
  build_with gcc "$work/native-config" "$work/native-obj" "$work/native-obj/cal" -ffile-prefix-map="$root"=.
) &
native_pid=$!
failed=0
wait "$wasm_pid" || failed=1
wait "$native_pid" || failed=1
if [ "$failed" != 0 ]; then
  log "compilation failed"
  exit 1
fi

# --- optimise ------------------------------------------------------------------------------------------------------
obj=$work/obj
if [ -n "$wasm_opt" ]; then
  log "wasm-opt -Oz ($wasm_opt_version)"
  "$wasm_opt" -Oz "$obj/linked.wasm" -o "$obj/oracle.wasm"
else
  log "wasm-opt not found (package binaryen): keeping the unoptimised module"
  cp "$obj/linked.wasm" "$obj/oracle.wasm"
fi

# --- man page ----------------------------------------------------------------------------------------------------
# As `MANWIDTH=80 man -l` prints it: tbl, 78-column lines, one continuous page, runs of blank lines squeezed;
# -P-cbou: plain text (no SGR, no overstrike bold/underline).
LC_ALL=C groff -t -man -Tutf8 -P-cbou -rcR=1 -rLL=78n -rLT=78n <"$src/misc-utils/cal.1" |
  cat -s >"$obj/man.txt"
if LC_ALL=C grep -q $'[\b\033]' "$obj/man.txt"; then
  log "rendered man page still contains control sequences"
  exit 1
fi

# --- outputs -----------------------------------------------------------------------------------------------------
mkdir -p "$out/docs" "$out/native"
rm -f "$out/.build-digest"
cp "$obj/oracle.wasm" "$out/oracle.wasm.tmp" && mv -f "$out/oracle.wasm.tmp" "$out/oracle.wasm"
cp "$obj/man.txt" "$out/docs/man.txt.tmp" && mv -f "$out/docs/man.txt.tmp" "$out/docs/man.txt"
cp "$work/native-obj/cal" "$out/native/cal.tmp" && mv -f "$out/native/cal.tmp" "$out/native/cal"

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
    docsSource: v.docsSource,
    compiler: v.compiler,
    wasiLibc: v.wasiLibc,
    wasmOpt: v.wasmOpt === "none" ? null : v.wasmOpt,
    groff: v.groff,
    nativeCompiler: v.gcc,
    sizes: { linked: +v.linked, oracle: +v.oracle, oracleGzip: +v.oracleGzip, manTxt: +v.manTxt },
    sha256: { oracle: v.oracleSha, manTxt: v.manSha },
  };
  require("fs").writeFileSync(file, JSON.stringify(info, null, 2) + "\n");
' "$out/build-info.json.tmp" \
  "target=$program" "upstream=$upstream" "version=$version" "debianVersion=$debian_version" \
  "debianSource=$dsc_name" "docsSource=misc-utils/cal.1 of $dsc_name" \
  "compiler=$compiler_version" "wasiLibc=$wasi_libc_version" "wasmOpt=$wasm_opt_version" "groff=$groff_version" \
  "gcc=$gcc_version" \
  "linked=$(size "$obj/linked.wasm")" "oracle=$(size "$out/oracle.wasm")" \
  "oracleGzip=$(gzip -9n <"$out/oracle.wasm" | wc -c)" "manTxt=$(size "$out/docs/man.txt")" \
  "oracleSha=$(sha "$out/oracle.wasm")" "manSha=$(sha "$out/docs/man.txt")"
mv -f "$out/build-info.json.tmp" "$out/build-info.json"
echo "$build_digest" >"$out/.build-digest"
log "wrote $out/oracle.wasm ($(size "$out/oracle.wasm") bytes), docs/man.txt, native/cal, build-info.json"
