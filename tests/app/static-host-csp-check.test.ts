import { describe, expect, it } from 'vitest';
import { HOSTING_HELP, checkWorkerCsp, cspRefusal } from '../../workers/csp-self-check.ts';

// In Chromium the check passes in workers under their CSP (tests/app/static-host.test.ts, where a worker reports it);
// here, in Node, no CSP governs anything: the check must see both doors open and say so.
describe('the worker CSP self-check', () => {
  it('finds string evaluation and data: fetches allowed where no CSP is in force', async () => {
    const check = await checkWorkerCsp();
    expect(check).toEqual({
      kind: 'missing',
      found: ['string evaluation (new Function) is allowed', 'fetch of a data: URL is allowed'],
    });
    if (check.kind !== 'missing') return;
    const refusal = cspRefusal(check, 'the Wasmer worker');
    expect(refusal).toMatch(
      /^refusing to run candidate code: the Wasmer worker runs without its Content-Security-Policy/,
    );
    expect(refusal).toContain(HOSTING_HELP);
    expect(refusal).not.toContain('\n');
  });
});
