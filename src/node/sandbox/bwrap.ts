import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, realpathSync, statSync } from 'node:fs';
import { DEFAULT_LIMITS } from '../../core/limits.ts';
import type { EngineFiles } from './engine-files.ts';

/**
 * How a script candidate's engine is isolated. `bwrap`: bubblewrap (own namespaces of every kind, so loopback-only
 * network and no host processes; a root holding only node, its libraries and the engine's files) with Node's
 * permission model inside. `permission`: the permission model alone, for a user who accepted the risk with
 * --unsandboxed on a machine where bubblewrap cannot run.
 */
export type Isolation = 'bwrap' | 'permission';

/** Where the engine's files appear inside the sandbox. */
export const SANDBOX_ENGINE_DIR = '/engine';

/** The bubblewrap binary: `MIRRORBOX_BWRAP` (tests point it at a missing file to play a machine without it). */
export function bwrapPath(): string {
  return process.env.MIRRORBOX_BWRAP ?? 'bwrap';
}

export interface ChildCommand {
  file: string;
  args: string[];
  env: Record<string, string>;
}

/**
 * Node's own flags for the child: the permission model with reads of the engine's files only (no writes, no child
 * processes, no worker threads, no addons, no inspector, no WASI), and no code made from strings. The heap limit
 * caps what the engine's JavaScript side may hold; WebAssembly memories are outside it and limited per run.
 */
function nodeFlags(readable: string[]): string[] {
  return [
    PERMISSION_FLAG,
    ...readable.map((dir) => `--allow-fs-read=${dir}/`),
    '--disallow-code-generation-from-strings',
    `--max-old-space-size=${CHILD_HEAP_MB}`,
    '--no-warnings',
  ];
}

/** Node 20 names the model `--experimental-permission`; later versions `--permission` (the old name deprecated). */
const PERMISSION_FLAG = process.allowedNodeEnvironmentFlags.has('--permission')
  ? '--permission'
  : '--experimental-permission';

/** The child's V8 heap limit, in MiB. */
export const CHILD_HEAP_MB = 512;

/**
 * The most writable memory one child may map (RLIMIT_DATA): a run's WebAssembly memory is capped at the contract's
 * memory limit by its engine, and a child that reached its limit (~1.35 GiB measured for Pyodide after a run that
 * hit the 1 GiB limit) is well under this. Past it an allocation fails in the child (a grow refused, or the child
 * dies and its run is a crash): whatever a candidate does, a child holds at most this much of the host's memory.
 * WebAssembly's guard regions are reserved without write access, so they do not count.
 */
export const CHILD_DATA_BYTES = DEFAULT_LIMITS.memoryBytes + 2 ** 30;

/** util-linux's prlimit, which sets the limit and execs the rest of the command (same process, same group). */
function prlimitPath(): string | undefined {
  return ['/usr/bin/prlimit', '/bin/prlimit', '/usr/local/bin/prlimit'].find((path) => existsSync(path));
}

function withDataLimit(command: ChildCommand): ChildCommand {
  const prlimit = prlimitPath();
  if (!prlimit) return command;
  return { ...command, file: prlimit, args: [`--data=${CHILD_DATA_BYTES}`, '--', command.file, ...command.args] };
}

let libraries: string[] | string | undefined;

/** The shared libraries node loads, as `ldd` lists them (path as the loader asks for it); listed once. */
function sharedLibraries(node: string): string[] | string {
  libraries ??= listLibraries(node);
  return libraries;
}

function listLibraries(node: string): string[] | string {
  const r = spawnSync('ldd', [node], { encoding: 'utf8' });
  if (r.error) return `cannot list node's shared libraries (ldd: ${r.error.message})`;
  // A static binary: ldd says so and exits 1.
  if (r.status !== 0) return /not a dynamic executable/.test(`${r.stdout}${r.stderr}`) ? [] : `ldd ${node} failed`;
  const libs: string[] = [];
  for (const line of r.stdout.split('\n')) {
    const m = /(?:=>\s*)?(\/\S+)\s+\(0x[0-9a-f]+\)/.exec(line);
    if (m?.[1]) libs.push(m[1]);
  }
  return libs;
}

/**
 * The command that starts one sandboxed child. Under bubblewrap the root is an empty tmpfs with, read-only: node
 * (at its own path), each library it links (at the path the loader asks for), the bundle and Pyodide under
 * /engine; then a private /tmp, a minimal /dev and a /proc of the child's own pid namespace. No /usr/bin, no /etc,
 * no checkout, no build/ (no oracles, no packs). The child runs as nobody without capabilities, in its own session
 * (no terminal to inject keystrokes into), and dies with the CLI.
 */
