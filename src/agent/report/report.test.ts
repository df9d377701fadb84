import { describe, expect, it } from 'vitest';
import { reportHtml } from './html.ts';
import { reportMarkdown } from './markdown.ts';
import { buildReport, parseResult, parseTrajectory, type RunInput, type RunResult, type SpendPoint } from './report.ts';

function result(over: Partial<RunResult>): RunResult {
  return {
    target: 'cal',
    lang: 'python',
    model: 'm',
    solved: false,
    visible: { passed: 0, total: 0 },
    hidden: { passed: 0, total: 0 },
    stop: 'budget',
    budget: 'tool-calls',
    usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
    toolCalls: 1,
    turns: 1,
    ms: 60_000,
    ...over,
  };
}

function run(id: string, r: RunResult | 'missing', extra: Partial<RunInput> = {}, points: SpendPoint[] = []): RunInput {
  const [target, lang] = id.split('-') as [string, string];
  return {
    id,
    source: `dir/${id}`,
    target,
    lang,
    provider: 'anthropic',
    model: r === 'missing' ? 'm' : r.model,
    bucket: target === 'sed' ? 'M' : 'S',
    provenance: 'real',
    result: r === 'missing' ? { kind: 'missing' } : { kind: 'ok', value: r },
    trajectory: { kind: 'ok', value: points },
    ...extra,
  };
}

/** Model a: 3 runs (cal solved, cal not, sed not), model b: 1 run. */
const runs: RunInput[] = [
  run(
    'cal-python-a-e1',
    result({
      model: 'a',
      solved: true,
      stop: 'submitted',
      budget: undefined,
      visible: { passed: 10, total: 10 },
      hidden: { passed: 5, total: 5 },
      usage: { inputTokens: 1000, outputTokens: 100, costUsd: 0.5 },
      ms: 120_000,
    }),
    {},
    [
      { tokens: 500, costUsd: 0.2, rate: 0.5 },
      { tokens: 1100, costUsd: 0.5, rate: 1 },
    ],
  ),
  run(
    'cal-python-a-e2',
    result({
      model: 'a',
      stop: 'submitted',
      budget: undefined,
      visible: { passed: 6, total: 10 },
      hidden: { passed: 2, total: 5 },
      usage: { inputTokens: 2000, outputTokens: 200, costUsd: 1 },
    }),
    {},
    [{ tokens: 800, costUsd: 0.4, rate: 0.6 }],
  ),
  run(
    'sed-python-a-e1',
    result({
      model: 'a',
      target: 'sed',
      visible: { passed: 1, total: 4 },
      usage: { inputTokens: 300, outputTokens: 30, costUsd: 0.25 },
      stop: 'spinning',
      budget: undefined,
      ms: 30_000,
    }),
  ),
  run('cal-python-b-e1', result({ model: 'b', usage: { inputTokens: 50, outputTokens: 5 } })),
];

