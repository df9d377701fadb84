/**
 * workers/wasmer-sdk/mirrorbox-no-eval-function.js in a context that refuses to evaluate strings, as a worker does
 * under the worker CSP (no 'unsafe-eval'): the SDK's one trampoline is given without evaluation, and every other use
 * of the Function constructor still fails as the CSP demands.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/node/paths.ts';

const SHIM = readFileSync(join(repoRoot, 'workers/wasmer-sdk/mirrorbox-no-eval-function.js'), 'utf8');
const TRAMPOLINE = 'return f(Array.prototype.slice.call(arguments, 1))';

function noEvalContext(): object {
  const context = createContext({}, { codeGeneration: { strings: false, wasm: true } });
  runInContext(SHIM, context);
  return context;
}

describe('the eval-free Function for the SDK workers', () => {
  it('the context really refuses string evaluation without the shim', () => {
    const bare = createContext({}, { codeGeneration: { strings: false, wasm: true } });
    expect(() => runInContext(`new Function('f', ${JSON.stringify(TRAMPOLINE)})`, bare)).toThrow(/Code generation/);
  });

  it("gives the SDK's trampoline, with new and without, behaving like the evaluated one", () => {
    const context = noEvalContext();
    const result = runInContext(
      `const t = new Function('f', ${JSON.stringify(TRAMPOLINE)});
       const u = Function('f', ${JSON.stringify(TRAMPOLINE)});
       [t((args) => args.join('+'), 1, 2, 3), u((args) => args.length), t instanceof Function]`,
      context,
    ) as unknown[];
    expect(result).toEqual(['1+2+3', 0, true]);
  });

  it('refuses every other body, as the CSP would', () => {
    const context = noEvalContext();
    expect(() => runInContext(`new Function('return 1')`, context)).toThrow(/Code generation/);
    expect(() => runInContext(`Function('f', 'return f')`, context)).toThrow(/Code generation/);
    expect(() => runInContext(`new Function('g', ${JSON.stringify(TRAMPOLINE)})`, context)).toThrow(/Code generation/);
  });
});
