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
# this script and scripts/lib/target-recipe.sh, target.json, wasm-opt and groff versions). The output is
# deterministic: two builds give the same bytes.
set -euo pipefail

# shellcheck source=SCRIPTDIR/../../scripts/lib/target-recipe.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/target-recipe.sh"
recipe_prologue "$@"
# make: configure's checks.
ensure_apt_packages make

version=${target[upstream.version]}
recipe_wasi_c
recipe_debian_source "${target[upstream.debianSource]}" "$version"
recipe_skip_if_up_to_date "$dsc_name" "$compat_digest"

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
config=$work/config
recipe_configure "$config" "${configure_args[@]}"

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
log "compiling $((${#program_sources[@]} + ${#common_sources[@]} + ${#libuuid_sources[@]} + ${#libsmartcols_sources[@]})) files"
objects=()
# compile SOURCE EXTRA_FLAGS...: compile in the background (in the configure directory, as make would).
compile() {
  local source=$1 object
  shift
  object=$obj/$(echo "$source" | tr / _ | sed 's/\.c$/.o/')
  objects+=("$object")
  recipe_job "$object.log" env -C "$config" "$cc" "${base_flags[@]}" "$@" -c "$src/$source" -o "$object"
}
for f in "${program_sources[@]}"; do compile "$f" "${libuuid_flags[@]}" "${libsmartcols_flags[@]}"; done
for f in "${common_sources[@]}"; do compile "$f"; done
for f in "${libuuid_sources[@]}"; do compile "$f" "${libuuid_flags[@]}"; done
for f in "${libsmartcols_sources[@]}"; do compile "$f" "${libsmartcols_flags[@]}"; done
recipe_jobs_wait || { log "compilation failed"; exit 1; }

# --- link, optimise ----------------------------------------------------------------------------------------------
# --strip-debug: wasi-libc's archive members carry DWARF; the name section stays (readable trap stack traces).
"$cc" -O2 -o "$obj/linked.wasm" "${objects[@]}" -lwasi-emulated-getpid -Wl,--strip-debug
recipe_optimise "$obj/linked.wasm" "$obj/oracle.wasm"

# --- man page, outputs -------------------------------------------------------------------------------------------
recipe_debian_man "${target[docsPackage]}=$debian_version" "${target[manPage]}"
recipe_render_man "$man_source" "$obj/man.txt"
recipe_finish "$obj/linked.wasm" "$obj/oracle.wasm" "$obj/man.txt" \
  "target=${target[program]}" "upstream=${target[upstream.package]}" "version=$version" \
  "debianVersion=$debian_version" "debianSource=$dsc_name" "docsPackage=$docs_deb" \
  "compiler=$compiler_version" "wasiLibc=$wasi_libc_version" "wasmOpt=$wasm_opt_version" "groff=$groff_version"
