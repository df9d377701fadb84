#!/usr/bin/env bash
# Build the sqlite3 oracle: the SQLite 3.40.1 command-line shell (Debian's sqlite3 source package, Debian patches
# applied) compiled for wasm32-wasi, plus its man page as text.
#
#   bash targets-wasm/sqlite3/build.sh OUT_DIR
#
# Writes
#   OUT_DIR/oracle.wasm       WASI preview 1 command module (argv[0] should be "sqlite3")
#   OUT_DIR/docs/man.txt      sqlite3(1) from Debian's binary package, as `MANWIDTH=80 man` shows it, plain UTF-8
#   OUT_DIR/build-info.json   versions, sizes and checksums (no timestamps: the file is reproducible too)
#
# How: Debian builds from the split sources (--disable-amalgamation). Here upstream's configure runs natively only
# to generate the amalgamation (sqlite3.c, sqlite3.h) and the shell (shell.c) with upstream's own tools (lemon,
# mkkeywordhash, the Tcl scripts); both are then compiled with toolchains/wasi-c/wasi-cc, -O2 and the flags of
# debian/rules and configure (library: Debian's CFLAGS plus configure's MATH_FUNCTIONS, FTS4, FTS5; shell: the same
# plus the Makefile's SHELL_OPT, as Debian's sqlite3 binary is shell.c with SHELL_OPT over libsqlite3.so), except:
#  * SQLITE_THREADSAFE=0 and SQLITE_OMIT_LOAD_EXTENSION: WASI has no threads and cannot load shared libraries
#    (`.load` and load_extension() are absent);
#  * SQLITE_OMIT_WAL and SQLITE_MAX_MMAP_SIZE=0: no mmap/shared memory (journal_mode=WAL stays a rollback journal);
#  * the default VFS is "unix-none" (wasi-vfs.c through SQLITE_EXTRA_INIT): WASI has no record locks; wasi-sqlite.h
#    gives the lock constants os_unix.c names;
#  * no readline (only the interactive prompt uses it) and no zlib (.archive, zipfile and sqlar are absent);
#  * `.system`, `.shell`, `.once -e` and pipes fail cleanly (wasi-stubs.c: no processes);
#  * long double arithmetic rounds as Debian's amd64 build does (x87 extended precision, see x87.h): sqlite3.c is
#    patched by x87-long-double.awk, which wraps each long double result of printf's float conversions and of the
#    text-to-real conversion in a rounding to a 64-bit significand.
# wasm-opt -Oz runs afterwards when binaryen is installed (wasi-cc keeps clang from running it on its own).
#
# Idempotent: every step is skipped when its inputs are unchanged (source version, toolchain and compat library,
# this script and scripts/lib/target-recipe.sh, target.json, the files beside it, wasm-opt and groff versions).
# The output is deterministic: two builds give the same bytes.
set -euo pipefail

# shellcheck source=SCRIPTDIR/../../scripts/lib/target-recipe.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/target-recipe.sh"
recipe_prologue "$@"

version=${target[upstream.version]}
recipe_wasi_c
recipe_debian_source "${target[upstream.debianSource]}" "$version"
host_cc_version=$(cc --version | sed -n 1p)
tcl_version=$(echo 'puts [info patchlevel]' | tclsh8.6)
recipe_skip_if_up_to_date -i "$here/wasi-sqlite.h" -i "$here/wasi-vfs.c" -i "$here/wasi-stubs.c" \
  -i "$here/x87.h" -i "$here/x87-long-double.awk" \
  "$dsc_name" "$compat_digest" "$host_cc_version" "$tcl_version"

# --- the amalgamation and shell.c, generated natively ----------------------------------------------------------
gen=$work/gen
recipe_configure -v "$host_cc_version" -v "$tcl_version" "$gen" --disable-tcl --disable-readline \
  --disable-amalgamation --enable-fts4 --enable-fts5 --enable-json
log "generating sqlite3.c and shell.c"
rm -f "$gen/sqlite3.c" "$gen/shell.c"
make -C "$gen" -j"$jobs" sqlite3.c shell.c >"$gen/make.log" 2>&1 || {
  log "generating the amalgamation failed; see $gen/make.log"
  exit 1
}

