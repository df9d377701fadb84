import { describe, expect, it } from 'vitest';
import { toAnthropicMessages } from './anthropic.ts';

describe('toAnthropicMessages', () => {
  it('puts tool results first, drops empty text and empty messages, and sends malformed arguments as {}', () => {
    expect(
      toAnthropicMessages([
        { role: 'user', content: [{ kind: 'text', text: 'task' }] },
        {
          role: 'assistant',
          content: [
            { kind: 'text', text: '' },
            { kind: 'tool-call', id: 't1', name: 'write_file', argumentsJson: '{"path": "a' },
            { kind: 'tool-call', id: 't2', name: 'run_tests', argumentsJson: '{"n": 1}' },
          ],
        },
        {
          role: 'user',
          content: [
            { kind: 'text', text: 'budget left' },
            { kind: 'tool-result', callId: 't1', text: 'bad arguments', isError: true },
            { kind: 'tool-result', callId: 't2', text: '', isError: false },
          ],
        },
        { role: 'assistant', content: [] },
      ]),
    ).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'task' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 't1', name: 'write_file', input: {} },
          { type: 'tool_use', id: 't2', name: 'run_tests', input: { n: 1 } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 't1', content: 'bad arguments', is_error: true },
          { type: 'tool_result', tool_use_id: 't2' },
          { type: 'text', text: 'budget left' },
        ],
      },
    ]);
  });
});
