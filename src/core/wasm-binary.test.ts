import { describe, expect, it } from 'vitest';
import { capMemory } from './wasm-binary.ts';

const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
// A module with one memory of 2 pages and no maximum, exporting it as "memory".
const withMemory = new Uint8Array([...header, 5, 3, 1, 0, 2, 7, 10, 1, 6, ...new TextEncoder().encode('memory'), 2, 0]);

describe('capMemory', () => {
  it('gives a memory without a maximum the cap as maximum, and the result still compiles', async () => {
    const r = capMemory(withMemory, 16);
    expect(r.kind).toBe('core');
    if (r.kind !== 'core') return;
    expect(r.initialPages).toBe(2);
    const instance = await WebAssembly.instantiate(await WebAssembly.compile(r.bytes as Uint8Array<ArrayBuffer>));
    const memory = instance.exports.memory as WebAssembly.Memory;
    expect(memory.grow(14)).toBe(2);
    expect(() => memory.grow(1)).toThrow(RangeError);
  });

  it('keeps a declared maximum that is below the cap', () => {
    const declared = new Uint8Array([...header, 5, 4, 1, 1, 1, 3]);
    const r = capMemory(declared, 100);
    expect(r.kind === 'core' && [...r.bytes.slice(8)]).toEqual([5, 4, 1, 1, 1, 3]);
  });

  it('names what is wrong with bytes that are not a core module', () => {
    expect(capMemory(new TextEncoder().encode('#!/bin/sh'), 1)).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/not a WebAssembly module/),
    });
    expect(capMemory(new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0]), 1)).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/component/),
    });
    expect(capMemory(new Uint8Array([...header, 1, 50, 0]), 1)).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/truncated/),
    });
  });
});