# --- compile, link, optimise -------------------------------------------------------------------------------------
obj=$work/obj
rm -rf "$obj"
mkdir -p "$obj"
# debian/rules' CFLAGS (threads and extension loading changed as above), then configure's feature flags.
library=(-O2 -fno-strict-aliasing -DSQLITE_OS_UNIX=1 -DNDEBUG
  -DSQLITE_SECURE_DELETE -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS3_PARENTHESIS
  -DSQLITE_ENABLE_RTREE=1 -DSQLITE_SOUNDEX=1 -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_OMIT_LOOKASIDE=1
  -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_ALLOW_ROWID_IN_VIEW -DSQLITE_ENABLE_UPDATE_DELETE_LIMIT=1
  -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_ENABLE_JSON1 -DSQLITE_LIKE_DOESNT_MATCH_BLOBS -DSQLITE_THREADSAFE=0
  -DSQLITE_ENABLE_FTS3_TOKENIZER=1 -DSQLITE_USE_URI=1 -DSQLITE_MAX_SCHEMA_RETRY=25 -DSQLITE_ENABLE_PREUPDATE_HOOK
  -DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_STMTVTAB -DSQLITE_MAX_VARIABLE_NUMBER=250000
  -DSQLITE_ENABLE_MATH_FUNCTIONS -DSQLITE_ENABLE_FTS4 -DSQLITE_ENABLE_FTS5
  -DSQLITE_OMIT_WAL -DSQLITE_MAX_MMAP_SIZE=0 -DSQLITE_EXTRA_INIT=mirrorbox_sqlite_init
  -DHAVE_USLEEP=1 -DHAVE_GMTIME_R=1 -DHAVE_LOCALTIME_R=1 -DHAVE_ISNAN=1 -DHAVE_STRCHRNUL=1
  -D_WASI_EMULATED_GETPID -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS
  -include "$here/wasi-sqlite.h" -I"$gen")
# The Makefile's SHELL_OPT.
shell=(-DSQLITE_ENABLE_FTS4 -DSQLITE_ENABLE_RTREE -DSQLITE_ENABLE_EXPLAIN_COMMENTS
  -DSQLITE_ENABLE_UNKNOWN_SQL_FUNCTION -DSQLITE_ENABLE_STMTVTAB -DSQLITE_ENABLE_DBPAGE_VTAB
  -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_ENABLE_BYTECODE_VTAB -DSQLITE_ENABLE_OFFSET_SQL_FUNC)
awk -f "$here/x87-long-double.awk" "$gen/sqlite3.c" >"$obj/sqlite3.c" || { log "sqlite3.c: x87 rounding patch failed"; exit 1; }
log "compiling sqlite3.c (the longest step), shell.c and the WASI glue"
recipe_job "$obj/sqlite3.log" "$cc" "${library[@]}" -include "$here/x87.h" -c "$obj/sqlite3.c" -o "$obj/sqlite3.o"
recipe_job "$obj/shell.log" "$cc" "${library[@]}" "${shell[@]}" -c "$gen/shell.c" -o "$obj/shell.o"
recipe_job "$obj/wasi-vfs.log" "$cc" -O2 -Wall -Wextra -Werror -I"$gen" -c "$here/wasi-vfs.c" -o "$obj/wasi-vfs.o"
recipe_job "$obj/wasi-stubs.log" "$cc" -O2 -Wall -Wextra -Werror -c "$here/wasi-stubs.c" -o "$obj/wasi-stubs.o"
recipe_jobs_wait || { log "compilation failed"; exit 1; }

# --strip-debug: wasi-libc's archive members carry DWARF; the name section stays (readable trap stack traces).
# A stack of 8 MiB, as Linux gives the native program (wasm-ld's default is 64 KiB): the parser and the expression
# code recurse on the C stack up to SQLite's own limits (SQLITE_MAX_EXPR_DEPTH).
"$cc" -O2 -o "$obj/linked.wasm" "$obj/sqlite3.o" "$obj/shell.o" "$obj/wasi-vfs.o" "$obj/wasi-stubs.o" -lm \
  -lwasi-emulated-getpid -lwasi-emulated-signal -lwasi-emulated-process-clocks \
  -Wl,--strip-debug -Wl,-z,stack-size=8388608
recipe_optimise "$obj/linked.wasm" "$obj/oracle.wasm"

# --- man page, outputs -------------------------------------------------------------------------------------------
recipe_debian_man "${target[docsPackage]}=$debian_version" "${target[manPage]}"
recipe_render_man "$man_source" "$obj/man.txt"
recipe_finish "$obj/linked.wasm" "$obj/oracle.wasm" "$obj/man.txt" \
  "target=${target[program]}" "upstream=${target[upstream.package]}" "version=$version" \
  "debianVersion=$debian_version" "debianSource=$dsc_name" "docsPackage=$docs_deb" \
  "compiler=$compiler_version" "wasiLibc=$wasi_libc_version" "wasmOpt=$wasm_opt_version" "groff=$groff_version"
