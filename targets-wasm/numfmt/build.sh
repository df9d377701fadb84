#!/usr/bin/env bash
# Build the numfmt oracle: GNU coreutils' numfmt compiled for wasm32-wasi, plus its man page as text.
#
#   bash targets-wasm/numfmt/build.sh OUT_DIR
#
# Writes
#   OUT_DIR/oracle.wasm       WASI preview 1 command module (argv[0] should be "numfmt")
#   OUT_DIR/docs/man.txt      numfmt(1) from Debian's coreutils package, as `MANWIDTH=80 man` shows it, plain UTF-8
#   OUT_DIR/build-info.json   versions, sizes and checksums (no timestamps: the file is reproducible too)
#
# How: Debian's coreutils source (Debian patches applied) is fetched into build/ (scripts/lib/debian-source.sh).
# Upstream's configure runs with --host=wasm32-wasi out of tree in build/work/numfmt/; gnulib's generated headers
# (BUILT_SOURCES) are made, then only numfmt's own objects and the gnulib objects it links are compiled with `make`
# (the full libcoreutils.a does not build for WASI: mount lists, fts, pthreads, getaddrinfo...), and linked by hand
# as upstream's Makefile links src/numfmt. wasm-opt -Oz runs afterwards when binaryen is installed.
#
# Configure answers given for WASI (none changes numfmt's output):
#  * signals and process clocks through wasi-libc's emulations (gnulib's headers include <signal.h>, call clock());
#  * the mounted-file-system probe is answered "getmntent" (configure stops otherwise; numfmt lists no mounts and
#    mountlist.c is never compiled);
#  * getopt is taken as GNU-compatible: toolchains/wasi-c's compat getopt is glibc's behaviour, messages included
#    (gnulib's replacement would need flockfile);
#  * fcntl's F_DUPFD probes and getdtablesize as present (gnulib's fcntl stand-in collides with WASI's F_GETFD);
#    setlocale(NULL) is thread-safe (no threads); the C11 probe "none needed" (clang-14 defaults to gnu17);
#  * gnulib's <signal.h> insists on NSIG <= 32 when it emulates signal blocking, and wasi-libc's NSIG is 65:
#    the check is switched off (GNULIB_defined_verify_NSIG_constraint); numfmt blocks no signals.
# wasi-libc's printf has no long double support unless linked with -lc-printscan-long-double; configure notices and
# gnulib's vasnprintf formats long doubles instead (exact decimal conversion, as glibc's).
#
# Idempotent: every step is skipped when its inputs are unchanged (scripts/lib/target-recipe.sh lists the common
# ones). Deterministic: two builds give the same bytes.
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
# Hermetic: no pkg-config, no flags from the environment. See the header for the cache answers.
cppflags="-D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS -DGNULIB_defined_verify_NSIG_constraint=1"
libs="-lwasi-emulated-signal -lwasi-emulated-process-clocks"
# shellcheck disable=SC2054 # commas inside -Wl, flags
configure_args=(
  --host=wasm32-wasi
  "CC=$cc" CFLAGS=-O2 "CPPFLAGS=$cppflags" LDFLAGS=-Wl,--strip-debug "LIBS=$libs"
  AR=/usr/lib/llvm-14/bin/llvm-ar RANLIB=/usr/lib/llvm-14/bin/llvm-ranlib PKG_CONFIG=false
  --disable-threads --disable-nls --disable-acl --disable-xattr --disable-libcap --disable-libsmack
  --without-selinux --without-openssl --without-libgmp --disable-dependency-tracking
  ac_cv_prog_cc_c11=
  ac_cv_func_getmntent=yes fu_cv_sys_mounted_getmntent1=yes
  gl_cv_func_getopt_posix=yes gl_cv_func_getopt_gnu=yes
  gl_cv_func_fcntl_f_dupfd_works=yes gl_cv_func_fcntl_f_dupfd_cloexec=yes
  ac_cv_func_getdtablesize=yes ac_cv_have_decl_getdtablesize=yes gl_cv_func_getdtablesize_works=yes
  gl_cv_func_setlocale_null_all_mtsafe=yes gl_cv_func_setlocale_null_one_mtsafe=yes
)
tree=$work/tree
recipe_configure "$tree" "${configure_args[@]}"

# --- build -------------------------------------------------------------------------------------------------------
# numfmt_SOURCES (numfmt.c, set-fields.c) and src/libver.a's version.c, plus exactly the members of libcoreutils.a
# that the link pulls in (found with wasm-ld --trace against every gnulib object that builds for WASI).
program_objects=(src/numfmt.o src/set-fields.o src/version.o)
gnulib_objects=(
  calloc.o malloc.o realloc.o printf-args.o printf-parse.o snprintf.o vasnprintf.o vfprintf.o
  argmatch basename-lgpl close-stream close closeout error exitfail fchdir fclose fdopendir fflush filenamecat-lgpl
  fpurge free fseeko fstat fstatat getcwd getdelim getprogname hard-locale localcharset lstat mbrtowc mbsalign
  nl_langinfo openat printf-frexp printf-frexpl progname quotearg reallocarray setlocale_null signbitd signbitl stat
  version-etc-fsf version-etc wcswidth wcwidth uniwidth/width xalloc-die xmalloc xstrtol xstrtoumax
)
objects=("${program_objects[@]}")
for o in "${gnulib_objects[@]}"; do
  case $o in
    *.o) objects+=("lib/$o") ;;
    */*) objects+=("lib/${o%/*}/libcoreutils_a-${o##*/}.o") ;;
    *) objects+=("lib/libcoreutils_a-$o.o") ;;
  esac
done

# shellcheck disable=SC2016 # $(BUILT_SOURCES) is for make
built_sources=$(make -C "$tree" -s --no-print-directory --eval='mirrorbox-built-sources: ; @echo $(BUILT_SOURCES)' \
  mirrorbox-built-sources)
log "make: gnulib headers, then ${#objects[@]} objects (-j$jobs)"
# shellcheck disable=SC2086 # a list of make targets
if ! make -C "$tree" -j"$jobs" $built_sources >"$work/make.log" 2>&1 ||
  ! make -C "$tree" -j"$jobs" "${objects[@]}" >>"$work/make.log" 2>&1; then
  tail -40 "$work/make.log" >&2
  log "make failed; see $work/make.log"
  exit 1
fi

obj=$work/obj
rm -rf "$obj"
mkdir -p "$obj"
archive=$obj/libnumfmt-gnulib.a
(cd "$tree" && /usr/lib/llvm-14/bin/llvm-ar rcD "$archive" "${objects[@]:${#program_objects[@]}}")
# shellcheck disable=SC2086 # $libs is a list of flags
(cd "$tree" && "$cc" -O2 -Wl,--strip-debug -o "$obj/linked.wasm" "${program_objects[@]}" "$archive" $libs)
recipe_optimise "$obj/linked.wasm" "$obj/oracle.wasm"

# --- man page, outputs -------------------------------------------------------------------------------------------
recipe_debian_man "${target[docsPackage]}=$debian_version" "${target[manPage]}"
recipe_render_man "$man_source" "$obj/man.txt"
recipe_finish "$obj/linked.wasm" "$obj/oracle.wasm" "$obj/man.txt" \
  "target=${target[program]}" "upstream=${target[upstream.package]}" "version=$version" \
  "debianVersion=$debian_version" "debianSource=$dsc_name" "docsPackage=$docs_deb" \
  "compiler=$compiler_version" "wasiLibc=$wasi_libc_version" "wasmOpt=$wasm_opt_version" "groff=$groff_version"
