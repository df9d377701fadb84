#!/usr/bin/env bash
# Fetch Debian source and binary packages into the gitignored build/ folder, without touching the system's apt state.
#
# As a command:
#   bash scripts/lib/debian-source.sh PKG[=DEBIAN_VERSION] DEST_PARENT
#     downloads PKG's source package into build/sources/, extracts it with Debian's patch series applied into
#     DEST_PARENT/<source>-<upstream version>/ and prints that directory as the last line of stdout.
#
# As a library (source it), the functions are:
#   debian_source PKG[=VER] DEST_PARENT       the above; prints the extracted directory
#   debian_source_download PKG[=VER]          download only; prints the .dsc path
#   debian_source_extract DSC DEST_PARENT     extract a downloaded .dsc; prints the extracted directory
#   debian_binary_download PKG[=VER]          `apt-get download` into build/debs/; prints the .deb path
#   debian_binary_extract PKG[=VER] [DEST]    download + `dpkg-deb -x` (default DEST: build/debs/root/<deb name>/);
#                                             prints DEST
#   debian_apt ARGS...                        apt-get with the private configuration below
#   debian_apt_install PKG...                 install the missing PKG... (as root) from the private lists
#
# apt configuration: no deb-src entry is configured on the machine, so a private copy of the system's entries
# (/etc/apt/sources.list.d/debian.sources, or /etc/apt/sources.list) with `Types: deb deb-src` goes to
# build/apt/mirrorbox.sources, with private package lists and cache under build/apt/. The release's backports suite
# is added beside the release: debian_apt_install takes build tools from there by name (golang-1.21-go for the gron
# recipe). The system's own lists, cache and sources are never written (packages installed are, of course). Source and binary packages are resolved from the same private lists, so the man
# pages of a binary package can be taken at exactly the version of the source that is compiled.
#
# Every step is skipped when already done: the private lists are refreshed only when missing, when the system's
# entries change, or when a download fails (the archive moved on); downloads are skipped when the files are present;
# an extraction is skipped when its stamp names the same package version. Progress goes to stderr.

if [ -z "${MIRRORBOX_ROOT:-}" ]; then
  MIRRORBOX_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
fi
MIRRORBOX_BUILD_DIR=${MIRRORBOX_BUILD_DIR:-$MIRRORBOX_ROOT/build}
_DEBSRC_APT_DIR=$MIRRORBOX_BUILD_DIR/apt
_DEBSRC_SOURCES_DIR=$MIRRORBOX_BUILD_DIR/sources
_DEBSRC_DEBS_DIR=$MIRRORBOX_BUILD_DIR/debs

# shellcheck source=SCRIPTDIR/apt-deps.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt-deps.sh"

_debsrc_log() { echo "debian-source: $*" >&2; }

# Print the private sources file's content, derived from the system's entries.
_debsrc_render_sources() {
  local deb822=/etc/apt/sources.list.d/debian.sources legacy=/etc/apt/sources.list
  # The release's backports suite is added beside the release itself (same URIs/components/key): some build tools
  # (Go >= 1.21 for wasip1) exist only there. Backports is NotAutomatic, so nothing else is taken from it unasked.
  local codename
  codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
  if [ -f "$deb822" ]; then
    # Every stanza that serves binary packages also serves their sources, from the same URIs/suites/key.
    sed -E -e 's/^Types:.*\bdeb\b.*$/Types: deb deb-src/' \
      -e "${codename:+/^Suites:.*[[:space:]]$codename-backports([[:space:]]|\$)/b; s/^(Suites:(.*[[:space:]])?$codename)([[:space:]]|\$)/\1 $codename-backports\3/}" \
      "$deb822"
  elif [ -f "$legacy" ]; then
    # One-line format: turn each `deb ...` line into a deb822 stanza of both types.
    awk '$1 == "deb" {
           opts = ""; i = 2
           if ($2 ~ /^\[/) { while ($i !~ /\]$/) { opts = opts " " $i; i++ } opts = opts " " $i; i++ }
           suites = $(i + 1)
           if (codename != "" && suites == codename) suites = suites " " codename "-backports"
           printf "Types: deb deb-src\nURIs: %s\nSuites: %s\nComponents:", $i, suites
           for (j = i + 2; j <= NF; j++) printf " %s", $j
           printf "\n"
           if (match(opts, /signed-by=[^] ]+/)) printf "Signed-By: %s\n", substr(opts, RSTART + 10, RLENGTH - 10)
           printf "\n"
         }' codename="$codename" "$legacy"
  else
    _debsrc_log "no /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list to derive entries from"
    return 1
  fi
}

# Write the private configuration (only if its content changed; a change invalidates the private lists).
_debsrc_setup() {
  local content file=$_DEBSRC_APT_DIR/mirrorbox.sources
  content=$(_debsrc_render_sources) || return 1
  mkdir -p "$_DEBSRC_APT_DIR/lists/partial" "$_DEBSRC_APT_DIR/cache/archives/partial"
  if [ ! -f "$file" ] || [ "$(cat "$file")" != "$content" ]; then
    printf '%s\n' "$content" >"$file"
    rm -f "$_DEBSRC_APT_DIR/lists/.mirrorbox-updated"
  fi
}

