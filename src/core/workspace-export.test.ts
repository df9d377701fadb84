import { describe, expect, it } from 'vitest';
import { fileNameProblem, sourcesDigest } from './source-file.ts';
import { parseWorkspaceJson, workspaceToJson, type WorkspaceSnapshot } from './workspace-export.ts';

const snapshot: WorkspaceSnapshot = {
  target: 'uuidparse',
  toolchain: 'wasm',
  files: [
    { name: 'NOTES.md', content: 'héllo\n' },
    { name: 'candidate.wasm', content: new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0xff]) },
  ],
  scratchTests: [
    { case: { id: 'scratch-1', argv: ['-J', 'x'], stdin: 'a\n' }, gold: { code: 1, stdout: '', stderr: 'bad\n' } },
  ],
};

describe('workspace export files', () => {
  it('round-trips text, binary files and scratch tests', () => {
    const parsed = parseWorkspaceJson(workspaceToJson(snapshot, new Date(0)));
    expect(parsed).toEqual({ kind: 'ok', snapshot });
  });

  it('says what is wrong with files that are not workspaces', () => {
    const msg = (text: string) => {
      const r = parseWorkspaceJson(text);
      return r.kind === 'error' ? r.message : 'ok';
    };
    expect(msg('\0asm garbage')).toMatch(/not a mirrorbox workspace file \(it is not JSON\)/);
    expect(msg('{"format":"mirrorbox-pack/1"}')).toMatch(/expected "format": "mirrorbox-workspace\/1"/);
    const base = { format: 'mirrorbox-workspace/1', target: 'uuidparse', toolchain: 'wasm' };
    expect(msg(JSON.stringify({ ...base, files: [{ name: '../x', text: '' }] }))).toMatch(/\.\. parts/);
    expect(msg(JSON.stringify({ ...base, files: [{ name: 'a' }] }))).toMatch(/neither text nor base64/);
    expect(
      msg(
        JSON.stringify({
          ...base,
          files: [
            { name: 'a', text: '' },
            { name: 'a', text: '' },
          ],
        }),
      ),
    ).toMatch(/appears twice/);
    expect(msg(JSON.stringify({ ...base, files: [], scratchTests: [{ case: {} }] }))).toMatch(/scratch test 1/);
  });
});

describe('source files', () => {
  it('hash the same whatever their order, and differently when a byte changes', () => {
    const a = sourcesDigest(snapshot.files);
    expect(sourcesDigest([...snapshot.files].reverse())).toBe(a);
    expect(sourcesDigest([{ name: 'NOTES.md', content: 'hello\n' }, snapshot.files[1]!])).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accept relative names only', () => {
    expect(fileNameProblem('src/main.rs')).toBeUndefined();
    expect(fileNameProblem('')).toMatch(/needs a name/);
    expect(fileNameProblem('/etc/passwd')).toMatch(/relative/);
    expect(fileNameProblem('a//b')).toMatch(/empty/);
  });
});
