// Benchmark (not a test): cold and warm compile of a ~550-line C program by the C toolchain in Node, the same code
// path the compiler worker runs in the browser. Goal (issue 4): warm compile of a 500-line program under 1 s.
import { cToolchain } from '../toolchains/c/adapter.ts';

const WARM_RUNS = 5;
const GOAL_MS = 1000;

/** Sixty small functions and a main calling them: ~550 lines of ordinary C. */
function program(): string {
  const lines = ['#include <stdio.h>', '#include <stdlib.h>', '#include <string.h>', ''];
  for (let i = 0; i < 60; i++) {
    lines.push(
      `static int f${i}(const char *s, int n) {`,
      `  int acc = ${i};`,
      '  for (int k = 0; k < n; k++) {',
      `    acc = acc * 31 + s[k] + ${i};`,
      '    if (acc % 7 == 3) acc ^= k;',
      '  }',
      '  return acc;',
      '}',
    );
  }
  lines.push('int main(int argc, char **argv) {', '  long total = 0;', '  for (int i = 1; i < argc; i++) {');
  lines.push('    int n = (int)strlen(argv[i]);');
  for (let i = 0; i < 60; i++) lines.push(`    total += f${i}(argv[i], n);`);
  lines.push('  }', '  printf("%ld\\n", total);', '  return 0;', '}');
  return `${lines.join('\n')}\n`;
}

const source = program();
const files = [{ name: 'main.c', content: source }];

async function timedBuild(): Promise<number> {
  const started = performance.now();
  const built = await cToolchain.build(files);
  if (built.kind !== 'ok') throw new Error(`the benchmark program does not compile: ${JSON.stringify(built)}`);
  return performance.now() - started;
}

const cold = await timedBuild();
const warm: number[] = [];
for (let i = 0; i < WARM_RUNS; i++) warm.push(await timedBuild());
warm.sort((a, b) => a - b);
const median = warm[Math.floor(warm.length / 2)] as number;
const lines = source.split('\n').length - 1;
process.stdout.write(
  `C compile (@yowasp/clang, Node, ${lines} lines, -O2): cold ${(cold / 1000).toFixed(2)} s (includes loading clang), ` +
    `warm median ${(median / 1000).toFixed(2)} s of ${WARM_RUNS} (min ${((warm[0] as number) / 1000).toFixed(2)} s); ` +
    `goal warm < ${GOAL_MS / 1000} s: ${median < GOAL_MS ? 'met' : 'NOT met'}\n`,
);
