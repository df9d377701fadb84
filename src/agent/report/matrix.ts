/**
 * A replication matrix: targets × languages × models × epochs, expanded into runs in an order that does not depend
 * on how the flags listed them, so every shard of a batch job computes the same list and takes its own share.
 */

/** Whether a run talked to a real model or to a scripted test server (see `provenanceOf`). */
export type Provenance = 'scripted' | 'real';

export interface MatrixModel {
  provider: string;
  model: string;
}

export interface MatrixSpec {
  targets: readonly string[];
  langs: readonly string[];
  models: readonly MatrixModel[];
  epochs: number;
}

export interface PlannedRun {
  /** Position in the whole matrix, from 0; shard I of N takes the runs with index ≡ I (mod N). */
  index: number;
  /** The run's folder name: `<target>-<lang>-<provider>_<model>-e<epoch>`. */
  id: string;
  target: string;
  lang: string;
  provider: string;
  model: string;
  /** From 1. */
  epoch: number;
}

export type Expanded = { kind: 'ok'; runs: PlannedRun[] } | { kind: 'error'; message: string };

/** `provider:model`; the model keeps any further colons (Ollama tags such as `qwen3:8b`). */
export function parseModelId(text: string): { kind: 'ok'; value: MatrixModel } | { kind: 'error'; message: string } {
  const at = text.indexOf(':');
  const provider = at < 0 ? '' : text.slice(0, at).trim();
  const model = at < 0 ? '' : text.slice(at + 1).trim();
  if (!provider || !model) return { kind: 'error', message: `a model is provider:model, got '${text}'` };
  return { kind: 'ok', value: { provider, model } };
}

/** A name part for a folder: characters outside [A-Za-z0-9._] become '-', so ids stay one readable path segment. */
function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9._]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'x';
}

export function runIdOf(target: string, lang: string, m: MatrixModel, epoch: number): string {
  return `${slug(target)}-${slug(lang)}-${slug(m.provider)}_${slug(m.model)}-e${epoch}`;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every run of the matrix, sorted by target, language, model (provider, then name) and epoch. Repeated entries count
 * once; two models whose folder names would collide are refused.
 */
export function expandMatrix(spec: MatrixSpec): Expanded {
  if (!Number.isSafeInteger(spec.epochs) || spec.epochs < 1)
    return { kind: 'error', message: `epochs must be a whole number of at least 1, got ${spec.epochs}` };
  const targets = [...new Set(spec.targets)].sort(byText);
  const langs = [...new Set(spec.langs)].sort(byText);
  const modelKeys = new Map<string, MatrixModel>();
  for (const m of spec.models) modelKeys.set(`${m.provider}:${m.model}`, m);
  const models = [...modelKeys.values()].sort((a, b) => byText(a.provider, b.provider) || byText(a.model, b.model));
  if (targets.length === 0) return { kind: 'error', message: 'no targets' };
  if (langs.length === 0) return { kind: 'error', message: 'no languages' };
  if (models.length === 0) return { kind: 'error', message: 'no models' };
  const runs: PlannedRun[] = [];
  const seen = new Map<string, string>();
  for (const target of targets)
    for (const lang of langs)
      for (const m of models)
        for (let epoch = 1; epoch <= spec.epochs; epoch++) {
          const id = runIdOf(target, lang, m, epoch);
          const what = `${target} ${lang} ${m.provider}:${m.model} epoch ${epoch}`;
          const other = seen.get(id);
          if (other !== undefined)
            return { kind: 'error', message: `${other} and ${what} would share the folder name ${id}` };
          seen.set(id, what);
          runs.push({ index: runs.length, id, target, lang, provider: m.provider, model: m.model, epoch });
        }
  return { kind: 'ok', runs };
}

export interface Shard {
  index: number;
  count: number;
}

/** `I/N` with 0 ≤ I < N. */
export function parseShard(text: string): { kind: 'ok'; value: Shard } | { kind: 'error'; message: string } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return { kind: 'error', message: `--shard wants I/N (e.g. 0/4), got '${text}'` };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1)
    return { kind: 'error', message: `--shard wants N of at least 1, got '${text}'` };
  if (index >= count) return { kind: 'error', message: `--shard I/N counts I from 0 to N-1, got ${index}/${count}` };
  return { kind: 'ok', value: { index, count } };
}

/** The runs of one shard: those whose index ≡ shard.index (mod shard.count). */
export function shardOf<T extends { index: number }>(runs: readonly T[], shard: Shard): T[] {
  return runs.filter((r) => r.index % shard.count === shard.index);
}

/** Loopback by the URL's host alone (no name lookup): 127.0.0.0/8, ::1, localhost and its subdomains. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
    host === '::1' ||
    host === '0:0:0:0:0:0:0:1'
  );
}

/** Hosted providers: their APIs never answer on this machine's loopback. */
const HOSTED = new Set(['anthropic', 'openai']);

export const PROVENANCE_RULE =
  'scripted when the replication was started with --scripted, or when a hosted provider (anthropic, openai) is ' +
  'reached at a loopback base URL (where only a test server or a local stand-in answers); real otherwise — an ' +
  'openai-compatible server on loopback (Ollama, llama.cpp, vLLM) runs a real local model';

/** The rule in PROVENANCE_RULE, decided when the run is started and recorded with it. */
export function provenanceOf(provider: string, baseUrl: string | undefined, declaredScripted: boolean): Provenance {
  if (declaredScripted) return 'scripted';
  if (HOSTED.has(provider) && baseUrl !== undefined && isLoopbackUrl(baseUrl)) return 'scripted';
  return 'real';
}