export function childCommand(isolation: Isolation, files: EngineFiles): ChildCommand | string {
  const node = process.execPath;
  if (isolation === 'permission')
    return withDataLimit({ file: node, args: [...nodeFlags([files.dir, files.pyodideDir]), files.entry], env: {} });
  const sandbox = bwrapArgs(files, {});
  if (typeof sandbox === 'string') return sandbox;
  return withDataLimit({
    file: bwrapPath(),
    args: [...sandbox, node, ...nodeFlags([SANDBOX_ENGINE_DIR]), `${SANDBOX_ENGINE_DIR}/child.mjs`],
    env: {},
  });
}

/** bubblewrap's options up to and including `--`, with `env` as the child's whole environment. */
function bwrapArgs(files: EngineFiles, env: Record<string, string>): string[] | string {
  const node = process.execPath;
  const libs = sharedLibraries(node);
  if (typeof libs === 'string') return libs;
  const binds: string[] = [];
  const bind = (source: string, target: string) => binds.push('--ro-bind', realpathSync(source), target);
  bind(node, node);
  for (const lib of libs) bind(lib, lib);
  bind(files.entry, `${SANDBOX_ENGINE_DIR}/child.mjs`);
  bind(files.pyodideDir, `${SANDBOX_ENGINE_DIR}/node_modules/pyodide`);
  return [
    '--unshare-all',
    '--unshare-user',
    '--uid',
    '65534',
    '--gid',
    '65534',
    '--cap-drop',
    'ALL',
    '--die-with-parent',
    '--new-session',
    '--clearenv',
    ...Object.entries(env).flatMap(([k, v]) => ['--setenv', k, v]),
    ...binds,
    '--tmpfs',
    '/tmp',
    '--dev',
    '/dev',
    '--proc',
    '/proc',
    '--chdir',
    '/tmp',
    // The root's own tmpfs (the folders bubblewrap made for the binds) becomes read-only; /tmp stays private.
    '--remount-ro',
    '/',
    '--',
  ];
}

export type BwrapStatus = { kind: 'available' } | { kind: 'unavailable'; reason: string };

let probed: BwrapStatus | undefined;

/**
 * Whether bubblewrap can start a sandbox here, found out once per process by running `node -e 0` in exactly the
 * sandbox the children get (minus the engine files): bwrap missing, user namespaces refused by the kernel or an
 * AppArmor policy, and a node that cannot start with only its libraries all show up as a reason.
 */
export function probeBwrap(files: EngineFiles): BwrapStatus {
  if (probed) return probed;
  probed = probe(files);
  return probed;
}

function probe(files: EngineFiles): BwrapStatus {
  const bwrap = bwrapPath();
  if (!isExecutable(bwrap)) return { kind: 'unavailable', reason: `bubblewrap is not installed (${bwrap} not found)` };
  const command = sandboxedNode(files, ['-e', '0']);
  if (typeof command === 'string') return { kind: 'unavailable', reason: command };
  const r = spawnSync(command.file, command.args, { encoding: 'utf8', env: command.env, timeout: 30_000 });
  if (r.error) return { kind: 'unavailable', reason: `${bwrap} could not run: ${r.error.message}` };
  if (r.status === 0) return { kind: 'available' };
  const said = (r.stderr || r.stdout).trim().split('\n').pop() ?? '';
  return {
    kind: 'unavailable',
    reason: `${bwrap} could not start a sandbox (exit ${r.status ?? r.signal}${said ? `: ${said}` : ''})`,
  };
}

/** Whether `name` (a path, or a bare name looked up on PATH as spawn would) names an executable file. */
function isExecutable(name: string): boolean {
  const candidates = name.includes('/')
    ? [name]
    : (process.env.PATH ?? '')
        .split(':')
        .filter((dir) => dir !== '')
        .map((dir) => `${dir}/${name}`);
  return candidates.some((path) => {
    try {
      accessSync(path, constants.X_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  });
}

/**
 * node with `nodeArgs` in the children's sandbox (the children's channel is fd 3 of their spawn, which this leaves
 * to the caller): the probe's `-e 0`, and tests that check what the sandbox itself lets through.
 * `permission: false` leaves the permission model out, to see the operating system's layer alone.
 */
export function sandboxedNode(
  files: EngineFiles,
  nodeArgs: string[],
  options: { permission: boolean } = { permission: true },
): ChildCommand | string {
  const sandbox = bwrapArgs(files, {});
  if (typeof sandbox === 'string') return sandbox;
  return withDataLimit({
    file: bwrapPath(),
    args: [
      ...sandbox,
      process.execPath,
      ...(options.permission ? nodeFlags([SANDBOX_ENGINE_DIR]) : ['--no-warnings']),
      ...nodeArgs,
    ],
    env: {},
  });
}

/** What to tell a user whose machine cannot run the sandbox, after the reason. */
export const BWRAP_HINT =
  'install bubblewrap (apt-get install bubblewrap) and allow unprivileged user namespaces ' +
  '(sysctl kernel.unprivileged_userns_clone=1; on Ubuntu 24.04 also kernel.apparmor_restrict_unprivileged_userns=0)';
