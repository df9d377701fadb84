#!/usr/bin/env node
// The mirrorbox CLI. TypeScript sources run through tsx, so the CLI never drifts from the code the app uses.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