# _debsrc_apt_opts: set _debsrc_opts to apt-get's options for the private configuration.
_debsrc_apt_opts() {
  _debsrc_opts=(
    -o "Dir::Etc::sourcelist=$_DEBSRC_APT_DIR/mirrorbox.sources"
    -o "Dir::Etc::sourceparts=/dev/null"
    -o "Dir::State::Lists=$_DEBSRC_APT_DIR/lists"
    -o "Dir::Cache=$_DEBSRC_APT_DIR/cache"
    -o "Dir::Cache::archives=$_DEBSRC_APT_DIR/cache/archives"
  )
  # As root, apt downloads as the _apt user, who may not write into build/: keep root for these private downloads.
  [ "$(id -u)" -eq 0 ] && _debsrc_opts+=(-o "APT::Sandbox::User=root")
  return 0
}

debian_apt() {
  _debsrc_apt_opts
  apt-get "${_debsrc_opts[@]}" "$@"
}

# debian_apt_update [force]: refresh the private lists when missing, stale w.r.t. the config, or forced.
debian_apt_update() {
  _debsrc_setup || return 1
  local stamp=$_DEBSRC_APT_DIR/lists/.mirrorbox-updated
  if [ "${1:-}" = force ] || [ ! -f "$stamp" ]; then
    _debsrc_log "updating private package lists in $_DEBSRC_APT_DIR/lists"
    debian_apt -qq update >&2 || return 1
    touch "$stamp"
  fi
}

# _debsrc_uris MODE PKG: print `apt-get --print-uris MODE PKG` lines ('URI' FILE SIZE HASH), refreshing the
# private lists once if PKG is unknown to them.
_debsrc_uris() {
  local mode=$1 pkg=$2 out
  debian_apt_update || return 1
  if ! out=$(debian_apt -qq --print-uris "$mode" "$pkg" 2>/dev/null) || ! grep -q "^'" <<<"$out"; then
    debian_apt_update force || return 1
    out=$(debian_apt -qq --print-uris "$mode" "$pkg") || return 1
  fi
  grep "^'" <<<"$out"
}

# _debsrc_all_present DIR URI_LINES: true when every file named in URI_LINES exists in DIR with its size.
_debsrc_all_present() {
  local dir=$1 name size
  while read -r _ name size _; do
    [ -f "$dir/$name" ] && [ "$(stat -c %s "$dir/$name")" = "$size" ] || return 1
  done <<<"$2"
}

# _debsrc_fetch DIR MODE PKG: run `apt-get MODE PKG` in DIR (MODE: "source --download-only" or "download"),
# retrying once with fresh lists (the archive may have replaced the version the old lists name).
_debsrc_fetch() {
  local dir=$1 mode=$2 pkg=$3
  # shellcheck disable=SC2086 # MODE is deliberately split into words
  (cd "$dir" && debian_apt -qq $mode "$pkg" >&2) && return 0
  _debsrc_log "download of $pkg failed; refreshing the private lists and retrying"
  debian_apt_update force || return 1
  # shellcheck disable=SC2086
  (cd "$dir" && debian_apt -qq $mode "$pkg" >&2)
}

_debian_source_download() {
  local pkg=$1 uris dsc
  ensure_apt_packages dpkg-dev ca-certificates || return 1
  uris=$(_debsrc_uris source "$pkg") || { _debsrc_log "no source package for $pkg"; return 1; }
  dsc=$(awk '$2 ~ /\.dsc$/ { print $2 }' <<<"$uris")
  mkdir -p "$_DEBSRC_SOURCES_DIR"
  if _debsrc_all_present "$_DEBSRC_SOURCES_DIR" "$uris"; then
    _debsrc_log "have $dsc"
  else
    _debsrc_log "downloading source of $pkg into $_DEBSRC_SOURCES_DIR"
    _debsrc_fetch "$_DEBSRC_SOURCES_DIR" "source --download-only" "$pkg" || return 1
    # A retry after a list refresh may have fetched a newer version than the one first resolved.
    [ -f "$_DEBSRC_SOURCES_DIR/$dsc" ] || dsc=$(awk '$2 ~ /\.dsc$/ { print $2 }' <<<"$(_debsrc_uris source "$pkg")")
  fi
  echo "$_DEBSRC_SOURCES_DIR/$dsc"
}

# _debsrc_field FILE FIELD: value of a deb822 field of a .dsc (signed or not).
_debsrc_field() {
  awk -v f="$2:" '$1 == f { print $2; exit }' "$1"
}

