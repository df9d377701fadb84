/** The CLI's folder CheckpointStore: what it writes, when, and that a resume starts from the checkpoint alone. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Checkpoint } from '../../src/agent/checkpoint.ts';
import { initialSpin } from '../../src/agent/spinning.ts';
import type { AgentResult } from '../../src/agent/loop.ts';
import { FolderCheckpointStore, resultJson } from '../../src/node/agent-store.ts';

const root = mkdtempSync(join(tmpdir(), 'mirrorbox-agent-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function checkpoint(workspace: Record<string, string>, seq = 1): Checkpoint {
  return {
    version: 1,
    seq,
    messages: [{ role: 'user', content: [{ kind: 'text', text: 'task' }] }],
    workspace,
    usage: {
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      wallMs: 0,
      toolCalls: 0,
      turns: 0,
    },
    counters: {},
    settings: { budgets: {}, contextTokens: 1000 },
    run: { target: 't', language: 'python', provider: 'anthropic', model: 'm', promptVersion: 'p' },
    spin: initialSpin(),
    pendingText: [],
  };
}

describe('FolderCheckpointStore', () => {
  it('saves what it was given at the call, mirrors the workspace, and loads it back', async () => {
    const dir = join(root, 'a');
    const store = new FolderCheckpointStore(dir);
    expect(await store.load()).toBeUndefined();
    const live = checkpoint({ 'main.py': 'print(1)\n', 'lib/util.py': 'x = 1\n' });
    const saving = store.save(live);
    // The loop changes its live state once save() is called; what is written is the state at the call.
    live.workspace['main.py'] = 'changed';
    live.seq = 99;
    await saving;
    expect(readFileSync(join(dir, 'workspace/main.py'), 'utf8')).toBe('print(1)\n');
    expect(readFileSync(join(dir, 'workspace/lib/util.py'), 'utf8')).toBe('x = 1\n');
    await store.save(checkpoint({ 'main.py': 'print(2)\n' }, 2));
    expect(existsSync(join(dir, 'workspace/lib/util.py'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const again = await new FolderCheckpointStore(dir).load();
    expect(again?.seq).toBe(2);
    expect(again?.workspace).toEqual({ 'main.py': 'print(2)\n' });
  });

  it('on load, workspace/ is rewritten from the checkpoint (a file written after it is gone at the next save)', async () => {
    const dir = join(root, 'b');
    await new FolderCheckpointStore(dir).save(checkpoint({ 'main.py': 'old\n' }));
    // As a kill between mirroring the workspace and replacing the checkpoint would leave it.
    writeFileSync(join(dir, 'workspace/main.py'), 'newer\n');
    writeFileSync(join(dir, 'workspace/extra.py'), 'newer\n');
    writeFileSync(join(dir, 'checkpoint.json.123.tmp'), '{"torn');
    const store = new FolderCheckpointStore(dir);
    const loaded = await store.load();
    expect(loaded?.workspace).toEqual({ 'main.py': 'old\n' });
    if (!loaded) throw new Error('no checkpoint');
    await store.save(loaded);
    expect(readdirSync(join(dir, 'workspace'))).toEqual(['main.py']);
    expect(readFileSync(join(dir, 'workspace/main.py'), 'utf8')).toBe('old\n');
  });

  it('appends events as JSON lines after the saves before them, and result.json has exactly the issue’s fields', async () => {
    const dir = join(root, 'c');
    const store = new FolderCheckpointStore(dir);
    void store.save(checkpoint({}));
    await store.appendEvents([{ seq: 0, t: 'now', kind: 'resume', fromSeq: 0 }]);
    await store.appendEvents([{ seq: 1, t: 'now', kind: 'pause', reason: 'r' }]);
    expect(readFileSync(join(dir, 'trajectory.jsonl'), 'utf8')).toBe(
      '{"seq":0,"t":"now","kind":"resume","fromSeq":0}\n{"seq":1,"t":"now","kind":"pause","reason":"r"}\n',
    );
    const result: AgentResult = {
      target: 't',
      lang: 'python',
      model: 'm',
      solved: false,
      visible: { passed: 1, total: 2 },
      hidden: { passed: 0, total: 0 },
      stop: 'error',
      usage: { inputTokens: 1, outputTokens: 2 },
      toolCalls: 0,
      turns: 1,
      ms: 5,
      message: 'the API key was refused',
      resumable: true,
    };
    await store.writeResult(result);
    const written = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as Record<string, unknown>;
    expect(written).toEqual(resultJson(result));
    expect(Object.keys(written)).toEqual([
      'target',
      'lang',
      'model',
      'solved',
      'visible',
      'hidden',
      'stop',
      'usage',
      'toolCalls',
      'turns',
      'ms',
    ]);
  });
});
