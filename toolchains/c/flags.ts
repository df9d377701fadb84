/**
 * What every C build passes to clang: optimised like the oracles (-O2), C17 unless the user says otherwise, and
 * implicit declarations as errors — an undeclared function with a mismatched signature links into a module that
 * fails validation or traps (the same rule as toolchains/wasi-c/wasi-cc). Diagnostics come one per line without
 * colours or source excerpts so they can be parsed into file:line:column.
 */
export const C_FLAGS: readonly string[] = [
  '--target=wasm32-wasip1',
  '-O2',
  '-std=c17',
  '-Werror=implicit-function-declaration',
  '-fno-color-diagnostics',
  '-fno-caret-diagnostics',
  '-fno-diagnostics-show-option',
  '-fmessage-length=0',
  '-Wall',
];
