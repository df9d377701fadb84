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
# this script and scripts/lib/target-recipe.sh, target.json, wasm-opt and groff versions). The output is
# deterministic: two builds give the same bytes.
set -euo pipefail

# shellcheck source=SCRIPTDIR/../../scripts/lib/target-recipe.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/target-recipe.sh"
recipe_prologue "$@"

version=${target[upstream.version]}
docs_package=${target[upstream.binaryPackage]}
# The suite the sources and binaries are taken from (see the header: not bookworm-security).
suite=bookworm
recipe_wasi_c
recipe_debian_source "${target[upstream.debianSource]}/$suite" "$version"
recipe_skip_if_up_to_date "$dsc_name" "$compat_digest"

# --- compile -----------------------------------------------------------------------------------------------------
# All of c/: the shared dictionary and tables (common), the decoder, the encoder (the tool links both) and the tool.
mapfile -t sources < <(cd "$src" && find c/common c/dec c/enc -name '*.c' | LC_ALL=C sort)
sources+=(c/tools/brotli.c)
flags=(-O2 -I"$src/c/include" -DNDEBUG)

obj=$work/obj
rm -rf "$obj"
mkdir -p "$obj"
log "compiling ${#sources[@]} files"
objects=()
for source in "${sources[@]}"; do
  object=$obj/$(echo "$source" | tr / _ | sed 's/\.c$/.o/')
  objects+=("$object")
  recipe_job "$object.log" env -C "$src" "$cc" "${flags[@]}" -c "$source" -o "$object"
done
recipe_jobs_wait || { log "compilation failed"; exit 1; }

# --- link, optimise ----------------------------------------------------------------------------------------------
# --strip-debug: wasi-libc's archive members carry DWARF; the name section stays (readable trap stack traces).
"$cc" -O2 -o "$obj/linked.wasm" "${objects[@]}" -lm -Wl,--strip-debug
recipe_optimise "$obj/linked.wasm" "$obj/oracle.wasm"

# --- Debian's binary package: the man page; outputs --------------------------------------------------------------
recipe_debian_man "$docs_package/$suite" usr/share/man/man1/brotli.1.gz
case $docs_deb in
  "${docs_package}_${debian_version}_"* | "${docs_package}_${debian_version}+b"[0-9]*) ;;
  *)
    log "binary package $docs_deb is not built from source $debian_version"
    exit 1
    ;;
esac
recipe_render_man "$man_source" "$obj/man.txt"
recipe_finish "$obj/linked.wasm" "$obj/oracle.wasm" "$obj/man.txt" \
  "target=${target[program]}" "upstream=brotli" "version=$version" \
  "debianVersion=$debian_version" "debianSource=$dsc_name" "docsPackage=$docs_deb" \
  "compiler=$compiler_version" "wasiLibc=$wasi_libc_version" "wasmOpt=$wasm_opt_version" "groff=$groff_version"
