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
# Idempotent: skipped when its inputs are unchanged (source version, toolchain and compat library, this script and
# scripts/lib/target-recipe.sh, target.json, wasm-opt, groff and gcc versions). Deterministic: two builds give the
# same oracle bytes.
set -euo pipefail

# shellcheck source=SCRIPTDIR/../../scripts/lib/target-recipe.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/target-recipe.sh"
recipe_prologue "$@"
# make: configure's checks; gcc, libc6-dev: the native build.
ensure_apt_packages make gcc libc6-dev

version=${target[upstream.version]}
gcc_version=$(gcc --version | sed -n 1p)
recipe_wasi_c
recipe_debian_source "${target[upstream.debianSource]}" "$version"
recipe_skip_if_up_to_date -o native/cal "$dsc_name" "$compat_digest" "$gcc_version"

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

recipe_configure -v "$gcc_version" "$work/config" "${wasm_configure_args[@]}" &
wasm_cfg_pid=$!
recipe_configure -v "$gcc_version" "$work/native-config" "${native_configure_args[@]}" &
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

# --- optimise, man page, outputs ---------------------------------------------------------------------------------
obj=$work/obj
recipe_optimise "$obj/linked.wasm" "$obj/oracle.wasm"
recipe_render_man "$src/misc-utils/cal.1" "$obj/man.txt"
recipe_install "$work/native-obj/cal" native/cal
recipe_finish "$obj/linked.wasm" "$obj/oracle.wasm" "$obj/man.txt" \
  "target=${target[program]}" "upstream=${target[upstream.package]}" "version=$version" \
  "debianVersion=$debian_version" "debianSource=$dsc_name" "docsSource=misc-utils/cal.1 of $dsc_name" \
  "compiler=$compiler_version" "wasiLibc=$wasi_libc_version" "wasmOpt=$wasm_opt_version" "groff=$groff_version" \
  "nativeCompiler=$gcc_version"
