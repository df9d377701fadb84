#!/usr/bin/env bash
# Build the hexyl oracle: hexyl 0.8.0 (Rust) compiled for wasm32-wasi by Debian's own Rust toolchain, plus its man
# page as text.
#
#   bash targets-wasm/hexyl/build.sh OUT_DIR
#
# Writes
#   OUT_DIR/oracle.wasm       WASI preview 1 command module (argv[0] should be "hexyl")
#   OUT_DIR/docs/man.txt      hexyl(1) from Debian's binary package, as `MANWIDTH=80 man` shows it, plain UTF-8
#   OUT_DIR/build-info.json   versions, sizes and checksums (no timestamps: the file is reproducible too)
#
# How: there is no deb-src step for Rust programs in Debian: the crate's source is the binary package
# librust-hexyl-dev (/usr/share/cargo/registry/hexyl-<version>), and every dependency is another librust-*-dev
# package in the same directory, which Debian keeps as a consistent set. The crate is copied into build/work/hexyl and
# built with Debian's cargo and rustc (never a rustup toolchain that may shadow them on PATH), fully offline: a
# private CARGO_HOME whose config replaces crates.io with that directory. libstd-rust-dev-wasm32 provides std for
# wasm32-wasi. RUSTC_BOOTSTRAP=1: Debian's errno 0.2.8 (pulled in by clap 2's terminal-size support) uses a
# nightly-only feature when built for WASI.
#
# One adaptation to WASI (src/bin/hexyl.rs, applied to the copy): hexyl prints an I/O error as std shows it,
# "<strerror text> (os error <errno>)". WASI numbers its errno values differently from Linux (ENOENT is 44, not 2),
# so the printed number would differ from the native program's for the same error. The copy maps the number back to
# Linux's before printing; the text (wasi-libc's strerror, the same words as glibc's for these errors) is unchanged.
#
# Reproducible: --remap-path-prefix hides the build paths; the release profile is the crate's own (LTO, one codegen
# unit). wasm-opt -Oz runs afterwards when binaryen is installed. Idempotent: skipped when the inputs are unchanged
# (crate and toolchain versions, this script and scripts/lib/target-recipe.sh, target.json, wasm-opt and groff
# versions).
set -euo pipefail

# shellcheck source=SCRIPTDIR/../../scripts/lib/target-recipe.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/target-recipe.sh"
recipe_prologue "$@"
# Debian's Rust toolchain and std for wasm32-wasi, the crate and (as its dependencies) every crate it needs.
ensure_apt_packages rustc cargo libstd-rust-dev-wasm32 librust-hexyl-dev

version=${target[upstream.version]}
docs_package=${target[upstream.binaryPackage]}
registry=/usr/share/cargo/registry
crate=$registry/hexyl-$version
if [ ! -f "$crate/Cargo.toml" ]; then
  log "$crate is missing: librust-hexyl-dev $(dpkg-query -W -f='${Version}' librust-hexyl-dev) ships another version"
  exit 1
fi
crate_package_version=$(dpkg-query -W -f='${Version}' librust-hexyl-dev)
cargo=/usr/bin/cargo
rustc=/usr/bin/rustc
rustc_version=$("$rustc" --version)
cargo_version=$("$cargo" --version)
std_version=$(dpkg-query -W -f='${Version}' libstd-rust-dev-wasm32)

