/**
 * The JavaScript run inside every fresh QuickJS context before the program: it builds the process-like API
 * (`process`, `console`, `fs`/`require`, TextEncoder/TextDecoder) on top of the host functions of run-script.ts,
 * and pins what would otherwise come from the host: `Date`/`performance.now()` read the run's virtual clock, local
 * time is UTC, and `Math.random` is the contract's sfc32 generator (src/core/prng.ts) seeded per run.
 *
 * Kept as guest code rather than host functions where it can be: a call across the WebAssembly boundary costs far
 * more than a few QuickJS bytecodes (Math.random, formatting).
 */
export const PRELUDE = String.raw`
(() => {
  'use strict';
  const host = globalThis.__mirrorbox_host;
  delete globalThis.__mirrorbox_host;
  const config = JSON.parse(host.config);

  const toBuffer = (data) => {
    if (typeof data === 'string') return data;
    if (data instanceof ArrayBuffer) return data;
    if (ArrayBuffer.isView(data)) return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
    return String(data);
  };

  class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(text = '') { return new Uint8Array(host.encode(String(text))); }
  }
  class TextDecoder {
    get encoding() { return 'utf-8'; }
    decode(bytes) { return bytes === undefined ? '' : host.decode(toBuffer(bytes)); }
  }

  // --- output formatting: close to Node's util.format for the common cases (strings raw, %s %d %i %f %j %o %O %%).
  const inspect = (value, depth = 0, seen = []) => {
    switch (typeof value) {
      case 'string': return depth === 0 ? value : "'" + value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n') + "'";
      case 'number': return Object.is(value, -0) ? '-0' : String(value);
      case 'bigint': return value + 'n';
      case 'undefined': return 'undefined';
      case 'symbol': return value.toString();
      case 'function': return value.name ? '[Function: ' + value.name + ']' : '[Function (anonymous)]';
      case 'boolean': return String(value);
    }
    if (value === null) return 'null';
    if (seen.includes(value)) return '[Circular *1]';
    if (value instanceof Error) return value.stack ? value.name + ': ' + value.message + '\n' + value.stack.replace(/\n$/, '') : String(value);
    if (value instanceof Date) return isNaN(value) ? 'Invalid Date' : value.toISOString();
    if (value instanceof RegExp) return String(value);
    if (depth > 2) return Array.isArray(value) ? '[Array]' : '[Object]';
    const inner = seen.concat([value]);
    if (Array.isArray(value)) {
      if (value.length === 0) return '[]';
      return '[ ' + value.map((v) => inspect(v, depth + 1, inner)).join(', ') + ' ]';
    }
    if (ArrayBuffer.isView(value)) return value.constructor.name + '(' + value.length + ') [ ' + Array.from(value).join(', ') + ' ]';
    if (value instanceof Map) return 'Map(' + value.size + ') {' + (value.size ? ' ' + [...value].map(([k, v]) => inspect(k, depth + 1, inner) + ' => ' + inspect(v, depth + 1, inner)).join(', ') + ' ' : '') + '}';
    if (value instanceof Set) return 'Set(' + value.size + ') {' + (value.size ? ' ' + [...value].map((v) => inspect(v, depth + 1, inner)).join(', ') + ' ' : '') + '}';
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    const key = (k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : inspect(k, 1));
    return '{ ' + keys.map((k) => key(k) + ': ' + inspect(value[k], depth + 1, inner)).join(', ') + ' }';
  };
  const format = (...args) => {
    let out = '';
    let rest = args;
    if (typeof args[0] === 'string' && args.length > 1) {
      let i = 1;
      out = args[0].replace(/%([sdifjoO%])/g, (m, c) => {
        if (c === '%') return '%';
        if (i >= args.length) return m;
        const a = args[i++];
        switch (c) {
          case 's': return typeof a === 'string' ? a : inspect(a, 1);
          case 'd': case 'i': return typeof a === 'bigint' ? a + 'n' : String(c === 'i' ? Math.trunc(Number(a)) : Number(a));
          case 'f': return String(parseFloat(a));
          case 'j': return JSON.stringify(a);
          default: return inspect(a, 1);
        }
      });
      rest = args.slice(i);
      for (const a of rest) out += ' ' + inspect(a);
      return out;
    }
    return rest.map((a) => inspect(a)).join(' ');
  };

  const stream = (fd) => ({
    fd,
    isTTY: false,
    write(data, encoding, callback) {
      host.write(fd, toBuffer(data));
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') done();
      return true;
    },
  });
  const stdout = stream(1);
  const stderr = stream(2);
  const line = (fd) => (...args) => { host.write(fd, format(...args) + '\n'); };
  const console = {
    log: line(1), info: line(1), debug: line(1),
    error: line(2), warn: line(2), trace: line(2),
    dir: (v) => host.write(1, inspect(v, 1) + '\n'),
  };

  let stdinBytes;
  const readStdin = () => (stdinBytes ??= new Uint8Array(host.stdin()));
  const stdin = {
    fd: 0,
    isTTY: false,
    /** All of stdin as bytes (a copy). */
    readBytes: () => readStdin().slice(),
    /** All of stdin as UTF-8 text. */
    readText: () => host.decode(readStdin().buffer),
  };

  // --- files: the run's working directory through a tiny synchronous subset of node:fs.
  const fsError = (code, syscall, path) => {
    const text = { ENOENT: 'no such file or directory', EISDIR: 'illegal operation on a directory', ENOSPC: 'no space left on device' }[code];
    const e = new Error(code + ': ' + text + ', ' + syscall + " '" + path + "'");
    e.code = code; e.syscall = syscall; e.path = path; e.errno = { ENOENT: -2, EISDIR: -21, ENOSPC: -28 }[code];
    return e;
  };
  const isStdin = (path) => path === 0 || path === '/dev/stdin';
  const decodeAs = (bytes, options) => {
    const encoding = typeof options === 'string' ? options : options && options.encoding;
    if (!encoding) return bytes;
    if (/^utf-?8$/i.test(encoding)) return host.decode(bytes.buffer);
    if (/^(latin1|binary)$/i.test(encoding)) return String.fromCharCode(...bytes);
    throw new TypeError('fs: unsupported encoding ' + encoding + ' (use utf8 or no encoding)');
  };
  const fs = {
    readFileSync(path, options) {
      if (isStdin(path)) return decodeAs(readStdin().slice(), options);
      const data = host.readFile(String(path));
      if (data === undefined) throw fsError(host.exists(String(path)) ? 'EISDIR' : 'ENOENT', 'open', String(path));
      return decodeAs(new Uint8Array(data), options);
    },
    writeFileSync(path, data) {
      if (path === 1 || path === '/dev/stdout') return void host.write(1, toBuffer(data));
      if (path === 2 || path === '/dev/stderr') return void host.write(2, toBuffer(data));
      if (!host.writeFile(String(path), toBuffer(data))) throw fsError('ENOSPC', 'write', String(path));
    },
    appendFileSync(path, data) {
      const old = host.readFile(String(path));
      const add = new Uint8Array(typeof data === 'string' ? host.encode(data) : toBuffer(data));
      const both = new Uint8Array((old ? old.byteLength : 0) + add.length);
      if (old) both.set(new Uint8Array(old));
      both.set(add, both.length - add.length);
      if (!host.writeFile(String(path), both.buffer)) throw fsError('ENOSPC', 'write', String(path));
    },
    existsSync: (path) => host.exists(String(path)),
  };

  const process = {
    argv: config.argv,
    argv0: config.argv[0],
    env: config.env,
    platform: 'wasi',
    exitCode: undefined,
    stdin, stdout, stderr,
    cwd: () => '/',
    exit(code) { host.exit(code === undefined ? (process.exitCode ?? 0) : code); },
  };
  const require = (name) => {
    if (name === 'fs' || name === 'node:fs') return fs;
    if (name === 'process' || name === 'node:process') return process;
    throw new Error("Cannot find module '" + name + "' (only fs and process exist here)");
  };

  // --- deterministic time: the run's virtual clock, local time = UTC.
  const RealDate = Date;
  function MirrorDate(...args) {
    if (!new.target) return new RealDate(host.now(0)).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [host.now(0)] : args, new.target);
  }
  MirrorDate.prototype = RealDate.prototype;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: MirrorDate, writable: true, configurable: true });
  MirrorDate.now = () => host.now(0);
  MirrorDate.parse = RealDate.parse;
  MirrorDate.UTC = RealDate.UTC;
  const proto = RealDate.prototype;
  for (const name of ['FullYear', 'Month', 'Date', 'Day', 'Hours', 'Minutes', 'Seconds', 'Milliseconds']) {
    proto['get' + name] = proto['getUTC' + name];
    if (name !== 'Day') proto['set' + name] = proto['setUTC' + name];
  }
  proto.getTimezoneOffset = () => 0;
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  proto.toDateString = function () {
    if (isNaN(this)) return 'Invalid Date';
    const y = this.getUTCFullYear();
    return days[this.getUTCDay()] + ' ' + months[this.getUTCMonth()] + ' ' + pad(this.getUTCDate()) + ' ' + (y < 0 ? '-' + pad(-y, 6) : pad(y, 4));
  };
  proto.toTimeString = function () {
    if (isNaN(this)) return 'Invalid Date';
    return pad(this.getUTCHours()) + ':' + pad(this.getUTCMinutes()) + ':' + pad(this.getUTCSeconds()) + ' GMT+0000 (Coordinated Universal Time)';
  };
  proto.toString = function () { return isNaN(this) ? 'Invalid Date' : this.toDateString() + ' ' + this.toTimeString(); };
  proto.toLocaleString = proto.toString;
  proto.toLocaleDateString = proto.toDateString;
  proto.toLocaleTimeString = proto.toTimeString;
  const performance = { now: () => host.now(1), timeOrigin: 0 };

  // --- seeded randomness: sfc32 exactly as src/core/prng.ts.
  let a = 0x9e3779b9 | 0, b = 0x243f6a88 | 0, c = 0xb7e15162 | 0, d = config.seed | 0;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) next();
  Math.random = () => next() / 4294967296;

  const define = (name, value) => Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  define('Date', MirrorDate);
  define('process', process);
  define('console', console);
  define('require', require);
  define('performance', performance);
  define('TextEncoder', TextEncoder);
  define('TextDecoder', TextDecoder);
  define('global', globalThis);
})();
`;

/** Builtin modules a program may import; each re-exports what the prelude made. */
export const BUILTIN_MODULES: Readonly<Record<string, string>> = {
  fs: `const fs = require('fs'); export default fs;
export const { readFileSync, writeFileSync, appendFileSync, existsSync } = fs;`,
  process: `const p = require('process'); export default p;
export const { argv, env, stdin, stdout, stderr, exit } = p;`,
};
