/**
 * scripts/lib/target-recipe.sh, driven by a small recipe of its own: the real library (copied with its sibling
 * libraries, so a change to it can be simulated without touching the checkout), real groff, node and wasm-opt when
 * installed. The seven real recipes are checked by rebuilding them (see docs/adding-a-target.md); this covers the
 * library's contract: usage, build-info.json, "up to date", what invalidates it, failing background jobs.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/node/paths.ts';

const scratch = mkdtempSync(join(tmpdir(), 'mirrorbox-recipe-'));
const libDir = join(scratch, 'checkout', 'scripts', 'lib');
const targetDir = join(scratch, 'checkout', 'targets-wasm', 'demo');
const buildDir = join(scratch, 'build');
const outDir = join(buildDir, 'targets', 'demo');

// The smallest valid module (magic and version): wasm-opt -Oz accepts it, so both recipe_optimise paths can run.
const EMPTY_MODULE = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

const RECIPE = `#!/usr/bin/env bash
set -euo pipefail
source "$(dirname "\${BASH_SOURCE[0]}")/../../scripts/lib/target-recipe.sh"
recipe_prologue "$@"
version=\${target[upstream.version]}
recipe_skip_if_up_to_date -i "$here/extra.txt" -o extra/copy.txt "value-one"
# What recipe_debian_source and recipe_wasi_c would set; the source's configure is a stand-in (see below).
src=$here/source dsc_name=demo_1.2-1.dsc compat_digest=none
recipe_configure "$work/tree" "--with-demo=\${DEMO_CONFIGURE_ARG:-a}"
obj=$work/obj
mkdir -p "$obj"
cp "$here/module.wasm" "$obj/linked.wasm"
if [ "\${DEMO_FAIL_JOB:-}" = 1 ]; then
  recipe_job "$obj/ok.log" sh -c 'echo fine >&2'
  recipe_job "$obj/bad.log" sh -c 'echo broken-job-output >&2; exit 3'
  recipe_jobs_wait || { log "compilation failed"; exit 1; }
fi
recipe_optimise "$obj/linked.wasm" "$obj/oracle.wasm"
recipe_render_man "$here/demo.1" "$obj/man.txt"
recipe_install "$here/extra.txt" extra/copy.txt
recipe_finish "$obj/linked.wasm" "$obj/oracle.wasm" "$obj/man.txt" \\
  "target=\${target[program]}" "version=$version" "note=a = b" "wasmOpt=$wasm_opt_version" "groff=$groff_version"
`;

// Records each call and, like autoconf's, writes config.h (here in a subfolder, as coreutils does) and config.status.
const CONFIGURE = `#!/bin/sh
echo "$*" >>"$(dirname "$0")/../configure-calls.txt"
mkdir -p lib && echo '#define DEMO 1' >lib/config.h && echo 'exit 0' >config.status
`;

const MAN_PAGE = `.TH DEMO 1
.SH NAME
demo \\- a page for the recipe library's test
.SH DESCRIPTION
\\fBdemo\\fR prints \\fIwords\\fR.
`;

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync('bash', [join(targetDir, 'build.sh'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, MIRRORBOX_BUILD_DIR: buildDir, ...env },
  });
  return { code: r.status, err: r.stderr };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

beforeAll(() => {
  mkdirSync(libDir, { recursive: true });
  for (const f of ['target-recipe.sh', 'debian-source.sh', 'apt-deps.sh'])
    copyFileSync(join(repoRoot, 'scripts', 'lib', f), join(libDir, f));
  mkdirSync(targetDir, { recursive: true });
  writeFileSync(join(targetDir, 'build.sh'), RECIPE);
  writeFileSync(
    join(targetDir, 'target.json'),
    JSON.stringify({ id: 'demo', program: 'demo', upstream: { package: 'demo', version: '1.2' } }),
  );
  writeFileSync(join(targetDir, 'module.wasm'), EMPTY_MODULE);
  writeFileSync(join(targetDir, 'demo.1'), MAN_PAGE);
  writeFileSync(join(targetDir, 'extra.txt'), 'first\n');
  mkdirSync(join(targetDir, 'source'));
  writeFileSync(join(targetDir, 'source', 'configure'), CONFIGURE, { mode: 0o755 });
});

const configureCalls = () => readFileSync(join(targetDir, 'configure-calls.txt'), 'utf8').trimEnd().split('\n');

describe('target-recipe.sh', () => {
  it('refuses a call without exactly one OUT_DIR, naming the recipe', () => {
    const r = run([]);
    expect(r.code).toBe(2);
    expect(r.err).toBe('usage: bash targets-wasm/demo/build.sh OUT_DIR\n');
  });

  it('writes the oracle, the rendered page and build-info.json with the given fields in order', () => {
    const r = run([outDir]);
    expect(r.err).toMatch(
      /^demo: wrote .*\/oracle\.wasm \(\d+ bytes\), docs\/man\.txt, extra\/copy\.txt, build-info\.json$/m,
    );
    expect(r.code).toBe(0);
    const oracle = new Uint8Array(readFileSync(join(outDir, 'oracle.wasm')));
    const man = new Uint8Array(readFileSync(join(outDir, 'docs', 'man.txt')));
    const manText = Buffer.from(man).toString('utf8');
    expect(manText).toMatch(/demo - a page for the recipe library's test/);
    expect(manText).not.toMatch(/[\b\x1b]/);
    expect(readFileSync(join(outDir, 'extra', 'copy.txt'), 'utf8')).toBe('first\n');

    const info = JSON.parse(readFileSync(join(outDir, 'build-info.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(info)).toEqual(['target', 'version', 'note', 'wasmOpt', 'groff', 'sizes', 'sha256']);
    expect(info.target).toBe('demo');
    expect(info.version).toBe('1.2');
    expect(info.note).toBe('a = b');
    expect(info.groff).toMatch(/^GNU groff version /);
    // Debian's wasm-opt is optional: its version when installed, null (not "none") otherwise. Never the one npm's
    // binaryen puts on PATH under `npm run` / vitest (a different version gives different bytes).
    const debian = spawnSync('/usr/bin/wasm-opt', ['--version'], { encoding: 'utf8' });
    expect(info.wasmOpt).toBe(debian.status === 0 ? debian.stdout.trim() : null);
    expect(info.sizes).toEqual({
      linked: EMPTY_MODULE.length,
      oracle: oracle.length,
      oracleGzip: gzipSync(oracle, { level: 9 }).length,
      manTxt: man.length,
    });
    expect(info.sha256).toEqual({ oracle: sha256(oracle), manTxt: sha256(man) });
  });

  it('skips a second run with unchanged inputs and leaves the outputs untouched', () => {
    const before = statSync(join(outDir, 'build-info.json')).mtimeMs;
    const r = run([outDir]);
    expect(r.code).toBe(0);
    expect(r.err.trimEnd().split('\n').at(-1)).toBe(`demo: ${outDir} is up to date`);
    expect(statSync(join(outDir, 'build-info.json')).mtimeMs).toBe(before);
  });

  it('rebuilds when an input file named with -i changes, reusing an unchanged configure run', () => {
    writeFileSync(join(targetDir, 'extra.txt'), 'second\n');
    const r = run([outDir]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^demo: configure in tree is up to date$/m);
    expect(r.err).toMatch(/^demo: wrote /m);
    expect(readFileSync(join(outDir, 'extra', 'copy.txt'), 'utf8')).toBe('second\n');
    expect(configureCalls()).toEqual(['--with-demo=a']);
  });

  it('runs configure again when its arguments change', () => {
    writeFileSync(join(targetDir, 'extra.txt'), 'second, again\n');
    const r = run([outDir], { DEMO_CONFIGURE_ARG: 'b' });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^demo: running upstream configure in tree$/m);
    expect(configureCalls()).toEqual(['--with-demo=a', '--with-demo=b']);
  });

  it('rebuilds every recipe when the library itself changes', () => {
    expect(run([outDir]).err).toMatch(/is up to date/);
    appendFileSync(join(libDir, 'target-recipe.sh'), '\n# a change to the library\n');
    const r = run([outDir]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^demo: wrote /m);
  });

  it('rebuilds when an extra output named with -o is missing', () => {
    expect(run([outDir]).err).toMatch(/is up to date/);
    rmSync(join(outDir, 'extra', 'copy.txt'));
    const r = run([outDir]);
    expect(r.err).toMatch(/^demo: wrote /m);
  });

  it('stops when a background job fails, showing that job’s output', () => {
    writeFileSync(join(targetDir, 'extra.txt'), 'third\n');
    const r = run([outDir], { DEMO_FAIL_JOB: '1' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/broken-job-output/);
    expect(r.err).not.toMatch(/^fine$/m);
    expect(r.err).toMatch(/^demo: compilation failed$/m);
  });
});
