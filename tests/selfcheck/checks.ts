/**
 * The runner self-check suite: behaviour every backend must show, run against each of them (Node pool in vitest,
 * browser pool in Chromium). Written against the probe program (tests/fixtures/probe.c).
 */
import { bytesEqual, utf8Bytes } from '../../src/core/bytes.ts';
import { contractEnv, instantToNs, CONTRACT_EPOCH, TRAP_EXIT_CODE } from '../../src/core/environment.ts';
import { DEFAULT_LIMITS, type Limits } from '../../src/core/limits.ts';
import type { RunRequest, WasmProgram } from '../../src/core/run-request.ts';
import type { RunResult } from '../../src/core/run-result.ts';
import type { Runner } from '../../src/core/runner.ts';

export interface SelfCheck {
  name: string;
  /** Resolves to undefined when the backend behaves, or to a description of what went wrong. */
  run(runner: Runner, probe: WasmProgram): Promise<string | undefined>;
}

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

export function probeRequest(
  probe: WasmProgram,
  args: string[],
  extra: Partial<RunRequest> = {},
  limits: Partial<Limits> = {},
): RunRequest {
  return {
    program: probe,
    argv: ['probe', ...args],
    env: contractEnv(),
    clockNs: instantToNs(CONTRACT_EPOCH) ?? 0n,
    seed: 1,
    limits: { ...DEFAULT_LIMITS, wallMs: 2000, ...limits },
    ...extra,
  };
}

function expectExit(r: RunResult, code: number, stdout?: Uint8Array | string, stderr?: string): string | undefined {
  if (r.kind !== 'exited') return `expected exit ${code}, got ${r.kind}${'message' in r ? `: ${r.message}` : ''}`;
  if (r.code !== code) return `expected exit code ${code}, got ${r.code}`;
  if (stdout !== undefined) {
    const want = typeof stdout === 'string' ? utf8Bytes(stdout) : stdout;
    if (!bytesEqual(r.stdout, want)) return `stdout differs: ${JSON.stringify(text(r.stdout).slice(0, 200))}`;
  }
  if (stderr !== undefined && text(r.stderr) !== stderr) return `stderr differs: ${JSON.stringify(text(r.stderr))}`;
  return undefined;
}

