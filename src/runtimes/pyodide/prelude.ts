/**
 * The Python side of a run, defined once before the memory snapshot (so it costs nothing per run). `_mirrorbox_run`
 * sets up one run like a process start (argv, environment, cwd, fresh std streams, seeded random, pinned time.time)
 * and returns the exit code; `_mirrorbox_collect` then flushes and returns `(stdout, stderr, stop)`, `stop` being ''
 * or the stream that hit the output cap. Separate so that output survives a KeyboardInterrupt escaping the run.
 */
export const PYTHON_PRELUDE = String.raw`
import builtins, io, os, random, sys, time, traceback, linecache

class _MirrorboxOutputLimit(BaseException):
    pass

class _MirrorboxSink(io.RawIOBase):
    def __init__(self, limit):
        self.chunks = []
        self.size = 0
        self.limit = limit
        self.full = False
    def writable(self):
        return True
    # Builtins bound at definition: a program that replaces builtins.len must not break its own output.
    def write(self, b, bytes=bytes, len=len, max=max):
        if self.full:
            raise _MirrorboxOutputLimit()
        b = bytes(b)
        room = self.limit - self.size
        if len(b) > room:
            self.chunks.append(b[:max(room, 0)])
            self.size = self.limit
            self.full = True
            raise _MirrorboxOutputLimit()
        self.chunks.append(b)
        self.size += len(b)
        return len(b)

def _mirrorbox_stream(raw, errors):
    return io.TextIOWrapper(io.BufferedWriter(raw, 8192), encoding='utf-8', errors=errors, newline='\n',
                            line_buffering=False, write_through=False)

def _mirrorbox_run(source, entry, argv, env, stdin, seed, clock_ns, limit, str=str, int=int, isinstance=isinstance,
                   type=type, bytes=bytes, list=list, dict=dict, compile=compile, exec=exec, BaseException=BaseException,
                   SystemExit=SystemExit, KeyboardInterrupt=KeyboardInterrupt):
    out_raw = _MirrorboxSink(limit)
    err_raw = _MirrorboxSink(limit)
    stdout = _mirrorbox_stream(out_raw, 'surrogateescape')
    stderr = _mirrorbox_stream(err_raw, 'backslashreplace')
    stdin_stream = io.TextIOWrapper(io.BufferedReader(io.BytesIO(bytes(stdin))), encoding='utf-8',
                                    errors='surrogateescape', newline='\n')
    global _mirrorbox_streams
    _mirrorbox_streams = (out_raw, err_raw, stdout, stderr)
    sys.stdin, sys.stdout, sys.stderr = stdin_stream, stdout, stderr
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = stdin_stream, stdout, stderr
    sys.argv = list(argv)
    os.environ.clear()
    os.environ.update(dict(env))
    try:
        time.tzset()
    except Exception:
        pass
    random.seed(seed)
    # The contract's realtime clock: starts at clock_ns, every read advances 1 microsecond.
    tick = [int(clock_ns)]
    def time_ns():
        tick[0] += 1000
        return tick[0]
    time.time_ns = time_ns
    time.time = lambda: time_ns() / 1e9
    code = 0
    main = {'__name__': '__main__', '__file__': entry, '__builtins__': builtins, '__doc__': None,
            '__package__': None, '__spec__': None, '__loader__': None, '__cached__': None}
    def report(exc):
        try:
            traceback.print_exception(type(exc), exc, exc.__traceback__.tb_next if exc.__traceback__ else None,
                                      file=stderr)
        except _MirrorboxOutputLimit:
            pass
    try:
        compiled = compile(source, entry, 'exec')
        exec(compiled, main)
    except SystemExit as e:
        c = e.code
        if c is None:
            code = 0
        elif isinstance(c, int):
            code = c & 0xff
        else:
            try:
                stderr.write(str(c) + '\n')
            except _MirrorboxOutputLimit:
                pass
            code = 1
    except _MirrorboxOutputLimit:
        pass
    except BaseException as e:
        if isinstance(e, KeyboardInterrupt):
            code = 130
        report(e)
        if code == 0:
            code = 1
    return code

def _mirrorbox_collect(BaseException=BaseException):
    out_raw, err_raw, stdout, stderr = _mirrorbox_streams
    for s in (stdout, stderr):
        try:
            s.flush()
        except BaseException:
            pass
    stop = 'stdout' if out_raw.full else 'stderr' if err_raw.full else ''
    return (b''.join(out_raw.chunks), b''.join(err_raw.chunks), stop)

def _mirrorbox_syntax(source, name):
    try:
        compile(source, name, 'exec', dont_inherit=True)
    except SyntaxError as e:
        return (e.lineno or 0, e.offset or 0, type(e).__name__ + ': ' + str(e.msg))
    except ValueError as e:
        return (0, 0, 'ValueError: ' + str(e))
    return None
`;
