import type { SourceFile } from '../../src/core/source-file.ts';

/** A fresh C workspace: a complete program showing the whole contract (argv, stdin, stdout, stderr, exit code). */
export function cStarterFiles(program: string): SourceFile[] {
  return [
    {
      name: 'main.c',
      content: `// A reimplementation of ${program}. It runs exactly like the oracle: same argv, stdin, files, clock and
// environment. Scoring compares stdout, stderr and the exit code byte for byte.
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  // argv[0] is "${program}"; the test's arguments follow.
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0) {
      printf("Usage: %s [options]\\n", argv[0]);
      return 0;
    }
  }

  // Copy stdin to stdout, counting lines.
  char line[4096];
  long lines = 0;
  while (fgets(line, sizeof line, stdin) != NULL) {
    fputs(line, stdout);
    lines++;
  }

  if (lines == 0) {
    fprintf(stderr, "%s: no input\\n", argv[0]);
    return 1;
  }
  return 0;
}
`,
    },
  ];
}
