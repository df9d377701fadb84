import type { SourceFile } from '../../src/core/source-file.ts';

/**
 * A fresh JavaScript or TypeScript workspace: a complete program showing the whole contract (argv, stdin, stdout,
 * stderr, exit code) through the process-like API the QuickJS runner provides.
 */
export function scriptStarterFiles(program: string, language: 'js' | 'ts'): SourceFile[] {
  const typed = language === 'ts';
  return [
    {
      name: typed ? 'main.ts' : 'main.js',
      content: `// A reimplementation of ${program}. It runs in QuickJS exactly like the oracle: same argv, stdin, files, clock
// and environment. Scoring compares stdout, stderr and the exit code byte for byte.
// Available: process.argv/env/exit/stdout.write/stderr.write, process.stdin.readText()/readBytes(),
// console.log/error, and fs (readFileSync, writeFileSync, appendFileSync, existsSync) for the test's files.
import fs from 'fs';

// argv[0] is "${program}"; the test's arguments follow.
const args${typed ? ': string[]' : ''} = process.argv.slice(1);
if (args.includes('--help')) {
  console.log(\`Usage: \${process.argv[0]} [options]\`);
  process.exit(0);
}

// Copy stdin to stdout, counting lines.
const input${typed ? ': string' : ''} = fs.readFileSync(0, 'utf8');
process.stdout.write(input);
const lines = input.split('\\n').filter((line${typed ? ': string' : ''}, i${typed ? ': number' : ''}, all${typed ? ': string[]' : ''}) => i < all.length - 1 || line !== '').length;

if (lines === 0) {
  process.stderr.write(\`\${process.argv[0]}: no input\\n\`);
  process.exit(1);
}
`,
    },
  ];
}
