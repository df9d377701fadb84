import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Provenance } from '../../agent/report/matrix.ts';
import {
  parseResult,
  TrajectoryCurve,
  type Parsed,
  type PlannedInput,
  type RunInput,
  type SpendPoint,
} from '../../agent/report/report.ts';
import { CHECKPOINT_FILE, RESULT_FILE, RUN_FILE, TRAJECTORY_FILE } from '../agent-store.ts';
import { MATRIX_FILE, REPLICATE_FILE } from './run-state.ts';

const RUN_MARKERS = [RUN_FILE, RESULT_FILE, CHECKPOINT_FILE, TRAJECTORY_FILE, REPLICATE_FILE];

export type Found = { kind: 'ok'; runs: RunInput[]; planned: PlannedInput[] } | { kind: 'error'; message: string };

const isRunFolder = (dir: string): boolean => RUN_MARKERS.some((f) => existsSync(join(dir, f)));

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The trajectory read a line at a time, so a long run's log never sits in memory whole. */
async function readTrajectory(path: string): Promise<Parsed<SpendPoint[]>> {
  if (!existsSync(path)) return { kind: 'missing' };
  const curve = new TrajectoryCurve();
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) curve.line(line);
  return curve.finish();
}

async function readRun(dir: string): Promise<RunInput> {
  const rep = readJson(join(dir, REPLICATE_FILE)) as Record<string, unknown> | undefined;
  const run = readJson(join(dir, RUN_FILE)) as Record<string, unknown> | undefined;
  const resultPath = join(dir, RESULT_FILE);
  const result = parseResult(existsSync(resultPath) ? readFileSync(resultPath, 'utf8') : undefined);
  const provenance = str(rep?.provenance);
  const target = str(rep?.target) ?? str(run?.target);
  const lang = str(rep?.lang) ?? str(run?.lang);
  const provider = str(rep?.provider) ?? str(run?.provider);
  const model = str(rep?.model) ?? str(run?.model);
  const bucket = str(rep?.bucket);
  const role = str(rep?.role);
  const baseUrl = str(run?.baseUrl);
  return {
    id: str(rep?.id) ?? basename(dir),
    source: dir,
    ...(target !== undefined ? { target } : {}),
    ...(lang !== undefined ? { lang } : {}),
    ...(provider !== undefined ? { provider } : {}),
    ...(model !== undefined ? { model } : {}),
    ...(typeof rep?.epoch === 'number' ? { epoch: rep.epoch } : {}),
    ...(bucket !== undefined ? { bucket } : {}),
    ...(role !== undefined ? { role } : {}),
    ...(provenance === 'scripted' || provenance === 'real' ? { provenance: provenance as Provenance } : {}),
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    result,
    trajectory: await readTrajectory(join(dir, TRAJECTORY_FILE)),
  };
}

/**
 * Every run folder in `dirs`: each DIR is a run folder itself or holds run folders (and a matrix.json, whose runs
 * are the ones planned). Folders are read in sorted order; the report does not depend on it.
 */
export async function findRuns(dirs: readonly string[]): Promise<Found> {
  const runs: RunInput[] = [];
  const planned: PlannedInput[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return { kind: 'error', message: `${dir}: no such folder` };
    const matrixPath = join(dir, MATRIX_FILE);
    if (existsSync(matrixPath)) {
      const matrix = readJson(matrixPath) as { runs?: unknown } | undefined;
      if (!matrix || !Array.isArray(matrix.runs))
        return { kind: 'error', message: `${matrixPath}: not a matrix.json written by mirrorbox replicate` };
      for (const r of matrix.runs as PlannedInput[]) planned.push(r);
    }
    if (isRunFolder(dir)) {
      runs.push(await readRun(dir));
      continue;
    }
    const subdirs = readdirSync(dir)
      .sort()
      .map((name) => join(dir, name))
      .filter((path) => statSync(path).isDirectory() && isRunFolder(path));
    for (const sub of subdirs) runs.push(await readRun(sub));
  }
  return { kind: 'ok', runs, planned };
}
