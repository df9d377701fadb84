/**
 * The agent harness's own overhead per tool call, model and tool time excluded: a scripted model that answers at
 * once and an environment whose operations return at once, so what is measured is the loop — argument validation,
 * bounded results, budget and spinning bookkeeping, trajectory events and a checkpoint (JSON, in memory) after every
 * step; and the same with the CLI's folder store (atomic, fsynced checkpoint files), the headless host's overhead.
 * Reported for a small and for a large conversation/workspace, since each checkpoint serialises both. Not a test:
 * nothing here fails on a number. Run: `npx tsx bench/agent.ts`.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckpointStore } from '../src/agent/checkpoint.ts';
import { runAgent } from '../src/agent/loop.ts';
import { MemoryCheckpointStore } from '../src/agent/memory-store.ts';
import { callTurn, FakeEnvironment, ScriptedModel, type Script } from '../src/agent/testing/scripted.ts';
import { CHECKPOINT_FILE, FolderCheckpointStore } from '../src/node/agent-store.ts';

const CALLS = 400;

type StoreKind = 'none' | 'memory' | 'folder';

async function measure(fileBytes: number, kind: StoreKind): Promise<{ perCallMs: number; checkpointBytes: number }> {
  const serialise = kind !== 'none';
  const content = 'x'.repeat(fileBytes);
  // Distinct calls (no spinning), each a write and a read: the checkpoint grows with the conversation.
  const script: Script = ({ answered }) =>
    answered >= CALLS / 2
      ? callTurn([['submit', {}]])
      : callTurn([
          ['write_file', { path: `f${answered % 20}.py`, content: `${answered}${content}` }],
          ['list_files', {}],
        ]);
  const memory = new MemoryCheckpointStore();
  let last = 0;
  // Without serialising: what the loop itself costs, apart from the host's storage.
  const dir = kind === 'folder' ? mkdtempSync(join(tmpdir(), 'mirrorbox-bench-agent-')) : '';
  // The CLI's own store: checkpoint.json written to a temp file, fsynced and renamed; the workspace mirrored.
  const store: CheckpointStore =
    kind === 'folder'
      ? new FolderCheckpointStore(dir)
      : kind === 'memory'
        ? memory
        : { load: async () => undefined, save: async () => void last++, appendEvents: async () => undefined };
  const start = performance.now();
  const result = await runAgent({
    environment: new FakeEnvironment(),
    model: new ScriptedModel(script, 'scripted-model', false),
    settings: { budgets: {}, contextTokens: 10_000_000, spinToolCalls: 10_000 },
    store,
    signal: new AbortController().signal,
    secret: 'bench-key-not-real-0004',
  });
  const ms = performance.now() - start;
  const checkpointBytes =
    kind === 'folder'
      ? statSync(join(dir, CHECKPOINT_FILE)).size
      : serialise
        ? (memory.saved.at(-1)?.length ?? 0)
        : last;
  if (dir) rmSync(dir, { recursive: true, force: true });
  return { perCallMs: ms / result.toolCalls, checkpointBytes };
}

await measure(100, 'memory'); // warm-up
for (const bytes of [100, 4_000]) {
  const loop = await measure(bytes, 'none');
  const r = await measure(bytes, 'memory');
  const folder = await measure(bytes, 'folder');
  console.log(
    `agent loop overhead, files of ${bytes} bytes: ${loop.perCallMs.toFixed(3)} ms per tool call in the loop, ` +
      `${r.perCallMs.toFixed(3)} ms with each checkpoint serialised to JSON, ${folder.perCallMs.toFixed(3)} ms with ` +
      `the CLI's folder store (fsync + rename per checkpoint) (${CALLS + 1} calls, last checkpoint ` +
      `${(r.checkpointBytes / 1024).toFixed(0)} KiB)`,
  );
}
