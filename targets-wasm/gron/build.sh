#!/usr/bin/env bash
# Build the gron oracle: gron (Go) compiled for GOOS=wasip1 GOARCH=wasm, plus its man page as text.
#
#   bash targets-wasm/gron/build.sh OUT_DIR
#
# Writes
#   OUT_DIR/oracle.wasm       WASI preview 1 command module (argv[0] should be "gron")
#   OUT_DIR/docs/man.txt      gron(1) from Debian's binary package, as `MANWIDTH=80 man` shows it, plain UTF-8
#   OUT_DIR/build-info.json   versions, sizes and checksums (no timestamps: the file is reproducible too)
#
# How: Debian's gron source (Debian patches applied) is fetched into build/ (scripts/lib/debian-source.sh) and built
# as Debian builds it (dh-golang: GOPATH mode, the dependencies from Debian's golang-github-*-dev packages under
# /usr/share/gocode, no version stamp: `gron --version` says "dev" on both), but with Go >= 1.21 for its wasip1
# port. Bookworm's Go is 1.19, so golang-1.21-go comes from bookworm-backports through the project's private apt
# configuration (debian_apt_install). 1.21 rather than a newer one: from 1.22 on, encoding/json writes \b and \f
# where 1.19 (Debian's native gron) writes \u0008 and \u000c. No C toolchain is involved.
#
# One difference of Go's ports is mended: wasip1's syscall error texts are capitalised ("No such file or
# directory") where Linux's are not ("no such file or directory"). The build overlays (go build -overlay) a copy of
# GOROOT's syscall/tables_wasip1.go whose texts start in lower case, made here from the installed file, so gron's
# "open FILE: ..." errors read as natively.
#
# Reproducible: -trimpath (no build paths), -buildvcs=false (no VCS stamp), an empty build id, -s -w (no symbol
# tables or DWARF), a clean environment; two builds give the same bytes. wasm-opt is not run: on Go's module it
# saves 7% and takes minutes.
#
# Idempotent: skipped when its inputs are unchanged (source version, Go and the dependency packages' versions, this
# script and scripts/lib/target-recipe.sh, target.json, groff version).
set -euo pipefail

# shellcheck source=SCRIPTDIR/../../scripts/lib/target-recipe.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/target-recipe.sh"
recipe_prologue "$@"

version=${target[upstream.version]}
go_package=golang-1.21-go
dependencies=(golang-github-fatih-color-dev golang-github-mattn-go-colorable-dev golang-github-mattn-go-isatty-dev
  golang-github-nwidger-jsoncolor-dev golang-github-pkg-errors-dev)
ensure_apt_packages "${dependencies[@]}"
debian_apt_install "$go_package"
goroot=/usr/lib/go-1.21
go=$goroot/bin/go
go_version=$("$go" version | cut -d' ' -f3)
package_versions=$(dpkg-query -W -f='${Package}=${Version}\n' "$go_package" "${dependencies[@]}")

recipe_debian_source "${target[upstream.debianSource]}" "$version"
recipe_skip_if_up_to_date "$dsc_name" "$go_version" "$package_versions"

# --- compile -----------------------------------------------------------------------------------------------------
# GOPATH mode wants the program at its import path (XS-Go-Import-Path in debian/control) inside a GOPATH entry.
gopath=$work/gopath
import_path=github.com/tomnomnom/gron
rm -rf "$gopath"
mkdir -p "$gopath/src/$(dirname "$import_path")"
cp -a "$src" "$gopath/src/$import_path"
obj=$work/obj
rm -rf "$obj"
mkdir -p "$obj"
# errorstr's entries are `\tENAME: "Text",`: lower-case the first letter of each text, as Linux's table has it.
errno_table=$goroot/src/syscall/tables_wasip1.go
sed -E '/^var errorstr = /,/^}/ s/^(\t[A-Z0-9]+: +")([A-Z])/\1\L\2/' "$errno_table" >"$obj/tables_wasip1.go"
if ! grep -q '"no such file or directory"' "$obj/tables_wasip1.go"; then
  log "could not derive the lower-case errno table from $errno_table"
  exit 1
fi
printf '{"Replace": {"%s": "%s"}}\n' "$errno_table" "$obj/tables_wasip1.go" >"$obj/overlay.json"
log "go build ($go_version, GOOS=wasip1 GOARCH=wasm)"
(cd "$gopath/src/$import_path" &&
  env -i PATH=/usr/bin:/bin HOME="$work" GOROOT="$goroot" GOCACHE="$work/gocache" GOTMPDIR= \
    GOPATH="$gopath:/usr/share/gocode" GO111MODULE=off GOFLAGS= GOTOOLCHAIN=local GOPROXY=off CGO_ENABLED=0 \
    GOOS=wasip1 GOARCH=wasm \
    "$go" build -trimpath -buildvcs=false -overlay="$obj/overlay.json" -ldflags='-s -w -buildid=' -o "$obj/linked.wasm" .)
cp "$obj/linked.wasm" "$obj/oracle.wasm"

# --- man page, outputs -------------------------------------------------------------------------------------------
# The binary package is a binNMU of the source (0.7.1-1+b6): its version is pinned in target.json.
recipe_debian_man "${target[docsPackage]}=${target[docsVersion]}" "${target[manPage]}"
recipe_render_man "$man_source" "$obj/man.txt"
recipe_finish "$obj/linked.wasm" "$obj/oracle.wasm" "$obj/man.txt" \
  "target=${target[program]}" "upstream=${target[upstream.package]}" "version=$version" \
  "debianVersion=$debian_version" "debianSource=$dsc_name" "docsPackage=$docs_deb" \
  "compiler=$go_version" "dependencies=$(echo "$package_versions" | grep -v "^$go_package=" | paste -sd' ')" \
  "wasmOpt=none" "groff=$groff_version"
