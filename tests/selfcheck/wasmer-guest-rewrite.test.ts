import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { utf8Bytes } from '../../src/core/bytes.ts';
import { PAGE_BYTES } from '../../src/core/wasm-binary.ts';
import {
  CONFIG_HEADER_BYTES,
  encodeConfig,
  memoryLimitPages,
  patchConfig,
} from '../../src/runtimes/wasmer/guest-config.ts';
import { rewriteGuest } from '../../src/runtimes/wasmer/guest-rewrite.ts';

const probe = new Uint8Array(readFileSync(new URL('../../build/fixtures/probe.wasm', import.meta.url)));

describe('guest config segment', () => {
  it('lays out the header, the offset table and the strings', () => {
    const bytes = encodeConfig({
      clockNs: 5n,
      random: [1, 2, 3, 0xffffffff],
      env: { A: 'x', BB: 'yz' },
      memoryLimitPages: 9,
      fileRoomBytes: 0x12345,
    });
    const view = new DataView(bytes.buffer);
    expect(view.getBigUint64(0, true)).toBe(5n);
    expect(view.getUint32(20, true)).toBe(0xffffffff);
    expect(view.getUint32(36, true)).toBe(0x12345);
    expect([view.getUint32(24, true), view.getUint32(28, true), view.getUint32(32, true)]).toEqual([2, 10, 9]);
    expect([view.getUint32(CONFIG_HEADER_BYTES, true), view.getUint32(CONFIG_HEADER_BYTES + 4, true)]).toEqual([0, 4]);
    expect(new TextDecoder().decode(bytes.subarray(CONFIG_HEADER_BYTES + 8))).toBe('A=x\0BB=yz\0');
  });

  it('judges the memory level as the shim does (within 1/16 of the cap, at least a page)', () => {
    expect(memoryLimitPages(64 * 1024 * 1024)).toBe(1024 - 64);
    expect(memoryLimitPages(4 * PAGE_BYTES)).toBe(3);
  });

  it('refuses to patch a module that does not end in the placeholder', () => {
    expect(patchConfig(probe, utf8Bytes('x')).kind).toBe('error');
  });
});

describe('rewriteGuest', () => {
  it('gives a valid module whose config segment can be replaced, to any length', async () => {
    const r = await rewriteGuest(probe);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(WebAssembly.validate(r.template as Uint8Array<ArrayBuffer>)).toBe(true);
    const names = (m: Uint8Array) =>
      WebAssembly.Module.imports(new WebAssembly.Module(m as Uint8Array<ArrayBuffer>)).map((i) => i.name);
    // The contract's calls are the module's own now; what it still needs from the SDK stays imported.
    expect(names(r.template)).not.toContain('clock_time_get');
    expect(names(r.template)).not.toContain('environ_get');
    expect(names(r.template)).toContain('fd_write');
    const envs: Record<string, string>[] = [{}, { LONG: 'v'.repeat(70_000) }];
    for (const env of envs) {
      const patched = patchConfig(
        r.template,
        encodeConfig({ clockNs: 1n, random: [1, 2, 3, 4], env, memoryLimitPages: 1, fileRoomBytes: 1 }),
      );
      expect(patched.kind).toBe('ok');
      if (patched.kind === 'ok') expect(WebAssembly.validate(patched.bytes as Uint8Array<ArrayBuffer>)).toBe(true);
    }
  });

  it('keeps SIMD instructions (a module without a target_features section)', async () => {
    const { default: binaryen } = await import('binaryen');
    const source = binaryen.parseText(`(module
      (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
      (memory (export "memory") 1)
      (func (export "_start") (call $exit (i32x4.extract_lane 0 (i32x4.splat (i32.const 7))))))`);
    source.setFeatures(binaryen.Features.MVP | binaryen.Features.SIMD128);
    const bytes = source.emitBinary();
    source.dispose();
    const r = await rewriteGuest(bytes);
    expect(r.kind).toBe('ok');
    if (r.kind === 'ok') expect(WebAssembly.validate(r.template as Uint8Array<ArrayBuffer>)).toBe(true);
  });

  it('says why when the bytes are not a module', async () => {
    const r = await rewriteGuest(utf8Bytes('not wasm'));
    expect(r.kind).toBe('error');
  });
});
