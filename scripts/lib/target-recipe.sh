# shellcheck shell=bash
# shellcheck disable=SC2034 # the variables set here are the recipes' to use
# The steps every target recipe (targets-wasm/<id>/build.sh OUT_DIR) shares. A recipe sources this file right after
# `set -euo pipefail` and then reads top to bottom:
#
#   source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/target-recipe.sh"
#   recipe_prologue "$@"                               usage, paths, the lock, tool versions, target.json
#   recipe_wasi_c                                      the compat library and the C toolchain's versions
#   recipe_debian_source PKG[=VER|/SUITE] VERSION      Debian's source, checked against the pinned upstream version
#   recipe_skip_if_up_to_date [-i FILE] [-o OUT] V...  exit 0 when the outputs were built from the same inputs
#   ... what is particular to the program: configure arguments, patches, compile and link steps, using
#   recipe_configure [-v V]... DIR ARGS...             upstream's configure, skipped when its inputs are unchanged
#   recipe_job LOG CMD... / recipe_jobs_wait           commands in the background, at most $jobs at a time
#   recipe_optimise LINKED ORACLE [FLAG...]            wasm-opt -Oz when binaryen is installed, else a copy
#   recipe_debian_man PKG[=VER|/SUITE] PATH            the man page from Debian's binary package
#   recipe_render_man SOURCE MAN_TXT [GROFF_LOG]       the page as `MANWIDTH=80 man` shows it, plain UTF-8
#   recipe_finish LINKED ORACLE MAN_TXT KEY=VALUE...   OUT_DIR/oracle.wasm, docs/man.txt, build-info.json
#
# Variables the recipe can use afterwards (set by the function named):
#   recipe_prologue:  id (the target folder's name), here (that folder), root, build (MIRRORBOX_BUILD_DIR),
#                     work (build/work/<id>), out (OUT_DIR, absolute), jobs, wasm_opt (Debian's; empty when
#                     binaryen is not installed), wasm_opt_version ("none" then), groff_version,
#                     target[json.path] (e.g. ${target[upstream.version]})
#   recipe_wasi_c:    cc (toolchains/wasi-c/wasi-cc), compat_digest, compiler_version, wasi_libc_version
#   recipe_debian_source: src (the extracted tree), dsc_name, debian_version
#   recipe_skip_if_up_to_date: build_digest
#   recipe_debian_man: docs_deb (the .deb's file name), man_source
# and the helpers log, sha, size, recipe_upstream_of, recipe_install, recipe_job / recipe_jobs_wait, plus everything
# scripts/lib/debian-source.sh defines (debian_source, debian_binary_extract, ensure_apt_packages, ...).
#
# The build digest (what "up to date" compares) covers this file, the recipe, target.json, the wasm-opt and groff
# versions and whatever the recipe adds: a change to this library rebuilds every oracle. What differs between
# recipes (build steps, patches, extra outputs, the fields of build-info.json) stays in the recipe.

# Paths are known from this file's place in the checkout; MIRRORBOX_BUILD_DIR moves every output and cache.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export MIRRORBOX_ROOT=$root
build=${MIRRORBOX_BUILD_DIR:-$root/build}
export MIRRORBOX_BUILD_DIR=$build
_recipe_lib=$root/scripts/lib/target-recipe.sh

# shellcheck source=SCRIPTDIR/debian-source.sh
source "$root/scripts/lib/debian-source.sh"

id=
# target.json's fields by path (target[upstream.version]); a missing one is an unbound-variable error (set -u).
declare -A target=()
sha() { sha256sum "$1" | cut -d' ' -f1; }
size() { stat -c %s "$1"; }
log() { echo "${id:-target-recipe}: $*" >&2; }

