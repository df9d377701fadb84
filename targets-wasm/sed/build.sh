#!/usr/bin/env bash
# Build the sed oracle: GNU sed 4.9 (Debian's source package, Debian patches applied) compiled for wasm32-wasi, plus
# its man page as text.
#
#   bash targets-wasm/sed/build.sh OUT_DIR
#
# Writes
#   OUT_DIR/oracle.wasm       WASI preview 1 command module (argv[0] should be "sed")
#   OUT_DIR/docs/man.txt      sed(1) from Debian's binary package, as `MANWIDTH=80 man` shows it, plain UTF-8
#   OUT_DIR/build-info.json   versions, sizes and checksums (no timestamps: the file is reproducible too)
#
# How: upstream's own configure --host=wasm32-wasi and `make sed/sed` (gnulib included), out of tree in
# build/work/sed/, with toolchains/wasi-c/wasi-cc. Configured as Debian's debian/rules does where it shows in the
# output (--with-packager=Debian), except:
#  * --with-included-regex: Debian links glibc's regex engine; wasi-libc's (musl's) lacks the GNU extensions, so the
#    gnulib copy of the same glibc engine is compiled in instead;
#  * --disable-threads, --disable-nls, --disable-acl, --without-selinux: WASI has none of them. Debian's build links
#    libselinux and `--version` says "built with SELinux support" / "SELinux is disabled on this system" (what the
#    native program prints on Debian, where SELinux is off). The build copies sed/sed.c into the build tree and makes
#    selinux_support() take that branch; gnulib's selinux stand-in reports "disabled", so the text is identical;
#  * a few configure answers for WASI: signals and process clocks through wasi-libc's emulations (gnulib's stdint.h
#    and tempname.c include <signal.h> and call clock()); fcntl is not replaced (gnulib's F_DUPFD stand-in collides
#    with WASI's F_GETFD) and getdtablesize is taken as present (only that fcntl replacement calls it);
#    setlocale(NULL) is thread-safe (there are no threads); the C11 probe is answered "none needed" (clang-14's default
#    is gnu17; the probe itself fails only because wasi-cc makes implicit declarations errors).
# No popen on WASI: the `e` command and the `e` flag of `s` fail with "`e' command not supported" (exit 4).
# wasm-opt -Oz runs afterwards when binaryen is installed (wasi-cc keeps clang from running it on its own).
#
# Idempotent: every step is skipped when its inputs are unchanged (source version, toolchain and compat library,
# this script, target.json, wasm-opt and groff versions). The output is deterministic: two builds give the same bytes.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
export MIRRORBOX_ROOT=$root
build=${MIRRORBOX_BUILD_DIR:-$root/build}
export MIRRORBOX_BUILD_DIR=$build
work=$build/work/sed

if [ $# -ne 1 ]; then
  echo "usage: bash targets-wasm/sed/build.sh OUT_DIR" >&2
  exit 2
fi
mkdir -p "$1"
out=$(cd "$1" && pwd)

log() { echo "sed: $*" >&2; }
sha() { sha256sum "$1" | cut -d' ' -f1; }

# One build at a time per build dir: they share build/work/sed/.
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
# Hermetic: no pkg-config, no flags from the environment.
configure_args=(
  --host=wasm32-wasi
  "CC=$cc" CFLAGS=-O2 "CPPFLAGS=-D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS" "LDFLAGS=-Wl,--strip-debug"
  "LIBS=-lwasi-emulated-signal -lwasi-emulated-process-clocks"
  AR=/usr/lib/llvm-14/bin/llvm-ar RANLIB=/usr/lib/llvm-14/bin/llvm-ranlib PKG_CONFIG=false
  --with-packager=Debian --with-included-regex
  --disable-threads --disable-nls --disable-acl --without-selinux --disable-dependency-tracking
  ac_cv_prog_cc_c11=
  gl_cv_func_fcntl_f_dupfd_works=yes gl_cv_func_fcntl_f_dupfd_cloexec=yes
  ac_cv_func_getdtablesize=yes ac_cv_have_decl_getdtablesize=yes gl_cv_func_getdtablesize_works=yes
  gl_cv_func_setlocale_null_all_mtsafe=yes gl_cv_func_setlocale_null_one_mtsafe=yes
)
config_digest=$(
  {
    printf '%s\n' "$dsc_name" "$compat_digest" "${configure_args[@]}"
  } | sha256sum | cut -d' ' -f1
)
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
# The --version text of Debian's build (see the header): a copy of sed/sed.c in the build tree (found before the
# source tree's by the VPATH rules) with selinux_support() taking the "built with SELinux support" branch. Its
# quoted includes are looked up beside it first: sed/*.h are copied along.
mkdir -p "$tree/sed"
for h in "$src"/sed/*.h; do
  cmp -s "$h" "$tree/sed/${h##*/}" 2>/dev/null || cp -p "$h" "$tree/sed/"
done
awk '
  /^selinux_support \(void\)/ { in_fn = 1 }
  in_fn && /^#if HAVE_SELINUX_SELINUX_H$/ { print "#if 1 /* mirrorbox: as Debian'"'"'s build (libselinux, SELinux disabled) */"; patched++; next }
  in_fn && /^}/ { in_fn = 0 }
  { print }
  END { if (patched != 1) exit 1 }
' "$src/sed/sed.c" >"$tree/sed/sed.c.tmp" || { log "sed/sed.c: selinux_support() not found"; exit 1; }
if ! cmp -s "$tree/sed/sed.c.tmp" "$tree/sed/sed.c" 2>/dev/null; then
  mv -f "$tree/sed/sed.c.tmp" "$tree/sed/sed.c"
else
  rm -f "$tree/sed/sed.c.tmp"
fi

jobs=$(nproc 2>/dev/null || echo 2)
log "make sed/sed (-j$jobs)"
rm -f "$tree/sed/sed"
if ! (cd "$tree" && make -j"$jobs" sed/sed >make.log 2>&1); then
  tail -40 "$tree/make.log" >&2
  log "make failed; see $tree/make.log"
  exit 1
fi

obj=$work/out
rm -rf "$obj"
mkdir -p "$obj"
# Linked with --strip-debug (LDFLAGS: wasi-libc's members carry DWARF); the name section stays (readable traps).
cp "$tree/sed/sed" "$obj/linked.wasm"
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
