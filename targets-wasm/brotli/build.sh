#!/usr/bin/env bash
# Build the brotli oracle: Debian's brotli 1.0.9 command-line tool compiled for wasm32-wasi, plus its man page as text.
#
#   bash targets-wasm/brotli/build.sh OUT_DIR
#
# Writes
#   OUT_DIR/oracle.wasm       WASI preview 1 command module (argv[0] should be "brotli"; tests use it with -d / -t)
#   OUT_DIR/docs/man.txt      brotli(1) from Debian's binary package, as `MANWIDTH=80 man` shows it, plain UTF-8
#   OUT_DIR/build-info.json   versions, sizes and checksums (no timestamps: the file is reproducible too)
#
# Which Debian version: bookworm's main archive serves brotli 1.0.9-2 (binary 1.0.9-2+b6). bookworm-security lists a
# newer 1.0.9-2+deb12u1 (a decoder fix: "detect and report invalid stream earlier") whose source files the archive
# does not serve (404), so the recipe pins the main-archive source (`brotli/bookworm`) and takes the man page from the
# binary package built from it. The fidelity tests compare with the installed /usr/bin/brotli, which apt makes
# 1.0.9-2+deb12u1: it gave the same bytes as 1.0.9-2+b6 on every case of the suite (checked when the suite was made).
#
# How: brotli has no configuration step; upstream's own build (CMake, or the plain Makefile) compiles every .c of
# c/common, c/dec, c/enc and c/tools/brotli.c into one program. So does this recipe, with
# toolchains/wasi-c/wasi-cc and the team's compat library (chmod and chown, which the tool calls to copy the input's
# attributes onto its output, are stand-ins there). wasm-opt -Oz runs afterwards when binaryen is installed.
#
# Idempotent: every step is skipped when its inputs are unchanged (source version, toolchain and compat library,
# this script, target.json, wasm-opt and groff versions). The output is deterministic: two builds give the same bytes.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
export MIRRORBOX_ROOT=$root
build=${MIRRORBOX_BUILD_DIR:-$root/build}
export MIRRORBOX_BUILD_DIR=$build
work=$build/work/brotli

if [ $# -ne 1 ]; then
  echo "usage: bash targets-wasm/brotli/build.sh OUT_DIR" >&2
  exit 2
fi
mkdir -p "$1"
out=$(cd "$1" && pwd)

log() { echo "brotli: $*" >&2; }
sha() { sha256sum "$1" | cut -d' ' -f1; }

# One build at a time per build dir: they share build/work/brotli/.
mkdir -p "$(dirname "$work")"
exec 9>"$work.lock"
flock 9

# shellcheck source=SCRIPTDIR/../../scripts/lib/debian-source.sh
source "$root/scripts/lib/debian-source.sh"
# groff-base: man page rendering.
ensure_apt_packages groff-base gzip

# --- target description ------------------------------------------------------------------------------------------
{
  read -r version
  read -r debian_source
  read -r docs_package
  read -r program
} < <(node -e '
  const t = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  for (const v of [t.upstream.version, t.upstream.debianSource, t.upstream.binaryPackage, t.program])
    console.log(v);
' "$here/target.json")
# The suite the sources and binaries are taken from (see the header: not bookworm-security).
suite=bookworm

# --- toolchain, sources ------------------------------------------------------------------------------------------
bash "$root/toolchains/wasi-c/build-compat.sh" >/dev/null
cc=$root/toolchains/wasi-c/wasi-cc
compat_digest=$(cat "$build/toolchains/wasi-compat/.inputs.sha256")

src=$(debian_source "$debian_source/$suite" "$build/src" | tail -1)
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

# --- compile -----------------------------------------------------------------------------------------------------
# All of c/: the shared dictionary and tables (common), the decoder, the encoder (the tool links both) and the tool.
mapfile -t sources < <(cd "$src" && find c/common c/dec c/enc -name '*.c' | LC_ALL=C sort)
sources+=(c/tools/brotli.c)
flags=(-O2 -I"$src/c/include" -DNDEBUG)

obj=$work/obj
rm -rf "$obj"
mkdir -p "$obj"
jobs=$(nproc 2>/dev/null || echo 2)
log "compiling ${#sources[@]} files"

objects=()
pids=()
failed=0
for source in "${sources[@]}"; do
  object=$obj/$(echo "$source" | tr / _ | sed 's/\.c$/.o/')
  objects+=("$object")
  (cd "$src" && "$cc" "${flags[@]}" -c "$source" -o "$object") 2>"$object.log" &
  pids+=($!)
  if [ "${#pids[@]}" -ge "$jobs" ]; then
    wait "${pids[0]}" || failed=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do wait "$p" || failed=1; done
if [ "$failed" != 0 ]; then
  cat "$obj"/*.log >&2
  log "compilation failed"
  exit 1
fi

# --- link, optimise ----------------------------------------------------------------------------------------------
# --strip-debug: wasi-libc's archive members carry DWARF; the name section stays (readable trap stack traces).
"$cc" -O2 -o "$obj/linked.wasm" "${objects[@]}" -lm -Wl,--strip-debug
if [ -n "$wasm_opt" ]; then
  log "wasm-opt -Oz ($wasm_opt_version)"
  "$wasm_opt" -Oz "$obj/linked.wasm" -o "$obj/oracle.wasm"
else
  log "wasm-opt not found (package binaryen): keeping the unoptimised module"
  cp "$obj/linked.wasm" "$obj/oracle.wasm"
fi

# --- Debian's binary package: the man page -----------------------------------------------------------------------
deb_root=$(debian_binary_extract "$docs_package/$suite" | tail -1)
deb_name=$(cat "$deb_root/.mirrorbox-deb")
case $deb_name in
  "${docs_package}_${debian_version}_"* | "${docs_package}_${debian_version}+b"[0-9]*) ;;
  *)
    log "binary package $deb_name is not built from source $debian_version"
    exit 1
    ;;
esac
man_source=$deb_root/usr/share/man/man1/brotli.1.gz
[ -f "$man_source" ] || { log "no brotli.1.gz in $deb_name"; exit 1; }
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
    upstream: "brotli",
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
  "target=$program" "version=$version" "debianVersion=$debian_version" \
  "debianSource=$dsc_name" "docsPackage=$deb_name" \
  "compiler=$compiler_version" "wasiLibc=$wasi_libc_version" "wasmOpt=$wasm_opt_version" "groff=$groff_version" \
  "linked=$(size "$obj/linked.wasm")" "oracle=$(size "$out/oracle.wasm")" \
  "oracleGzip=$(gzip -9n <"$out/oracle.wasm" | wc -c)" "manTxt=$(size "$out/docs/man.txt")" \
  "oracleSha=$(sha "$out/oracle.wasm")" "manSha=$(sha "$out/docs/man.txt")"
mv -f "$out/build-info.json.tmp" "$out/build-info.json"
echo "$build_digest" >"$out/.build-digest"
log "wrote $out/oracle.wasm ($(size "$out/oracle.wasm") bytes), docs/man.txt, build-info.json"
