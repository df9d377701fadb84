import { describe, expect, it } from 'vitest';
import { expandMatrix, isLoopbackUrl, parseModelId, parseShard, provenanceOf, runIdOf, shardOf } from './matrix.ts';

const spec = {
  targets: ['uuidparse', 'cal', 'bc'],
  langs: ['python', 'c'],
  models: [
    { provider: 'openai', model: 'gpt-5' },
    { provider: 'anthropic', model: 'claude-sonnet-4-6' },
  ],
  epochs: 3,
};

function runs(s = spec) {
  const e = expandMatrix(s);
  if (e.kind === 'error') throw new Error(e.message);
  return e.runs;
}

describe('expandMatrix', () => {
  it('expands target × lang × model × epoch, sorted, indexed from 0', () => {
    const all = runs();
    expect(all).toHaveLength(3 * 2 * 2 * 3);
    expect(all.map((r) => r.index)).toEqual(all.map((_, i) => i));
    expect(all.slice(0, 4).map((r) => r.id)).toEqual([
      'bc-c-anthropic_claude-sonnet-4-6-e1',
      'bc-c-anthropic_claude-sonnet-4-6-e2',
      'bc-c-anthropic_claude-sonnet-4-6-e3',
      'bc-c-openai_gpt-5-e1',
    ]);
    expect(all.at(-1)).toEqual({
      index: 35,
      id: 'uuidparse-python-openai_gpt-5-e3',
      target: 'uuidparse',
      lang: 'python',
      provider: 'openai',
      model: 'gpt-5',
      epoch: 3,
    });
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
  });

  it('gives the same list whatever order the flags listed things in, repeats counted once', () => {
    const shuffled = {
      targets: ['bc', 'uuidparse', 'cal', 'bc'],
      langs: ['c', 'python'],
      models: [spec.models[1]!, spec.models[0]!, spec.models[1]!],
      epochs: 3,
    };
    expect(runs(shuffled)).toEqual(runs());
  });

  it('refuses zero epochs, empty lists, and two models that would share a folder', () => {
    expect(expandMatrix({ ...spec, epochs: 0 }).kind).toBe('error');
    expect(expandMatrix({ ...spec, targets: [] }).kind).toBe('error');
    const clash = expandMatrix({
      ...spec,
      models: [
        { provider: 'openai-compatible', model: 'qwen3:8b' },
        { provider: 'openai-compatible', model: 'qwen3/8b' },
      ],
    });
    expect(clash).toMatchObject({ kind: 'error', message: expect.stringContaining('would share the folder name') });
  });

  it('makes readable single-segment folder names', () => {
    expect(runIdOf('cal', 'python', { provider: 'openai-compatible', model: 'qwen3:8b' }, 2)).toBe(
      'cal-python-openai-compatible_qwen3-8b-e2',
    );
    expect(runIdOf('cal', 'c', { provider: 'openai', model: '../../etc' }, 1)).toBe('cal-c-openai_etc-e1');
  });
});

describe('parseModelId', () => {
  it('splits at the first colon only', () => {
    expect(parseModelId('openai-compatible:qwen3:8b')).toEqual({
      kind: 'ok',
      value: { provider: 'openai-compatible', model: 'qwen3:8b' },
    });
    expect(parseModelId('gpt-5').kind).toBe('error');
    expect(parseModelId('openai:').kind).toBe('error');
  });
});

describe('sharding', () => {
  it('validates I/N with I from 0 to N-1', () => {
    expect(parseShard('0/4')).toEqual({ kind: 'ok', value: { index: 0, count: 4 } });
    expect(parseShard('3/4')).toEqual({ kind: 'ok', value: { index: 3, count: 4 } });
    expect(parseShard('4/4').kind).toBe('error');
    expect(parseShard('1/0').kind).toBe('error');
    expect(parseShard('-1/2').kind).toBe('error');
    expect(parseShard('1').kind).toBe('error');
  });

  it.each([1, 2, 3, 5, 7, 36, 50])('the union of %i shards is the whole matrix, and they are disjoint', (n) => {
    const all = runs();
    const shards = Array.from({ length: n }, (_, i) => shardOf(all, { index: i, count: n }));
    const ids = shards.flat().map((r) => r.id);
    expect(ids).toHaveLength(all.length);
    expect(new Set(ids).size).toBe(all.length);
    expect([...ids].sort()).toEqual(all.map((r) => r.id).sort());
    // Balanced: no shard has more than one run more than another.
    const sizes = shards.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('takes the runs whose index is I mod N', () => {
    expect(shardOf(runs(), { index: 1, count: 4 }).map((r) => r.index)).toEqual([1, 5, 9, 13, 17, 21, 25, 29, 33]);
  });
});

describe('provenance', () => {
  it('knows loopback by the host alone', () => {
    for (const url of [
      'http://127.0.0.1:9/v1',
      'http://127.4.5.6',
      'http://localhost:1',
      'http://[::1]:8/',
      'http://a.localhost',
    ])
      expect(isLoopbackUrl(url), url).toBe(true);
    for (const url of ['https://api.anthropic.com', 'http://10.0.0.1', 'http://127.0.0.1.example.org', 'not a url'])
      expect(isLoopbackUrl(url), url).toBe(false);
  });

  it('marks hosted providers on loopback, or a declared scripted matrix, as scripted; local servers as real', () => {
    expect(provenanceOf('anthropic', 'http://127.0.0.1:4000', false)).toBe('scripted');
    expect(provenanceOf('openai', 'http://localhost:4000/v1', false)).toBe('scripted');
    expect(provenanceOf('anthropic', undefined, false)).toBe('real');
    expect(provenanceOf('openai', 'https://api.openai.com/v1', false)).toBe('real');
    expect(provenanceOf('openai-compatible', 'http://127.0.0.1:11434/v1', false)).toBe('real');
    expect(provenanceOf('openai-compatible', 'http://127.0.0.1:11434/v1', true)).toBe('scripted');
  });
});
