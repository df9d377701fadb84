import { describe, expect, it } from 'vitest';
import { initialSpin, observeIdleTurn, observeToolCall, type SpinSettings, type SpinState } from './spinning.ts';

const S: SpinSettings = { toolCalls: 4, repeats: 3, grace: 2, idleTurns: 2 };

function feed(calls: { name?: string; args?: string; result?: string; passed?: number }[]) {
  let state: SpinState = initialSpin();
  return calls.map((c) => {
    const r = observeToolCall(
      state,
      {
        name: c.name ?? 'oracle',
        argumentsJson: c.args ?? '{}',
        result: c.result ?? 'same',
        ...(c.passed !== undefined ? { visiblePassed: c.passed } : {}),
      },
      S,
    );
    state = r.state;
    return r.verdict.kind;
  });
}

describe('spinning', () => {
  it('repeats: nudge at R identical calls, stop `grace` calls later', () => {
    expect(feed([{}, {}, {}, {}, {}])).toEqual(['none', 'none', 'nudge', 'none', 'stop']);
  });
  it('argument order and spacing do not make a call different; another result does', () => {
    expect(feed([{ args: '{"a":1,"b":2}' }, { args: '{ "b": 2, "a": 1 }' }, { args: '{"a":1,"b":2}' }])).toEqual([
      'none',
      'none',
      'nudge',
    ]);
    expect(feed([{ result: '1' }, { result: '2' }, { result: '1' }])).toEqual(['none', 'none', 'none']);
  });
  it('no progress: N calls with the same visible count; a change resets the count and withdraws the nudge', () => {
    const distinct = (i: number, passed?: number) => ({ args: String(i), ...(passed !== undefined ? { passed } : {}) });
    expect(feed([0, 1, 2, 3, 4, 5].map((i) => distinct(i)))).toEqual(['none', 'none', 'none', 'nudge', 'none', 'stop']);
    // The first count seen is a change; the same count again is not. A change withdraws the nudge, so the next
    // spell of no progress is nudged afresh rather than stopped.
    const calls = [distinct(0, 1), distinct(1), distinct(2), distinct(3, 1), distinct(4), distinct(5, 2)];
    for (let i = 6; i < 10; i++) calls.push(distinct(i));
    expect(feed(calls)).toEqual(['none', 'none', 'none', 'none', 'nudge', 'none', 'none', 'none', 'none', 'nudge']);
  });
  it('idle turns stop after the threshold; a tool call clears them', () => {
    let state = initialSpin();
    const first = observeIdleTurn(state, S);
    expect(first.verdict.kind).toBe('none');
    state = observeToolCall(first.state, { name: 'docs', argumentsJson: '{}', result: 'x' }, S).state;
    expect(observeIdleTurn(state, S).verdict.kind).toBe('none');
    expect(observeIdleTurn(observeIdleTurn(state, S).state, S).verdict).toEqual({
      kind: 'stop',
      reason: '2 model turns in a row without a tool call',
    });
  });
});
