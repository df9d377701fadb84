import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKPOINT_FILE, RESULT_FILE } from '../agent-store.ts';

/** Stops after which a run is over for good; `cancelled` and `error` (a refused key, a quota) resume. */
export const FINAL_STOPS: readonly string[] = ['submitted', 'budget', 'spinning'];

/** The per-run file replicate writes beside the agent's own: where the run sits in its matrix, and its provenance. */
export const REPLICATE_FILE = 'replicate.json';
export const MATRIX_FILE = 'matrix.json';
export const LOG_FILE = 'agent.log';

export type RunState =
  { kind: 'finished'; solved: boolean; stop: string } | { kind: 'resumable'; why: string } | { kind: 'new' };

/** What a run folder holds, judged from result.json and checkpoint.json alone. */
export function runStateOf(dir: string): RunState {
  const resultPath = join(dir, RESULT_FILE);
  if (existsSync(resultPath)) {
    let result: unknown;
    try {
      result = JSON.parse(readFileSync(resultPath, 'utf8'));
    } catch {
      result = undefined;
    }
    const r = result as { stop?: unknown; solved?: unknown } | undefined;
    if (r && typeof r.stop === 'string' && FINAL_STOPS.includes(r.stop) && typeof r.solved === 'boolean')
      return { kind: 'finished', solved: r.solved, stop: r.stop };
    if (existsSync(join(dir, CHECKPOINT_FILE)))
      return { kind: 'resumable', why: r && typeof r.stop === 'string' ? `stopped: ${r.stop}` : 'unreadable result' };
  }
  if (existsSync(join(dir, CHECKPOINT_FILE))) return { kind: 'resumable', why: 'checkpoint' };
  return { kind: 'new' };
}