# recipe_prologue "$@": check the recipe's arguments (one OUT_DIR), set the common variables, take the per-target
# lock, find the versions of the tools this library runs (groff, wasm-opt) and read target.json into target[].
recipe_prologue() {
  here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
  id=$(basename "$here")
  work=$build/work/$id
  if [ $# -ne 1 ]; then
    echo "usage: bash targets-wasm/$id/build.sh OUT_DIR" >&2
    exit 2
  fi
  mkdir -p "$1"
  out=$(cd "$1" && pwd)

  # One build at a time per build dir: they share build/work/<id>/. The descriptor stays open until the recipe exits.
  mkdir -p "$(dirname "$work")"
  exec 9>"$work.lock"
  flock 9

  # groff-base: man page rendering; gzip: the packaged pages and the gzip size in build-info.json.
  ensure_apt_packages groff-base gzip
  # Debian's binaryen, by its path: another wasm-opt earlier on PATH (npm's binaryen puts one in node_modules/.bin,
  # which `npm run` adds to PATH) would give other bytes.
  wasm_opt=/usr/bin/wasm-opt
  wasm_opt_version=none
  if [ -x "$wasm_opt" ]; then wasm_opt_version=$("$wasm_opt" --version); else wasm_opt=; fi
  groff_version=$(groff --version | sed -n 1p)
  jobs=$(nproc 2>/dev/null || echo 2)
  _recipe_load_target
}

# _recipe_load_target: every text or number of target.json into target[json.path] (arrays index as
# packages.build.0). One node process reads the file; keys and values travel NUL-separated.
_recipe_load_target() {
  local key value
  while IFS= read -r -d '' key && IFS= read -r -d '' value; do
    target[$key]=$value
  done < <(node -e '
    const walk = (v, path) =>
      v !== null && typeof v === "object"
        ? Object.entries(v).forEach(([k, x]) => walk(x, path ? path + "." + k : k))
        : process.stdout.write(path + "\0" + v + "\0");
    walk(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")), "");
  ' "$here/target.json")
  if [ -z "${target[id]:-}" ]; then
    log "could not read $here/target.json"
    exit 1
  fi
}

# recipe_wasi_c: build (or find up to date) the team's compat library, and record what the C toolchain is.
recipe_wasi_c() {
  bash "$root/toolchains/wasi-c/build-compat.sh" >/dev/null
  cc=$root/toolchains/wasi-c/wasi-cc
  compat_digest=$(cat "$build/toolchains/wasi-compat/.inputs.sha256")
  compiler_version=$(${WASI_CC_CLANG:-clang-14} --version | sed -n 1p)
  wasi_libc_version=$(dpkg-query -W -f='${Version}' wasi-libc)
}

# recipe_upstream_of DSC_NAME: the upstream part of the version in build/sources/DSC_NAME (no epoch, no revision).
recipe_upstream_of() {
  local v
  v=$(awk '$1 == "Version:" { print $2; exit }' "$build/sources/$1")
  v=${v#*:}
  echo "${v%-*}"
}

# recipe_debian_source SPEC VERSION: fetch and extract Debian's source package SPEC (PKG, PKG=DEBIAN_VERSION or
# PKG/SUITE) into build/src/, and stop unless its upstream version is VERSION (the one target.json pins).
recipe_debian_source() {
  local spec=$1 version=$2
  src=$(debian_source "$spec" "$build/src" | tail -1)
  dsc_name=$(cat "$src/.mirrorbox-source")
  debian_version=$(awk '$1 == "Version:" { print $2; exit }' "$build/sources/$dsc_name")
  if [ "$(recipe_upstream_of "$dsc_name")" != "$version" ]; then
    log "Debian now serves ${spec%%[=/]*} $debian_version, but target.json pins upstream $version: update the target"
    exit 1
  fi
}

# recipe_skip_if_up_to_date [-i FILE]... [-o OUTPUT]... [VALUE]...: compute build_digest from this library, the
# recipe, target.json, each input FILE and each VALUE (source versions, tool versions: whatever the output depends
# on); exit 0 when OUT_DIR already holds oracle.wasm, docs/man.txt, build-info.json and every extra OUTPUT (a path
# under OUT_DIR) built from that digest.
recipe_skip_if_up_to_date() {
  local files=("$_recipe_lib" "$here/build.sh" "$here/target.json") outputs=(oracle.wasm docs/man.txt build-info.json)
  local f
  while [ $# -gt 0 ]; do
    case $1 in
      -i) files+=("$2") ;;
      -o) outputs+=("$2") ;;
      *) break ;;
    esac
    shift 2
  done
  for f in "${files[@]}"; do
    [ -f "$f" ] || { log "missing recipe input $f"; exit 1; }
  done
  build_digest=$(
    {
      for f in "${files[@]}"; do sha "$f"; done
      printf '%s\n' "$@" "$wasm_opt_version" "$groff_version"
    } | sha256sum | cut -d' ' -f1
  )
  for f in "${outputs[@]}"; do
    [ -f "$out/$f" ] || return 0
  done
  if [ "$(cat "$out/.build-digest" 2>/dev/null)" = "$build_digest" ]; then
    log "$out is up to date"
    exit 0
  fi
}

# recipe_configure [-v VALUE]... DIR ARGS...: run the source's configure with ARGS in DIR (out of tree, in place, so
# a `make` can follow there), unless DIR already holds a finished configure run (config.status, written last, as
# config.h may live in a subfolder) from the same source, compat library, ARGS and VALUEs (other inputs, such as a
# host compiler's version). Its output goes to DIR/configure.log.
recipe_configure() {
  local values=() dir digest
  while [ "$1" = -v ]; do
    values+=("$2")
    shift 2
  done
  dir=$1
  shift
  digest=$(printf '%s\n' "$dsc_name" "$compat_digest" "${values[@]}" "$@" | sha256sum | cut -d' ' -f1)
  if [ -f "$dir/config.status" ] && [ "$(cat "$dir/.digest" 2>/dev/null)" = "$digest" ]; then
    log "configure in $(basename "$dir") is up to date"
    return 0
  fi
  log "running upstream configure in $(basename "$dir")"
  rm -rf "$dir"
  mkdir -p "$dir"
  if ! (cd "$dir" && "$src/configure" "$@" >configure.log 2>&1); then
    log "configure failed; see $dir/configure.log and config.log"
    return 1
  fi
  echo "$digest" >"$dir/.digest"
}

# recipe_job LOG CMD...: run CMD in the background with its stderr in LOG, at most $jobs at a time.
# recipe_jobs_wait: wait for every job started; on failure print the failed jobs' logs and return 1.
_recipe_pids=()
_recipe_logs=()
_recipe_failed=()
recipe_job() {
  local log_file=$1
  shift
  "$@" 2>"$log_file" &
  _recipe_pids+=($!)
  _recipe_logs+=("$log_file")
  if [ "${#_recipe_pids[@]}" -ge "$jobs" ]; then
    wait "${_recipe_pids[0]}" || _recipe_failed+=("${_recipe_logs[0]}")
    _recipe_pids=("${_recipe_pids[@]:1}")
    _recipe_logs=("${_recipe_logs[@]:1}")
  fi
}
recipe_jobs_wait() {
  local i
  for i in "${!_recipe_pids[@]}"; do
    wait "${_recipe_pids[i]}" || _recipe_failed+=("${_recipe_logs[i]}")
  done
  _recipe_pids=()
  _recipe_logs=()
  [ "${#_recipe_failed[@]}" -eq 0 ] && return 0
  cat "${_recipe_failed[@]}" >&2
  _recipe_failed=()
  return 1
}

# recipe_optimise LINKED ORACLE [FLAG...]: wasm-opt -Oz FLAG... when binaryen is installed, else a plain copy
# (wasi-cc keeps clang from running wasm-opt on its own, so this is the only place it runs).
recipe_optimise() {
  local linked=$1 oracle=$2
  shift 2
  if [ -n "$wasm_opt" ]; then
    log "wasm-opt -Oz ($wasm_opt_version)"
    "$wasm_opt" -Oz "$@" "$linked" -o "$oracle"
  else
    log "wasm-opt not found (package binaryen): keeping the unoptimised module"
    cp "$linked" "$oracle"
  fi
}

# recipe_debian_man SPEC PATH: extract Debian's binary package SPEC (PKG=VER or PKG/SUITE) into build/debs/root/ and
# set docs_deb (its file name) and man_source (PATH inside it, which must exist).
recipe_debian_man() {
  local root_dir
  root_dir=$(debian_binary_extract "$1" | tail -1)
  docs_deb=$(cat "$root_dir/.mirrorbox-deb")
  man_source=$root_dir/$2
  if [ ! -f "$man_source" ]; then
    log "no $2 in $docs_deb"
    exit 1
  fi
}

# recipe_render_man SOURCE MAN_TXT [GROFF_LOG]: render a man page (gzipped when SOURCE ends in .gz) as
# `MANWIDTH=80 man -l` prints it: tbl, 78-column lines, one continuous page, runs of blank lines squeezed; -P-cbou:
# plain text (no SGR, no overstrike bold/underline). GROFF_LOG takes groff's warnings (default: stderr).
_recipe_groff() { LC_ALL=C groff -t -man -Tutf8 -P-cbou -rcR=1 -rLL=78n -rLT=78n; }
recipe_render_man() {
  local source=$1 man_txt=$2 groff_log=${3:-}
  local reader=(cat)
  if [[ $source == *.gz ]]; then reader=(zcat); fi
  if [ -n "$groff_log" ]; then
    "${reader[@]}" "$source" | _recipe_groff 2>"$groff_log" | cat -s >"$man_txt"
  else
    "${reader[@]}" "$source" | _recipe_groff | cat -s >"$man_txt"
  fi
  if LC_ALL=C grep -q $'[\b\033]' "$man_txt"; then
    log "rendered man page still contains control sequences"
    exit 1
  fi
}

# recipe_install FILE PATH: copy FILE to OUT_DIR/PATH atomically. The first call drops OUT_DIR/.build-digest, so an
# interrupted install is never taken for up to date. PATH is named in recipe_finish's closing log line.
_recipe_installed=()
recipe_install() {
  mkdir -p "$(dirname "$out/$2")"
  rm -f "$out/.build-digest"
  cp "$1" "$out/$2.tmp"
  mv -f "$out/$2.tmp" "$out/$2"
  _recipe_installed+=("$2")
}

# recipe_finish LINKED ORACLE MAN_TXT KEY=VALUE...: install ORACLE and MAN_TXT, write build-info.json with the
# KEY=VALUE fields in the order given (text; wasmOpt=none is written as null) followed by the sizes of LINKED,
# the oracle, its gzip -9 form and the page, and the sha256 of the oracle and the page; then record build_digest.
recipe_finish() {
  local linked=$1 oracle=$2 man_txt=$3 path others=
  shift 3
  recipe_install "$oracle" oracle.wasm
  recipe_install "$man_txt" docs/man.txt
  node -e '
    const [file, linked, oracle, oracleGzip, manTxt, oracleSha, manSha, ...kv] = process.argv.slice(1);
    const info = {};
    for (const s of kv) {
      const key = s.slice(0, s.indexOf("="));
      const value = s.slice(s.indexOf("=") + 1);
      info[key] = key === "wasmOpt" && value === "none" ? null : value;
    }
    info.sizes = { linked: +linked, oracle: +oracle, oracleGzip: +oracleGzip, manTxt: +manTxt };
    info.sha256 = { oracle: oracleSha, manTxt: manSha };
    require("fs").writeFileSync(file, JSON.stringify(info, null, 2) + "\n");
  ' "$out/build-info.json.tmp" \
    "$(size "$linked")" "$(size "$out/oracle.wasm")" "$(gzip -9n <"$out/oracle.wasm" | wc -c)" \
    "$(size "$out/docs/man.txt")" "$(sha "$out/oracle.wasm")" "$(sha "$out/docs/man.txt")" "$@"
  mv -f "$out/build-info.json.tmp" "$out/build-info.json"
  echo "$build_digest" >"$out/.build-digest"
  for path in "${_recipe_installed[@]}"; do
    case $path in oracle.wasm | docs/man.txt) ;; *) others+=", $path" ;; esac
  done
  log "wrote $out/oracle.wasm ($(size "$out/oracle.wasm") bytes), docs/man.txt$others, build-info.json"
}