# The crates the build can reach: every directory of the registry, with its Debian checksum.
registry_digest=$(cat "$registry"/*/.cargo-checksum.json | sha256sum | cut -d' ' -f1)

recipe_skip_if_up_to_date \
  "$crate_package_version" "$registry_digest" "$rustc_version" "$cargo_version" "$std_version"

# --- a private copy of the crate, with the errno adaptation ------------------------------------------------------
src=$work/src
rm -rf "$src"
mkdir -p "$src"
cp -R "$crate/." "$src/"
chmod -R u+w "$src"
rm -f "$src/Cargo.lock"

main_rs=$src/src/bin/hexyl.rs
grep -q 'eprintln!("Error: {}", err);' "$main_rs" || { log "hexyl.rs no longer has the error print this recipe adapts"; exit 1; }
sed -i 's|eprintln!("Error: {}", err);|eprintln!("Error: {}", linux_error_text(\&*err));|' "$main_rs"
cat >>"$main_rs" <<'RUST'

// ---- mirrorbox: WASI adaptation (see targets-wasm/hexyl/build.sh) ----------------------------------------------
/// The error as the native program prints it: std shows an OS error as "<text> (os error <errno>)", and WASI's errno
/// numbers differ from Linux's. Other errors are shown unchanged.
fn linux_error_text(err: &(dyn std::error::Error + 'static)) -> String {
    let text = err.to_string();
    if let Some(code) = err.downcast_ref::<io::Error>().and_then(|e| e.raw_os_error()) {
        let suffix = format!(" (os error {})", code);
        if let Some(message) = text.strip_suffix(suffix.as_str()) {
            return format!("{} (os error {})", message, linux_errno(code));
        }
    }
    text
}

/// WASI (wasi-libc) errno → Linux errno, for the errors a file-reading program can meet.
#[cfg(target_os = "wasi")]
fn linux_errno(code: i32) -> i32 {
    match code {
        2 => 13,  // EACCES
        6 => 11,  // EAGAIN
        8 => 9,   // EBADF
        10 => 16, // EBUSY
        20 => 17, // EEXIST
        22 => 27, // EFBIG
        27 => 4,  // EINTR
        28 => 22, // EINVAL
        29 => 5,  // EIO
        31 => 21, // EISDIR
        32 => 40, // ELOOP
        33 => 24, // EMFILE
        37 => 36, // ENAMETOOLONG
        41 => 23, // ENFILE
        43 => 19, // ENODEV
        44 => 2,  // ENOENT
        48 => 12, // ENOMEM
        51 => 28, // ENOSPC
        52 => 38, // ENOSYS
        54 => 20, // ENOTDIR
        58 => 95, // ENOTSUP
        59 => 25, // ENOTTY
        60 => 6,  // ENXIO
        61 => 75, // EOVERFLOW
        63 => 1,  // EPERM
        64 => 32, // EPIPE
        69 => 30, // EROFS
        70 => 29, // ESPIPE
        _ => code,
    }
}

#[cfg(not(target_os = "wasi"))]
fn linux_errno(code: i32) -> i32 {
    code
}
RUST

# --- cargo, offline, on Debian's crates --------------------------------------------------------------------------
cargo_home=$work/cargo-home
rm -rf "$cargo_home"
mkdir -p "$cargo_home"
cat >"$cargo_home/config.toml" <<EOF
[source.crates-io]
replace-with = "debian"

[source.debian]
directory = "$registry"

[net]
offline = true
EOF

target_dir=$work/target
rm -rf "$target_dir"
cargo_env=(
  env -u RUSTFLAGS -u CARGO_BUILD_RUSTFLAGS -u CARGO_TARGET_DIR
  CARGO_HOME="$cargo_home" RUSTC="$rustc" RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 SOURCE_DATE_EPOCH=0
  CARGO_TARGET_WASM32_WASI_RUSTFLAGS="--remap-path-prefix=$src=/build/hexyl --remap-path-prefix=$cargo_home=/cargo --remap-path-prefix=$registry=/registry"
)
log "cargo build --release --target wasm32-wasi ($rustc_version, offline)"
# The lock file is resolved from the registry directory alone (offline), so it is the same on every machine with
# the same Debian packages.
if ! (cd "$src" && "${cargo_env[@]}" "$cargo" generate-lockfile --offline &&
  "${cargo_env[@]}" "$cargo" build --offline --locked --release --target wasm32-wasi --bin hexyl \
    --target-dir "$target_dir") >"$work/cargo.log" 2>&1; then
  cat "$work/cargo.log" >&2
  log "cargo build failed"
  exit 1
fi
linked=$target_dir/wasm32-wasi/release/hexyl.wasm
obj=$work/obj
mkdir -p "$obj"
recipe_optimise "$linked" "$obj/oracle.wasm" --strip-debug

# --- man page, outputs -------------------------------------------------------------------------------------------
recipe_debian_man "$docs_package/bookworm" usr/share/man/man1/hexyl.1.gz
case $docs_deb in
  "${docs_package}_${version}-"*) ;;
  *)
    log "binary package $docs_deb is not hexyl $version"
    exit 1
    ;;
esac
recipe_render_man "$man_source" "$obj/man.txt"
recipe_finish "$linked" "$obj/oracle.wasm" "$obj/man.txt" \
  "target=${target[program]}" "upstream=hexyl" "version=$version" \
  "cratePackage=librust-hexyl-dev $crate_package_version" "docsPackage=$docs_deb" \
  "rustc=$rustc_version" "cargo=$cargo_version" "stdWasm32=$std_version" \
  "wasmOpt=$wasm_opt_version" "groff=$groff_version"
