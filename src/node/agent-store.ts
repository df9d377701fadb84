import { mkdirSync } from 'node:fs';
import { appendFile, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Checkpoint, CheckpointStore } from '../agent/checkpoint.ts';
import type { AgentResult } from '../agent/loop.ts';
import type { TrajectoryEvent } from '../agent/trajectory.ts';
import { pathProblem } from '../agent/workspace.ts';

export const CHECKPOINT_FILE = 'checkpoint.json';
export const TRAJECTORY_FILE = 'trajectory.jsonl';
export const RESULT_FILE = 'result.json';
export const RUN_FILE = 'run.json';
export const WORKSPACE_DIR = 'workspace';

/** result.json: exactly the shape (the loop's `message` and `resumable` go to stderr, not here). */
export type ResultJson = Pick<
  AgentResult,
  | 'target'
  | 'lang'
  | 'model'
  | 'solved'
  | 'visible'
  | 'hidden'
  | 'stop'
  | 'budget'
  | 'usage'
  | 'toolCalls'
  | 'turns'
  | 'ms'
>;

export function resultJson(r: AgentResult): ResultJson {
  return {
    target: r.target,
    lang: r.lang,
    model: r.model,
    solved: r.solved,
    visible: r.visible,
    hidden: r.hidden,
    stop: r.stop,
    ...(r.budget ? { budget: r.budget } : {}),
    usage: r.usage,
    toolCalls: r.toolCalls,
    turns: r.turns,
    ms: r.ms,
  };
}

/** Writes `text` so that a reader sees the old file or the new one, never a torn one: temp file, fsync, rename. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

/**
 * A run's folder as a CheckpointStore: `checkpoint.json` replaced atomically after every step, `trajectory.jsonl`
 * appended, and `workspace/` kept equal to the checkpoint's workspace (the agent's files, readable while it works).
 */
export class FolderCheckpointStore implements CheckpointStore {
  readonly dir: string;
  /** What workspace/ holds, by path, as last written. */
  #written = new Map<string, string>();
  /** Saves run one after another, so an older checkpoint can never replace a newer one. */
  #queue: Promise<void> = Promise.resolve();

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(join(dir, WORKSPACE_DIR), { recursive: true });
  }

  async load(): Promise<Checkpoint | undefined> {
    let text: string;
    try {
      text = await readFile(join(this.dir, CHECKPOINT_FILE), 'utf8');
    } catch {
      return undefined;
    }
    // A torn or foreign file is the loop's to report (it re-checks the shape); here it only must not throw.
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = { version: 'unreadable JSON' };
    }
    // workspace/ may be ahead of the checkpoint (killed between the two writes): it is rewritten from the checkpoint
    // at the next save.
    await rm(join(this.dir, WORKSPACE_DIR), { recursive: true, force: true });
    await mkdir(join(this.dir, WORKSPACE_DIR), { recursive: true });
    this.#written.clear();
    return value as Checkpoint;
  }

  save(checkpoint: Checkpoint): Promise<void> {
    // Serialised now, before any await: the loop changes its live state once this settles (CheckpointStore).
    const text = JSON.stringify(checkpoint);
    const workspace = { ...checkpoint.workspace };
    const next = this.#queue.then(async () => {
      await this.#syncWorkspace(workspace);
      await writeAtomic(join(this.dir, CHECKPOINT_FILE), text);
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async appendEvents(events: TrajectoryEvent[]): Promise<void> {
    const text = events.map((e) => `${JSON.stringify(e)}\n`).join('');
    await this.#queue;
    await appendFile(join(this.dir, TRAJECTORY_FILE), text, 'utf8');
  }

  async writeResult(result: AgentResult): Promise<void> {
    await this.#queue;
    await writeAtomic(join(this.dir, RESULT_FILE), `${JSON.stringify(resultJson(result), null, 2)}\n`);
  }

  async #syncWorkspace(files: Record<string, string>): Promise<void> {
    const root = join(this.dir, WORKSPACE_DIR);
    for (const path of [...this.#written.keys()]) {
      if (path in files) continue;
      await rm(join(root, path), { force: true });
      this.#written.delete(path);
    }
    for (const [path, content] of Object.entries(files)) {
      if (this.#written.get(path) === content) continue;
      // The loop's workspace rules already refuse these; checked again because this writes to the real disk.
      if (pathProblem(path) !== undefined) continue;
      const file = join(root, path);
      await mkdir(dirname(file), { recursive: true });
      await writeAtomic(file, content);
      this.#written.set(path, content);
    }
  }
}
