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
# this script and scripts/lib/target-recipe.sh, target.json, wasm-opt and groff versions). The output is
# deterministic: two builds give the same bytes.
set -euo pipefail

# shellcheck source=SCRIPTDIR/../../scripts/lib/target-recipe.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/target-recipe.sh"
recipe_prologue "$@"
# make: configure and the build.
ensure_apt_packages make

version=${target[upstream.version]}
recipe_wasi_c
recipe_debian_source "${target[upstream.debianSource]}" "$version"
recipe_skip_if_up_to_date "$dsc_name" "$compat_digest"

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
tree=$work/tree
recipe_configure "$tree" "${configure_args[@]}"

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
recipe_optimise "$obj/linked.wasm" "$obj/oracle.wasm"

# --- man page, outputs -------------------------------------------------------------------------------------------
recipe_debian_man "${target[docsPackage]}=$debian_version" "${target[manPage]}"
recipe_render_man "$man_source" "$obj/man.txt"
recipe_finish "$obj/linked.wasm" "$obj/oracle.wasm" "$obj/man.txt" \
  "target=${target[program]}" "upstream=${target[upstream.package]}" "version=$version" \
  "debianVersion=$debian_version" "debianSource=$dsc_name" "docsPackage=$docs_deb" \
  "compiler=$compiler_version" "wasiLibc=$wasi_libc_version" "wasmOpt=$wasm_opt_version" "groff=$groff_version"
