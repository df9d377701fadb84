import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { caseRequest } from '../core/case-request.ts';
import { sha256Hex } from '../core/digest.ts';
import { outcomeDigest, outcomeToJson, type Outcome } from '../core/gold.ts';
import { describeDrift, hasDrift, lockDrift, makeLock, type GoldLock } from '../core/gold-lock.ts';
import { runGold } from '../core/gold-run.ts';
import { DEFAULT_LIMITS } from '../core/limits.ts';
import { PACK_FORMAT, type Pack } from '../core/pack.ts';
import type { WasmProgram } from '../core/run-request.ts';
import type { Runner } from '../core/runner.ts';
import type { TargetMeta } from '../core/target.ts';
import type { TestSuite } from '../core/test-case.ts';
import { createNodePool } from './node-pool.ts';
import { builtTargetDir, repoRoot, targetSourceDir } from './paths.ts';
import { readProgramFile, readTargetMeta, type Loaded } from './target-store.ts';

const ORACLE_FILE = 'oracle.wasm';
const RECIPE_STAMP = 'recipe.sha256';

export interface BuildOptions {
  /** Rebuild the oracle even when its recipe is unchanged. */
  force?: boolean;
  /** Accept changed gold outcomes and rewrite the committed lock file. */
  updateLock?: boolean;
  log?: (line: string) => void;
}

/**
 * The oracle's recipe: the target's build script and metadata, the recipe library and the oracle toolchain
 * (toolchains/wasi-c: wasi-cc and the compat library). The candidate languages' adapters beside it play no part, so
 * editing them must not rebuild every oracle.
 */
function recipeHash(id: string): string {
  const files = [
    join(targetSourceDir(id), 'build.sh'),
    join(targetSourceDir(id), 'target.json'),
    join(repoRoot, 'scripts', 'lib', 'target-recipe.sh'),
    ...walk(join(repoRoot, 'toolchains', 'wasi-c')),
  ];
  const parts = files
    .filter((f) => existsSync(f))
    .sort()
    .map((f) => `${relative(repoRoot, f)}\0${sha256Hex(new Uint8Array(readFileSync(f)))}`);
  return sha256Hex(new TextEncoder().encode(parts.join('\n')));
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export async function loadSuite(id: string): Promise<Loaded<TestSuite>> {
  const file = join(targetSourceDir(id), 'cases.ts');
  if (!existsSync(file)) return { kind: 'error', message: `target '${id}' has no cases.ts` };
  const module = (await import(pathToFileURL(file).href)) as { suite?: () => TestSuite };
  if (typeof module.suite !== 'function') return { kind: 'error', message: `${file} does not export suite()` };
  return { kind: 'ok', value: module.suite() };
}

export function lockPath(id: string): string {
  return join(targetSourceDir(id), 'gold.lock.json');
}

export function readLock(id: string): GoldLock | undefined {
  const path = lockPath(id);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as GoldLock) : undefined;
}

/** Builds the oracle (when its recipe changed), renders docs, runs the oracle for gold outcomes and writes the pack. */
export async function buildTarget(id: string, options: BuildOptions = {}): Promise<Loaded<Pack>> {
  const log = options.log ?? (() => {});
  const meta = readTargetMeta(id);
  if (meta.kind === 'error') return meta;
  const dir = builtTargetDir(id);
  mkdirSync(join(dir, 'docs'), { recursive: true });
  const stamp = join(dir, RECIPE_STAMP);
  const hash = recipeHash(id);
  const oraclePath = join(dir, ORACLE_FILE);
  if (options.force || !existsSync(oraclePath) || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== hash) {
    log(`${id}: building the oracle from source`);
    const started = Date.now();
    const build = spawnSync('bash', [join(targetSourceDir(id), 'build.sh'), dir], {
      stdio: ['ignore', 'inherit', 'inherit'],
      cwd: repoRoot,
    });
    if (build.status !== 0)
      return { kind: 'error', message: `${id}: the build recipe failed (exit ${build.status}); its log is above` };
    writeFileSync(stamp, hash);
    log(`${id}: oracle built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } else {
    log(`${id}: oracle up to date (recipe ${hash.slice(0, 12)})`);
  }
  const oracle = readProgramFile(oraclePath);
  if (oracle.kind === 'error') return oracle;
  const suite = await loadSuite(id);
  if (suite.kind === 'error') return suite;

  const pool = createNodePool();
  try {
    const help = await renderHelp(pool, oracle.value, meta.value);
    writeFileSync(join(dir, 'docs', 'help.txt'), help);
    const gold = await goldDigests(pool, oracle.value, meta.value, suite.value);
    if (gold.kind === 'error') return gold;
    const { outcomes, digests } = gold.value;
    const lock = readLock(id);
    if (lock && !options.updateLock) {
      const drift = lockDrift(lock, digests);
      if (hasDrift(drift)) {
        return {
          kind: 'error',
          message:
            `${id}: gold outcomes no longer match ${relative(repoRoot, lockPath(id))}: ${describeDrift(drift)}. ` +
            'If the change is intended, rebuild with --update-lock and commit the lock file.',
        };
      }
    } else {
      writeFileSync(lockPath(id), `${JSON.stringify(makeLock(id, oracle.value.id, digests), null, 2)}\n`);
      log(`${id}: ${lock ? 'updated' : 'wrote'} ${relative(repoRoot, lockPath(id))}`);
    }
    const pack: Pack = {
      format: PACK_FORMAT,
      target: meta.value,
      oracle: { file: ORACLE_FILE, sha256: oracle.value.id, bytes: oracle.value.bytes.length },
      docs: { ...(existsSync(join(dir, 'docs', 'man.txt')) ? { man: 'docs/man.txt' } : {}), help: 'docs/help.txt' },
      visible: suite.value.visible.map((c) => ({ case: c, gold: outcomeToJson(outcomes.get(c.id) as Outcome) })),
      hidden: suite.value.hidden.map((c) => ({ case: c, digest: digests[c.id] as string })),
    };
    writeFileSync(join(dir, 'pack.json'), JSON.stringify(pack));
    log(`${id}: pack written (${pack.visible.length} visible, ${pack.hidden.length} hidden)`);
    return { kind: 'ok', value: pack };
  } finally {
    await pool.close();
  }
}

export async function goldDigests(
  runner: Runner,
  oracle: WasmProgram,
  meta: TargetMeta,
  suite: TestSuite,
): Promise<Loaded<{ outcomes: Map<string, Outcome>; digests: Record<string, string> }>> {
  const cases = [...suite.visible, ...suite.hidden];
  const gold = await runGold(runner, oracle, meta, cases, DEFAULT_LIMITS);
  if (gold.kind === 'error') return { kind: 'error', message: `${meta.id}: ${gold.message}` };
  const digests: Record<string, string> = {};
  for (const c of cases) digests[c.id] = outcomeDigest(gold.outcomes.get(c.id) as Outcome);
  return { kind: 'ok', value: { outcomes: gold.outcomes, digests } };
}

async function renderHelp(runner: Runner, oracle: WasmProgram, meta: TargetMeta): Promise<Uint8Array> {
  const result = await runner.run(caseRequest(oracle, meta.program, { id: 'help', argv: ['--help'] }, DEFAULT_LIMITS));
  return result.kind === 'exited' ? (result.stdout.length > 0 ? result.stdout : result.stderr) : new Uint8Array();
}