describe('buildReport', () => {
  const report = buildReport({ runs, planned: [] });

  it('gives per-model solve rates, buckets, mean pass rates, tokens, cost, time and stops (hand-computed)', () => {
    expect(report.rows.map((r) => r.key)).toEqual(['anthropic:a · python · real', 'anthropic:b · python · real']);
    const [a, b] = report.rows;
    expect(a).toMatchObject({
      runs: 3,
      targetsSolved: 1,
      targetsAttempted: 2,
      solveRate: 1 / 3,
      buckets: { S: { runs: 2, solved: 1, rate: 0.5 }, M: { runs: 1, solved: 0, rate: 0 } },
      // (1 + 0.6 + 0.25) / 3 over three runs; hidden (1 + 0.4) / 2 over the two submitted.
      visibleRuns: 3,
      hiddenRuns: 2,
      inputTokens: 3300,
      outputTokens: 330,
      costUsd: 1.75,
      ms: 210_000,
      stops: { spinning: 1, submitted: 2 },
    });
    expect(a?.visibleMean).toBeCloseTo(1.85 / 3, 12);
    expect(a?.hiddenMean).toBeCloseTo(0.7, 12);
    // No price for b: its cost is unknown, not 0; no scored run: no pass rates.
    expect(b).toMatchObject({ runs: 1, costUsd: null, visibleMean: null, hiddenMean: null, solveRate: 0 });
    expect(b?.buckets).toEqual({ M: { runs: 0, solved: 0, rate: null }, S: { runs: 1, solved: 0, rate: 0 } });
    expect(report).toMatchObject({ found: 4, counted: 4, real: 4, scripted: 0, buckets: ['M', 'S'] });
  });

  it('draws the curve over tokens when some run has no cost, each run holding its latest score', () => {
    expect(report.curveAxis).toBe('tokens');
    const [a] = report.curves;
    // Three runs of a (sed's trajectory has no score): at 500 tokens (0.5 + 0 + 0) / 3, at 800 (0.5 + 0.6) / 3, at
    // 1100 (1 + 0.6) / 3.
    expect(a?.x).toEqual([0, 500, 800, 1100]);
    expect(a?.y.map((y) => Number(y.toFixed(6)))).toEqual([0, 0.166667, 0.366667, 0.533333]);
    const priced = buildReport({ runs: runs.slice(0, 3), planned: [] });
    expect(priced.curveAxis).toBe('cost');
    expect(priced.curves[0]?.x).toEqual([0, 0.2, 0.4, 0.5]);
  });

  it('renders "—" for figures no run gives, and the same bytes whatever order the runs came in', () => {
    const md = reportMarkdown(report);
    expect(md).toContain(
      '| anthropic:b | python | 1 | real | 0 / 1 | 0.0% | — | 0.0% (0/1) | — | — | 50 / 5 | — | 1.0 min | budget (tool-calls) 1 |',
    );
    expect(md).toContain(
      '| anthropic:a | python | 3 | real | 1 / 2 | 33.3% | 0.0% (0/1) | 50.0% (1/2) | 61.7% (3) | 70.0% (2) | 3,300 / 330 | $1.7500 | 3.5 min | spinning 1, submitted 2 |',
    );
    const shuffled = buildReport({ runs: [...runs].reverse(), planned: [] });
    expect(reportMarkdown(shuffled)).toBe(md);
    expect(reportHtml(shuffled, { js: '', css: '' })).toBe(reportHtml(report, { js: '', css: '' }));
    expect(md).not.toMatch(/Generated at/);
    expect(reportMarkdown(buildReport({ runs, planned: [], generatedAt: 'day 1' }))).toContain('Generated at day 1.');
  });

  it('leaves wall time out on request', () => {
    const md = reportMarkdown(buildReport({ runs, planned: [], omitTime: true }));
    expect(md).not.toContain(' min |');
    expect(md).toContain('Wall time left out');
  });

  it('keeps scripted and real runs of the same model in separate rows, and marks inferred provenance', () => {
    const mixed = buildReport({
      runs: [
        run('cal-python-a-e1', result({ model: 'a' }), { provenance: 'scripted' }),
        run('cal-python-a-e2', result({ model: 'a' }), { provenance: undefined, baseUrl: 'http://127.0.0.1:9' }),
        run('cal-python-a-e3', result({ model: 'a' }), { provenance: undefined }),
      ],
      planned: [],
    });
    expect(mixed.rows.map((r) => [r.key, r.runs, r.provenanceInferred])).toEqual([
      ['anthropic:a · python · real', 1, 1],
      ['anthropic:a · python · scripted', 2, 1],
    ]);
    expect(reportMarkdown(mixed)).toContain('| scripted (1 inferred) |');
  });
});

