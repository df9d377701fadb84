import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const nodeModules = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'url', 'util', 'crypto'];
/** What the agent core must not import: provider SDKs, and every layer above src/core. */
const agentForbidden = [
  '@anthropic-ai/*',
  'openai',
  'openai/*',
  '**/models/*',
  '**/node/*',
  '**/cli/*',
  '**/app/*',
  '**/browser/*',
  '**/toolchains/*',
  '**/pool/*',
  '**/runtimes/*',
];
const domGlobals = [
  'window',
  'document',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'navigator',
  'process',
  'Buffer',
  'require',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'build/', 'dist/', 'scratch/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        WebAssembly: 'readonly',
        AbortSignal: 'readonly',
        AbortController: 'readonly',
        fetch: 'readonly',
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        Worker: 'readonly',
        btoa: 'readonly',
        atob: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-control-regex': 'off',
    },
  },
  // The web app: Svelte components and rune modules (.svelte.ts), in the browser.
  ...svelte.configs.recommended,
  {
    files: ['src/app/**/*.{ts,svelte}'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
    rules: {
      // App state replaces collections immutably ($state.raw), so plain Map/Set/Date are deliberate.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    // The shared core runs in the app, in workers and in the CLI: no DOM and no Node APIs.
    files: ['src/core/**/*.ts', 'src/runtimes/**/*.ts', 'src/pool/**/*.ts', 'workers/runner-api.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: nodeModules.map((group) => ({
            group: [group],
            message: 'src/core is shared with browsers: no Node APIs',
          })),
        },
      ],
      'no-restricted-globals': [
        'error',
        ...domGlobals.map((name) => ({
          name,
          message: 'src/core is shared with Node and workers: no DOM or Node globals',
        })),
      ],
    },
  },
  {
    // The agent core runs in the app and in the CLI alike: no DOM, no Node APIs, and no provider SDK (src/models/
    // wraps those behind ModelClient). Tests beside the code build real hosts, so they are exempt.
    files: ['src/agent/**/*.ts'],
    ignores: ['src/agent/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeModules.map((group) => ({
              group: [group],
              message: 'src/agent is shared with browsers: no Node APIs',
            })),
            ...agentForbidden.map((group) => ({
              group: [group],
              message: 'src/agent may import src/core only: no SDKs, hosts or app code',
            })),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[...domGlobals, 'fetch', 'Worker'].map((name) => ({
          name,
          message: 'src/agent is shared with Node and browsers: no DOM or Node globals (the host supplies I/O)',
        })),
      ],
    },
  },
);
