// Served next to @wasmer/sdk's own files (scripts/vite-wasmer-plugin.ts) and evaluated before them in every SDK
// worker. The SDK's core makes one JavaScript trampoline by evaluating a string:
//   new Function('f', 'return f(Array.prototype.slice.call(arguments, 1))')
// Worker scripts are served with a CSP without 'unsafe-eval' (scripts/vite-worker-csp-plugin.ts), so that call throws
// and the worker dies. This gives the SDK exactly that function, written out, and leaves every other use of the
// Function constructor to the real one, which the CSP still refuses. Plain JavaScript: the browser loads it unbundled.
const NativeFunction = globalThis.Function;
const TRAMPOLINE_BODY = 'return f(Array.prototype.slice.call(arguments, 1))';

function trampoline(f) {
  return f(Array.prototype.slice.call(arguments, 1));
}

function make(target, args, newTarget) {
  if (args.length === 2 && args[0] === 'f' && args[1] === TRAMPOLINE_BODY) return trampoline;
  return newTarget === undefined ? Reflect.apply(target, undefined, args) : Reflect.construct(target, args, newTarget);
}

globalThis.Function = new Proxy(NativeFunction, {
  construct: (target, args, newTarget) => make(target, args, newTarget),
  apply: (target, _this, args) => make(target, args, undefined),
});
