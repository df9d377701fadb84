# shellcheck shell=bash
# Debian package helper for the project's set-up scripts.
#
#   source scripts/lib/apt-deps.sh
#   ensure_apt_packages clang lld wasi-libc
#
# Installs only the packages that dpkg does not report as installed. `apt-get update` runs at most once per
# process tree (MIRRORBOX_APT_UPDATED is exported after it), and only when something actually has to be installed.
# Runs apt non-interactively; uses sudo when not root. Waits for a concurrent apt/dpkg run to release its lock.

# apt_is_installed PKG: true when dpkg knows PKG as installed (arch-qualified names such as foo:amd64 work too).
apt_is_installed() {
  local status
  status=$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) || return 1
  [ "$status" = installed ]
}

# _apt_as_root CMD...: run CMD as root (directly, or via sudo), non-interactively.
_apt_as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    env DEBIAN_FRONTEND=noninteractive "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo env DEBIAN_FRONTEND=noninteractive "$@"
  else
    echo "apt-deps: need root (or sudo) to run: $*" >&2
    return 1
  fi
}

# ensure_apt_packages PKG...: install whichever of PKG... is missing. Returns non-zero if apt fails.
ensure_apt_packages() {
  local pkg missing=()
  for pkg in "$@"; do
    apt_is_installed "$pkg" || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0

  echo "apt-deps: installing ${missing[*]}" >&2
  local lock_wait=(-o DPkg::Lock::Timeout=600)
  if [ -z "${MIRRORBOX_APT_UPDATED:-}" ]; then
    _apt_as_root apt-get "${lock_wait[@]}" -qq update >&2 || return 1
    export MIRRORBOX_APT_UPDATED=1
  fi
  _apt_as_root apt-get "${lock_wait[@]}" -qq -y --no-install-recommends install "${missing[@]}" >&2 || return 1

  for pkg in "${missing[@]}"; do
    if ! apt_is_installed "$pkg"; then
      echo "apt-deps: $pkg is still not installed" >&2
      return 1
    fi
  done
}