_debian_source_extract() {
  local dsc=$1 parent=$2 name version upstream dest tmp
  ensure_apt_packages dpkg-dev || return 1
  name=$(_debsrc_field "$dsc" Source)
  version=$(_debsrc_field "$dsc" Version)
  upstream=${version#*:}
  upstream=${upstream%-*}
  mkdir -p "$parent"
  parent=$(cd "$parent" && pwd)
  dest=$parent/$name-$upstream
  if [ -f "$dest/.mirrorbox-source" ] && [ "$(cat "$dest/.mirrorbox-source")" = "$(basename "$dsc")" ]; then
    _debsrc_log "have $dest"
  else
    _debsrc_log "extracting $(basename "$dsc") into $dest"
    rm -rf "$dest"
    tmp=$(mktemp -d "$parent/.extract.XXXXXX")
    # Default dpkg-source behaviour: the Debian patch series is applied (3.0 (quilt)).
    if ! (cd "$tmp" && dpkg-source --no-copy -x "$dsc" tree >&2); then
      rm -rf "$tmp"
      return 1
    fi
    basename "$dsc" >"$tmp/tree/.mirrorbox-source"
    mv "$tmp/tree" "$dest"
    rm -rf "$tmp"
  fi
  echo "$dest"
}

_debian_source() {
  local dsc
  dsc=$(_debian_source_download "$1") || return 1
  _debian_source_extract "$dsc" "$2"
}

_debian_binary_download() {
  local pkg=$1 uris deb
  uris=$(_debsrc_uris download "$pkg") || { _debsrc_log "no binary package $pkg"; return 1; }
  deb=$(awk '$2 ~ /\.deb$/ { print $2; exit }' <<<"$uris")
  mkdir -p "$_DEBSRC_DEBS_DIR"
  if _debsrc_all_present "$_DEBSRC_DEBS_DIR" "$uris"; then
    _debsrc_log "have $deb"
  else
    _debsrc_log "downloading $pkg into $_DEBSRC_DEBS_DIR"
    _debsrc_fetch "$_DEBSRC_DEBS_DIR" download "$pkg" || return 1
    [ -f "$_DEBSRC_DEBS_DIR/$deb" ] || deb=$(awk '$2 ~ /\.deb$/ { print $2; exit }' <<<"$(_debsrc_uris download "$pkg")")
  fi
  echo "$_DEBSRC_DEBS_DIR/$deb"
}

_debian_binary_extract() {
  local deb dest tmp
  deb=$(_debian_binary_download "$1") || return 1
  dest=${2:-$_DEBSRC_DEBS_DIR/root/$(basename "$deb" .deb)}
  if [ -f "$dest/.mirrorbox-deb" ] && [ "$(cat "$dest/.mirrorbox-deb")" = "$(basename "$deb")" ]; then
    _debsrc_log "have $dest"
  else
    _debsrc_log "extracting $(basename "$deb") into $dest"
    rm -rf "$dest"
    mkdir -p "$(dirname "$dest")"
    tmp=$(mktemp -d "$(dirname "$dest")/.extract.XXXXXX")
    dpkg-deb -x "$deb" "$tmp" || { rm -rf "$tmp"; return 1; }
    chmod 755 "$tmp"
    basename "$deb" >"$tmp/.mirrorbox-deb"
    mv "$tmp" "$dest"
  fi
  echo "$dest"
}

# _debian_apt_install PKG...: install whichever of PKG... dpkg does not report as installed, resolved from the
# private lists (so packages only in backports, such as golang-1.22-go, can be named; apt takes a backports
# package when asked for it by name). The system's lists and sources stay untouched.
_debian_apt_install() {
  local pkg missing=()
  for pkg in "$@"; do
    apt_is_installed "$pkg" || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  debian_apt_update || return 1
  _debsrc_log "installing ${missing[*]} from the private lists"
  _debsrc_apt_opts
  _debsrc_opts+=(-o DPkg::Lock::Timeout=600 -qq -y --no-install-recommends install "${missing[@]}")
  if ! _apt_as_root apt-get "${_debsrc_opts[@]}" >&2; then
    debian_apt_update force || return 1
    _apt_as_root apt-get "${_debsrc_opts[@]}" >&2 || return 1
  fi
}

# Public entry points run under one lock (build/apt/lock), so concurrent builds never download into, or extract
# over, each other's work. (The implementations call each other directly: the lock is not re-entrant.)
_debsrc_locked() {
  mkdir -p "$_DEBSRC_APT_DIR"
  (
    flock 9
    "$@"
  ) 9>"$_DEBSRC_APT_DIR/lock"
}
debian_source() { _debsrc_locked _debian_source "$@"; }
debian_source_download() { _debsrc_locked _debian_source_download "$@"; }
debian_source_extract() { _debsrc_locked _debian_source_extract "$@"; }
debian_binary_download() { _debsrc_locked _debian_binary_download "$@"; }
debian_binary_extract() { _debsrc_locked _debian_binary_extract "$@"; }
debian_apt_install() { _debsrc_locked _debian_apt_install "$@"; }

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  if [ $# -ne 2 ]; then
    echo "usage: bash scripts/lib/debian-source.sh PKG[=DEBIAN_VERSION] DEST_PARENT" >&2
    exit 2
  fi
  debian_source "$1" "$2"
fi