describe('runs that cannot be counted', () => {
  it('lists missing, corrupt, unfinished and never-started runs in their own section, not skipped', () => {
    const report = buildReport({
      runs: [
        run('cal-python-a-e1', result({ model: 'a' }), {}, [{ tokens: 10, rate: 0.5 }]),
        run('cal-python-a-e2', 'missing'),
        { ...run('cal-python-a-e3', 'missing'), result: parseResult('{"target": "cal", "solved": tr') },
        { ...run('cal-python-a-e4', 'missing'), result: parseResult('{"target": "cal"}') },
        run('cal-python-a-e5', result({ model: 'a', stop: 'cancelled' })),
        { ...run('cal-python-a-e6', result({ model: 'a' })), trajectory: { kind: 'missing' } },
        {
          ...run('cal-python-a-e7', result({ model: 'a' })),
          trajectory: parseTrajectory('{"seq":0,"kind":"start"}\n{"se'),
        },
      ],
      planned: [
        {
          id: 'cal-python-a-e8',
          target: 'cal',
          lang: 'python',
          provider: 'anthropic',
          model: 'a',
          epoch: 8,
          bucket: 'S',
          provenance: 'real',
        },
      ],
    });
    expect(report.problems.map((p) => [p.id, p.kind, p.counted])).toEqual([
      ['cal-python-a-e2', 'result missing', false],
      ['cal-python-a-e3', 'result corrupt', false],
      ['cal-python-a-e4', 'result corrupt', false],
      ['cal-python-a-e5', 'not finished', false],
      ['cal-python-a-e6', 'trajectory missing', true],
      ['cal-python-a-e7', 'trajectory corrupt', true],
      ['cal-python-a-e8', 'not started', false],
    ]);
    expect(report.problems[1]?.detail).toMatch(/^result\.json: not JSON/);
    expect(report.problems[2]?.detail).toBe('result.json: no valid lang');
    expect(report.problems[5]?.detail).toMatch(/^trajectory\.jsonl: line 2 is not JSON; counted in the tables/);
    expect(report).toMatchObject({ planned: 1, found: 7, counted: 3 });
    expect(report.rows[0]?.runs).toBe(3);
    // Counted in the table, left out of the curve: only e1 draws.
    expect(report.curves[0]?.runs).toBe(1);
    const md = reportMarkdown(report);
    expect(md).toContain('| cal-python-a-e8 | not started | planned in matrix.json, no folder found | no |');
    expect(md).toContain('7 run folders found, 1 planned in matrix.json; 3 counted');
  });

  it('keeps one copy of a run found twice, noting it only when the copies differ', () => {
    const r = run('cal-python-a-e1', result({ model: 'a' }));
    const copy = {
      ...r,
      source: 'other/cal-python-a-e1',
      result: { kind: 'ok' as const, value: { ...result({ model: 'a' }), ms: 1 } },
    };
    const same = buildReport({ runs: [r, copy], planned: [] });
    expect(same).toMatchObject({ found: 1, counted: 1, notes: [] });
    const unfinished = {
      ...r,
      source: 'b/cal-python-a-e1',
      result: { kind: 'ok' as const, value: result({ model: 'a', stop: 'cancelled' }) },
    };
    const differ = buildReport({ runs: [unfinished, r], planned: [] });
    expect(differ.counted).toBe(1);
    expect(differ.notes).toEqual([
      'cal-python-a-e1 was found 2 times with different contents (dir/cal-python-a-e1: not solved, stop budget, hidden 0/0, visible 0/0; b/cal-python-a-e1: not solved, stop cancelled, hidden 0/0, visible 0/0); the report uses the one in dir/cal-python-a-e1',
    ]);
    expect(buildReport({ runs: [r, unfinished], planned: [] })).toEqual(differ);
  });
});

describe('parseTrajectory', () => {
  it('takes spend from budget events and scores from tool results and the stop, a repeated seq replacing the old', () => {
    const lines = [
      { seq: 0, kind: 'start' },
      {
        seq: 1,
        kind: 'budget',
        usage: { inputTokens: 100, outputTokens: 10, cacheReadTokens: 5, cacheWriteTokens: 0, costUsd: 0.01 },
      },
      { seq: 2, kind: 'tool-result', visible: { passed: 1, total: 4 } },
      // Killed before its checkpoint: seq 3 is written again after the resume, with another score.
      { seq: 3, kind: 'tool-result', visible: { passed: 4, total: 4 } },
      { seq: 3, kind: 'tool-result', visible: { passed: 2, total: 4 } },
      {
        seq: 4,
        kind: 'budget',
        usage: { inputTokens: 300, outputTokens: 20, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0.03 },
      },
      { seq: 5, kind: 'tool-result', visible: { passed: 0, total: 0 } },
      { seq: 6, kind: 'stop', stop: 'budget', visible: { passed: 3, total: 4 } },
    ];
    expect(parseTrajectory(lines.map((l) => JSON.stringify(l)).join('\n') + '\n')).toEqual({
      kind: 'ok',
      value: [
        { tokens: 115, costUsd: 0.01, rate: 0.25 },
        { tokens: 115, costUsd: 0.01, rate: 0.5 },
        { tokens: 320, costUsd: 0.03, rate: 0.75 },
      ],
    });
    expect(parseTrajectory(undefined)).toEqual({ kind: 'missing' });
    expect(parseTrajectory('')).toEqual({ kind: 'corrupt', message: 'empty' });
    expect(parseTrajectory('[1]\n')).toEqual({ kind: 'corrupt', message: 'line 1 is not an event (no seq or kind)' });
  });
});

describe('reportHtml', () => {
  it('inlines the library and keeps every value from closing its script element', () => {
    const evil = buildReport({ runs: [run('cal-python-x-e1', result({ model: '</script><b>x' }))], planned: [] });
    const html = reportHtml(evil, { js: 'var lib = "</script>";', css: '.u{}' });
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    expect(html).toContain('&lt;/script&gt;&lt;b&gt;x');
    expect(html).toContain('<style>.u{}</style>');
  });
});
