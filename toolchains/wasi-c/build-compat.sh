#!/usr/bin/env bash
# Set up the wasm32-wasi C toolchain and build the team's compat library:
#   bash toolchains/wasi-c/build-compat.sh
# 1. installs the Debian packages the toolchain needs (only those missing);
# 2. compiles every compat/src/*.c with wasi-cc and archives them (deterministically) into
#    build/toolchains/wasi-compat/libwasicompat.a.
# Step 2 is skipped when nothing it depends on changed: compat sources and headers, wasi-cc, this script, and the
# versions of clang and wasi-libc (a digest of all of them is kept beside the library). Prints the library's path.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=${MIRRORBOX_ROOT:-$(cd "$here/../.." && pwd)}
build=${MIRRORBOX_BUILD_DIR:-$root/build}
out_dir=$build/toolchains/wasi-compat
lib=$out_dir/libwasicompat.a

# Packages of the toolchain (Debian 12 names): the compiler, wasm-ld, llvm-ar, libc, and compiler-rt's builtins.
WASI_TOOLCHAIN_PACKAGES=(clang-14 lld-14 llvm-14 wasi-libc libclang-rt-14-dev-wasm32)
# shellcheck source=SCRIPTDIR/../../scripts/lib/apt-deps.sh
source "$root/scripts/lib/apt-deps.sh"
ensure_apt_packages "${WASI_TOOLCHAIN_PACKAGES[@]}"

ar=/usr/lib/llvm-14/bin/llvm-ar
cc=$here/wasi-cc
cflags=(-O2 -std=gnu11 -Wall -Wextra -Werror -I"$here/compat/include")

cd "$here"
mapfile -t sources < <(find compat/src -name '*.c' | LC_ALL=C sort)
mapfile -t inputs < <(find compat -type f | LC_ALL=C sort)

digest=$(
  {
    for f in "${inputs[@]}" wasi-cc build-compat.sh; do
      printf '%s\n' "$f"
      sha256sum <"$f"
    done
    printf '%s\n' "${cflags[@]}"
    "${WASI_CC_CLANG:-clang-14}" --version | sed -n 1p
    dpkg-query -W -f='${Package} ${Version}\n' wasi-libc libclang-rt-14-dev-wasm32
  } | sha256sum | cut -d' ' -f1
)

if [ -f "$lib" ] && [ "$(cat "$out_dir/.inputs.sha256" 2>/dev/null)" = "$digest" ]; then
  echo "build-compat: $lib is up to date" >&2
  echo "$lib"
  exit 0
fi

echo "build-compat: building $lib from ${#sources[@]} sources" >&2
mkdir -p "$out_dir"
tmp=$(mktemp -d "$out_dir/.build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
objects=()
for src in "${sources[@]}"; do
  obj=$tmp/$(basename "$src" .c).o
  "$cc" "${cflags[@]}" -c "$src" -o "$obj"
  objects+=("$obj")
done
# D: deterministic archive (no timestamps, uids or modes); s: symbol index.
"$ar" rcsD "$tmp/libwasicompat.a" "${objects[@]}"
mv -f "$tmp/libwasicompat.a" "$lib"
echo "$digest" >"$out_dir/.inputs.sha256"
echo "$lib"