export const selfChecks: SelfCheck[] = [
  {
    name: 'binary stdin round-trips byte for byte',
    async run(runner, probe) {
      const all = new Uint8Array(256 * 64);
      for (let i = 0; i < all.length; i++) all[i] = (i * 7 + (i >> 8)) & 0xff;
      return expectExit(await runner.run(probeRequest(probe, ['cat'], { stdin: all })), 0, all);
    },
  },
  {
    name: 'empty stdin gives empty output',
    async run(runner, probe) {
      return expectExit(await runner.run(probeRequest(probe, ['cat'])), 0, new Uint8Array(), '');
    },
  },
  {
    name: 'CRLF and a missing final newline are kept',
    async run(runner, probe) {
      const input = 'one\r\ntwo\r\n\r\nthree';
      return expectExit(await runner.run(probeRequest(probe, ['cat'], { stdin: utf8Bytes(input) })), 0, input);
    },
  },
  {
    name: 'non-zero exit code and stderr come back',
    async run(runner, probe) {
      return expectExit(await runner.run(probeRequest(probe, ['exit', '42'])), 42, '', 'probe: exiting with 42\n');
    },
  },
  {
    name: 'a trap is a trap result with the documented exit code',
    async run(runner, probe) {
      const r = await runner.run(probeRequest(probe, ['trap']));
      if (r.kind !== 'trap') return `expected trap, got ${r.kind}`;
      return r.code === TRAP_EXIT_CODE ? undefined : `trap exit code ${r.code}, expected ${TRAP_EXIT_CODE}`;
    },
  },
  {
    name: 'an endless loop stops at its wall-time limit and the runner keeps working',
    async run(runner, probe) {
      const r = await runner.run(probeRequest(probe, ['spin'], {}, { wallMs: 300 }));
      if (r.kind !== 'timeout') return `expected timeout, got ${r.kind}`;
      if (r.limitMs !== 300) return `timeout reports ${r.limitMs} ms, expected 300`;
      return expectExit(await runner.run(probeRequest(probe, ['exit', '0'])), 0);
    },
  },
  {
    name: 'an output flood stops at the output cap with the output so far',
    async run(runner, probe) {
      const r = await runner.run(probeRequest(probe, ['flood'], {}, { outputBytes: 100_000 }));
      if (r.kind !== 'output-limit') return `expected output-limit, got ${r.kind}`;
      if (r.stream !== 'stdout') return `flood reported on ${r.stream}`;
      if (r.stdout.length !== 100_000) return `kept ${r.stdout.length} bytes of stdout, expected exactly the cap`;
      return undefined;
    },
  },
  {
    name: 'memory beyond the limit is a memory-limit result',
    async run(runner, probe) {
      const r = await runner.run(probeRequest(probe, ['alloc', '200'], {}, { memoryBytes: 64 * 1024 * 1024 }));
      if (r.kind !== 'memory-limit') return `expected memory-limit, got ${r.kind}`;
      return expectExit(
        await runner.run(probeRequest(probe, ['alloc', '8'], {}, { memoryBytes: 64 * 1024 * 1024 })),
        0,
        'allocated 8 MiB\n',
      );
    },
  },
  {
    name: 'non-ASCII argv arrives as UTF-8 with correct lengths',
    async run(runner, probe) {
      const args = ['héllo', '✓✓✓✓✓✓✓✓✓✓', '日本語', '', '🙂 space'];
      const want = ['probe', 'args', ...args].map((a, i) => `${i}:${utf8Bytes(a).length}:${a}\n`).join('');
      return expectExit(await runner.run(probeRequest(probe, ['args', ...args])), 0, want);
    },
  },
  {
    name: 'files go in, and created or changed files come out',
    async run(runner, probe) {
      const files = { 'in.txt': utf8Bytes('abc\nxyz'), 'sub/note.txt': utf8Bytes('nested ok\n') };
      const r = await runner.run(probeRequest(probe, ['files'], { files }));
      const bad = expectExit(r, 0, 'nested:nested ok\n');
      if (bad || r.kind !== 'exited') return bad;
      const names = Object.keys(r.files);
      if (names.join() !== 'out.txt') return `changed files ${JSON.stringify(names)}, expected ["out.txt"]`;
      return text(r.files['out.txt'] as Uint8Array) === 'ABC\nXYZ' ? undefined : 'out.txt has the wrong content';
    },
  },
  {
    name: 'a missing input file is the program’s own error, not the runner’s',
    async run(runner, probe) {
      return expectExit(
        await runner.run(probeRequest(probe, ['files'])),
        2,
        '',
        'probe: in.txt: No such file or directory\n',
      );
    },
  },
  {
    name: 'readlink says "not a link" for files and "no such file" for missing ones',
    async run(runner, probe) {
      const r = await runner.run(
        probeRequest(probe, ['readlink', 'in.txt', 'missing'], { files: { 'in.txt': utf8Bytes('x') } }),
      );
      return expectExit(r, 0, 'in.txt: -1 Invalid argument\nmissing: -1 No such file or directory\n');
    },
  },
  {
    name: 'stdout, stderr and stdin are pipes, not terminals',
    async run(runner, probe) {
      return expectExit(await runner.run(probeRequest(probe, ['isatty'])), 0, '0 0 0\n');
    },
  },
  {
    name: 'the environment is exactly the contract',
    async run(runner, probe) {
      const want = Object.entries(contractEnv())
        .map(([k, v]) => `${k}=${v}\n`)
        .join('');
      return expectExit(await runner.run(probeRequest(probe, ['env'])), 0, want);
    },
  },
  {
    name: 'clocks start at the pinned instant, advance per read, and sleep is virtual',
    async run(runner, probe) {
      const r = await runner.run(probeRequest(probe, ['clock'], { clockNs: instantToNs('2030-06-15T12:00:00Z') }));
      return expectExit(
        r,
        0,
        'time=1907755200\nrealtime=1907755200.000001000 then 1907755200.000002000\n' +
          'monotonic=1.000003000\nafter sleep(3) monotonic=4.000005000\n',
      );
    },
  },
  {
    name: 'random bytes follow the seed',
    async run(runner, probe) {
      const a = await runner.run(probeRequest(probe, ['random'], { seed: 7 }));
      const b = await runner.run(probeRequest(probe, ['random'], { seed: 7 }));
      const c = await runner.run(probeRequest(probe, ['random'], { seed: 8 }));
      if (a.kind !== 'exited' || b.kind !== 'exited' || c.kind !== 'exited') return 'random mode did not exit';
      if (!bytesEqual(a.stdout, b.stdout)) return 'same seed gave different bytes';
      return bytesEqual(a.stdout, c.stdout) ? 'different seeds gave the same bytes' : undefined;
    },
  },
  {
    name: 'files past the file limit fail with ENOSPC inside the program (input files count), and the run is file-limit',
    async run(runner, probe) {
      const fileBytes = 1024 * 1024;
      const files = { 'in.bin': new Uint8Array(300 * 1024) };
      const r = await runner.run(probeRequest(probe, ['fill', '4', '256'], { files }, { fileBytes }));
      if (r.kind !== 'file-limit') return `expected file-limit, got ${r.kind}`;
      if (r.limitBytes !== fileBytes) return `file-limit reports ${r.limitBytes} bytes, expected ${fileBytes}`;
      // 300 + 256 + 256 KiB held, then a 64 KiB write at a time until the next would pass 1 MiB; truncating f0 gives its room back.
      const want =
        'f0: 256 KiB\nf1: 256 KiB\nf2: 192 KiB, then No space left on device\n' +
        'f3: 0 KiB, then No space left on device\nf0: 256 KiB\n';
      if (text(r.stdout) !== want) return `stdout differs: ${JSON.stringify(text(r.stdout))}`;
      const sizes = Object.entries(r.files).map(([name, data]) => `${name}=${data.length}`);
      const wantSizes = ['f0=262144', 'f1=262144', 'f2=196608', 'f3=0'];
      return sizes.join() === wantSizes.join() ? undefined : `files ${sizes.join()}, expected ${wantSizes.join()}`;
    },
  },
  {
    name: 'a 3 GiB sparse file (seek and write, pwrite, ftruncate, fallocate) is refused at once with ENOSPC',
    async run(runner, probe) {
      const r = await runner.run(probeRequest(probe, ['sparse']));
      if (r.kind !== 'file-limit') return `expected file-limit, got ${r.kind}`;
      const want =
        'lseek: ok\nwrite after lseek: No space left on device\npwrite: No space left on device\n' +
        'ftruncate: No space left on device\nposix_fallocate: No space left on device\nsize: 0\n';
      return text(r.stdout) === want ? undefined : `stdout differs: ${JSON.stringify(text(r.stdout))}`;
    },
  },
  {
    name: 'pointers and lengths past the end of memory are EFAULT, with no partial effect',
    async run(runner, probe) {
      const r = await runner.run(probeRequest(probe, ['fault'], { stdin: utf8Bytes('stdin-data\n') }));
      const calls = [
        'fd_write, second iovec past the end',
        'fd_write, iovec array past the end',
        'fd_write, 2 GiB iovec',
        'fd_write, nwritten past the end',
        'fd_read, second iovec past the end',
        'fd_pwrite, second iovec past the end',
        'path_open, path past the end',
        'path_open, path length past the end',
        'args_get',
        'environ_get',
        'clock_time_get',
        'random_get',
        'random_get, length past the end',
        'fd_filestat_get',
      ];
      // A trap at such a call is a fine answer too, as long as no bad call had an effect before it: nothing on
      // stdout (the program reports only at its end) and nothing in out.txt.
      if (r.kind === 'trap')
        return r.stdout.length === 0 && (r.files['out.txt']?.length ?? 0) === 0
          ? undefined
          : `trapped after a partial effect: ${JSON.stringify(text(r.stdout))}`;
      const bad = expectExit(r, 0, `${calls.map((c) => `${c}: Bad address\n`).join('')}stdin then: 11 bytes\n`, '');
      if (bad || r.kind !== 'exited') return bad;
      const out = r.files['out.txt'];
      if (Object.keys(r.files).join() !== 'out.txt' || out?.length !== 0)
        return `files ${JSON.stringify(Object.keys(r.files))}, expected only an empty out.txt`;
      return undefined;
    },
  },
  {
    name: 'bytes that are not WebAssembly are an invalid-module result',
    async run(runner) {
      const bytes = utf8Bytes('#!/bin/sh\necho not wasm\n');
      const r = await runner.run(probeRequest({ id: 'not-wasm', bytes }, []));
      return r.kind === 'invalid-module' ? undefined : `expected invalid-module, got ${r.kind}`;
    },
  },
  {
    name: 'a module without _start is an invalid-module result',
    async run(runner) {
      // The smallest valid module: header only, no exports.
      const bytes = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
      const r = await runner.run(probeRequest({ id: 'empty-module', bytes }, []));
      if (r.kind !== 'invalid-module') return `expected invalid-module, got ${r.kind}`;
      return r.message.includes('_start') ? undefined : `message does not name _start: ${r.message}`;
    },
  },
  {
    name: 'the same request gives the same bytes every time',
    async run(runner, probe) {
      const req = probeRequest(probe, ['clock']);
      const outs = await Promise.all([1, 2, 3, 4].map(() => runner.run(req)));
      const first = outs[0];
      if (!first || first.kind !== 'exited') return 'clock mode did not exit';
      return outs.every((o) => o.kind === 'exited' && bytesEqual(o.stdout, first.stdout))
        ? undefined
        : 'outputs differ between runs';
    },
  },
];
