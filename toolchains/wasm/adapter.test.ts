import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/digest.ts';
import { repoRoot } from '../../src/node/paths.ts';
import { TOOLCHAINS, toolchainById } from '../index.ts';
import { wasmToolchain } from './adapter.ts';

const fixture = new Uint8Array(readFileSync(`${repoRoot}build/fixtures/silent.wasm`));

describe('the prebuilt .wasm toolchain', () => {
  it('is in the table', () => {
    expect(toolchainById('wasm')).toBe(wasmToolchain);
    expect(new Set(TOOLCHAINS.map((t) => t.id)).size).toBe(TOOLCHAINS.length);
  });

  it('builds the one uploaded module as is', async () => {
    const result = await wasmToolchain.build([
      { name: 'NOTES.md', content: '' },
      { name: 'c.wasm', content: fixture },
    ]);
    expect(result).toEqual({ kind: 'ok', program: { id: sha256Hex(fixture), bytes: fixture } });
  });

  it('says what to do when there is no module, two of them, or not a module', async () => {
    const diagnostics = async (files: Parameters<typeof wasmToolchain.build>[0]) => {
      const r = await wasmToolchain.build(files);
      return r.kind === 'error' ? r.diagnostics.map((d) => `${d.file}: ${d.message}`).join('\n') : 'ok';
    };
    expect(await diagnostics([])).toMatch(/upload your compiled program/);
    expect(
      await diagnostics([
        { name: 'a.wasm', content: fixture },
        { name: 'b.wasm', content: fixture },
      ]),
    ).toMatch(/exactly one .wasm.*a.wasm, b.wasm/);
    expect(await diagnostics([{ name: 'a.wasm', content: new TextEncoder().encode('#!/bin/sh\n') }])).toMatch(
      /a.wasm: not a WebAssembly module/,
    );
  });
});
