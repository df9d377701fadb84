/**
 * Takes code generation from strings away from the worker's JavaScript realm once Pyodide has started. A Python
 * program can reach a JavaScript function Pyodide keeps (there are such proxies behind `object.__subclasses__()` and
 * function globals, which no import hook sees); from any function, `.constructor("…")` would make new JavaScript —
 * in a Node worker with `process` and `fetch` at hand. Browsers already refuse that under the worker CSP (no
 * 'unsafe-eval'); this makes Node refuse it too, and stays as a second wall in browsers. Nothing the runner worker
 * runs needs it: Pyodide, QuickJS and the WASI shim all work under that CSP.
 */
let closed = false;

export function closeCodeGeneration(): void {
  // Once per realm: a restarted interpreter (after a run that grew its memory) comes back here.
  if (closed) return;
  closed = true;
  const constructors = [
    Function,
    Object.getPrototypeOf(async function () {}).constructor,
    Object.getPrototypeOf(function* () {}).constructor,
    Object.getPrototypeOf(async function* () {}).constructor,
  ] as ((...args: unknown[]) => unknown)[];
  for (const real of constructors) {
    // Pyodide reads `fn.constructor.name` and uses instanceof: the stand-in keeps the name and the prototype.
    const refused = function (): never {
      throw new EvalError('code generation from strings is disabled in the runner');
    };
    Object.defineProperty(refused, 'name', { value: real.name });
    Object.defineProperty(refused, 'prototype', { value: real.prototype });
    Object.defineProperty(real.prototype, 'constructor', { value: refused, writable: false, configurable: false });
  }
  // The global `eval` and `Function` stay: reaching them takes a reference to the global object, which is all a
  // program would need anyway; what Python can reach are functions, hence their constructors.
}
