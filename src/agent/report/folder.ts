/**
 * A run folder's files (as texts) → the report's input: the one reading of replicate.json, run.json and matrix.json,
 * shared by the CLI (files on disk) and the app (a folder picked in the browser).
 */
import type { Provenance } from './matrix.ts';
import { parseResult, type Parsed, type PlannedInput, type RunInput, type SpendPoint } from './report.ts';

export const FOLDER_FILES = {
  run: 'run.json',
  result: 'result.json',
  checkpoint: 'checkpoint.json',
  trajectory: 'trajectory.jsonl',
  replicate: 'replicate.json',
  matrix: 'matrix.json',
} as const;

/** The names whose presence makes a folder a run folder. */
export const RUN_MARKERS: readonly string[] = [
  FOLDER_FILES.run,
  FOLDER_FILES.result,
  FOLDER_FILES.checkpoint,
  FOLDER_FILES.trajectory,
  FOLDER_FILES.replicate,
];

function json(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export interface FolderTexts {
  /** The folder's own name: the run id when replicate.json gives none. */
  name: string;
  source: string;
  replicate?: string;
  run?: string;
  result?: string;
}

export function runInputOf(folder: FolderTexts, trajectory: Parsed<SpendPoint[]>): RunInput {
  const rep = json(folder.replicate);
  const run = json(folder.run);
  const pick = (field: string): string | undefined => str(rep?.[field]) ?? str(run?.[field]);
  const fields: Record<string, string | undefined> = {
    target: pick('target'),
    lang: pick('lang'),
    provider: pick('provider'),
    model: pick('model'),
    bucket: str(rep?.bucket),
    role: str(rep?.role),
    baseUrl: str(run?.baseUrl),
  };
  const provenance = str(rep?.provenance);
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<RunInput>;
  return {
    id: str(rep?.id) ?? folder.name,
    source: folder.source,
    ...defined,
    ...(typeof rep?.epoch === 'number' ? { epoch: rep.epoch } : {}),
    ...(provenance === 'scripted' || provenance === 'real' ? { provenance: provenance as Provenance } : {}),
    result: parseResult(folder.result),
    trajectory,
  };
}

/** matrix.json → the runs it plans; an error names what is wrong. */
export function plannedOf(text: string): { kind: 'ok'; runs: PlannedInput[] } | { kind: 'error'; message: string } {
  const matrix = json(text);
  if (!matrix || !Array.isArray(matrix.runs))
    return { kind: 'error', message: 'not a matrix.json of mirrorbox replicate' };
  const runs: PlannedInput[] = [];
  for (const r of matrix.runs as Record<string, unknown>[]) {
    if (typeof r?.id !== 'string' || typeof r.target !== 'string')
      return { kind: 'error', message: 'a run of matrix.json has no id or target' };
    runs.push(r as unknown as PlannedInput);
  }
  return { kind: 'ok', runs };
}
