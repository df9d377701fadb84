/**
 * The Python side of a run, defined once before the memory snapshot (so it costs nothing per run). `_mirrorbox_run`
 * sets up one run like a process start (argv, environment, cwd, fresh std streams, a fresh `__main__`, the run's
 * clock and random seed) and returns the exit code; `_mirrorbox_collect` then flushes and returns
 * `(stdout, stderr, stop)`, `stop` being '' or the stream that hit the output cap. Separate so that output survives a
 * KeyboardInterrupt escaping the run.
 *
 * What the prelude pins once, before the snapshot (toolchains/python/README.md has the table):
 * - Time: every clock of the `time` module reads one virtual clock per run (docs/environment.md: realtime from the
 *   request's instant, monotonic from 1 s, +1 µs per read, sleep advances it), local time is UTC, and `datetime` is
 *   the pure-Python implementation (`_pydatetime`) so that its now()/today() read the same clock. The C functions
 *   are replaced wherever a module already bound them (`from time import monotonic as _time` in threading), and
 *   threading's timed waits run out at once on that clock, as time.sleep does.
 * - Randomness: `os.urandom` (and so SystemRandom, secrets, uuid4) is the contract's sfc32 stream seeded with the
 *   run's seed, the same bytes the WASI runner's `random_get` gives; an unseeded `random.Random` seeds from it.
 * - Escape hatches: Pyodide's bridges to JavaScript (`js`, `pyodide`, `_pyodide_core`, ...), `ctypes` and CPython's
 *   test modules leave `sys.modules` and cannot be imported again (a meta-path finder, and an audit hook, which a
 *   program cannot remove); every JsProxy the interpreter held is dropped and the bridge's module namespaces are
 *   emptied, so no walk (object.__subclasses__(), function globals, frames) leads to JavaScript; no module can be
 *   made from the built-in table or a .so file after start-up; process APIs fail with ENOSYS and sockets with
 *   ENOTSUP, as in the WASI runner.
 * - Tracebacks: CPython's text without the runner's frames, summed up before formatting so that the million frames
 *   of a recursion under sys.setrecursionlimit(10**6) take seconds, not minutes.
 */
export const PYTHON_PRELUDE = String.raw`
import builtins, errno, gc, io, operator, os, posix, random, signal, sys, time, traceback, linecache, types

_MIRRORBOX_GLOBALS = globals()
_MIRRORBOX_BUILTINS = dict(builtins.__dict__)

# The C datetime reads the host's clock and zone: the pure-Python one (the same API, CPython's own fallback when
# _datetime is missing) reads the time module, whose functions are replaced below. First, before anything else
# imports the C one.
sys.modules.pop('datetime', None)
sys.modules['_datetime'] = None
import datetime
del sys.modules['_datetime']

class _MirrorboxOutputLimit(BaseException):
    pass

class _MirrorboxSink(io.RawIOBase):
    def __init__(self, limit):
        self.chunks = []
        self.size = 0
        self.limit = limit
        self.full = False
        self.sealed = False
    def writable(self):
        return True
    # Builtins bound at definition: a program that replaces builtins.len must not break its own output.
    def write(self, b, bytes=bytes, len=len, max=max):
        if self.sealed:
            return len(b)
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

# ---- the run's clock ---------------------------------------------------------------------------------------------
# [realtime start in ns, ns elapsed]: set by _mirrorbox_run, back to the snapshot's values before the next run.
_mirrorbox_clock = [0, 0]
_MIRRORBOX_MONOTONIC_START = 1_000_000_000
_MIRRORBOX_TICK = 1000

def _mirrorbox_install_clock():
    clock = _mirrorbox_clock
    MONO, TICK = _MIRRORBOX_MONOTONIC_START, _MIRRORBOX_TICK
    c_gmtime, c_asctime, c_strftime = time.gmtime, time.asctime, time.strftime
    realtime_ids = {time.CLOCK_REALTIME, getattr(time, 'CLOCK_TAI', time.CLOCK_REALTIME)}
    known_ids = realtime_ids | {getattr(time, n) for n in dir(time) if n.startswith('CLOCK_')}

    def time_ns():
        clock[1] += TICK
        return clock[0] + clock[1]
    def monotonic_ns():
        clock[1] += TICK
        return MONO + clock[1]
    def time_():
        return time_ns() / 1e9
    def monotonic():
        return monotonic_ns() / 1e9
    def clock_gettime_ns(clk_id):
        if clk_id not in known_ids:
            raise OSError(errno.EINVAL, os.strerror(errno.EINVAL))
        return time_ns() if clk_id in realtime_ids else monotonic_ns()
    def clock_gettime(clk_id):
        return clock_gettime_ns(clk_id) / 1e9
    def sleep(secs):
        # Same argument checks as CPython; the clock moves on instead of the program waiting.
        if not isinstance(secs, (int, float)):
            secs = float(secs)
        if secs != secs:
            raise ValueError('Invalid value NaN (not a number)')
        if secs < 0:
            raise ValueError('sleep length must be non-negative')
        clock[1] += round(secs * 1e9)
    # Local time is UTC (the contract has no time zones), whatever the host's zone or the program's TZ.
    def gmtime(secs=None):
        return c_gmtime(time_() if secs is None else secs)
    def localtime(secs=None):
        # gmtime's zone is "GMT" (as in glibc); local time in TZ=UTC says "UTC".
        return time.struct_time(gmtime(secs), {'tm_zone': 'UTC', 'tm_gmtoff': 0})
    def asctime(t=None):
        return c_asctime(localtime() if t is None else t)
    def ctime(secs=None):
        return c_asctime(localtime(secs))
    def strftime(format, t=None):
        return c_strftime(format, localtime() if t is None else t)
    def mktime(t):
        # calendar.timegm's arithmetic (importing calendar would cost every worker 60 ms at start-up).
        if not isinstance(t, tuple) or len(t) != 9:
            raise TypeError('mktime(): illegal time tuple argument')
        year, month, day, hour, minute, second = t[:6]
        days = datetime.date(year, month, 1).toordinal() - 719163 + day - 1
        return float(((days * 24 + hour) * 60 + minute) * 60 + second)
    def tzset():
        time.timezone = time.altzone = time.daylight = 0
        time.tzname = ('UTC', 'UTC')

    replacements = {
        'time': time_, 'time_ns': time_ns, 'monotonic': monotonic, 'monotonic_ns': monotonic_ns,
        'perf_counter': monotonic, 'perf_counter_ns': monotonic_ns,
        'process_time': monotonic, 'process_time_ns': monotonic_ns,
        'thread_time': monotonic, 'thread_time_ns': monotonic_ns,
        'clock_gettime': clock_gettime, 'clock_gettime_ns': clock_gettime_ns, 'sleep': sleep,
        'gmtime': gmtime, 'localtime': localtime, 'asctime': asctime, 'ctime': ctime, 'strftime': strftime,
        'mktime': mktime, 'tzset': tzset,
    }
    return replacements

def _mirrorbox_replace_everywhere(module, replacements):
    originals = {id(getattr(module, name)): (getattr(module, name), new) for name, new in replacements.items()
                 if hasattr(module, name)}
    for name, new in replacements.items():
        setattr(module, name, new)
    # Modules imported before now may hold the C functions under their own names.
    for m in list(sys.modules.values()):
        d = getattr(m, '__dict__', None)
        if not isinstance(d, dict) or m is module:
            continue
        for k, v in list(d.items()):
            old, new = originals.get(id(v), (None, None))
            if v is old:
                d[k] = new

_mirrorbox_replace_everywhere(time, _mirrorbox_install_clock())
time.tzset()

def _mirrorbox_install_locks():
    import threading
    c_allocate_lock = threading._allocate_lock
    sleep = time.sleep

    class Lock:
        """threading's lock, with timed waits on the run's clock. Pyodide runs no other thread, so nothing can release
        a lock held while waiting: a timed wait can only run out, and does so at once, the clock moving by its
        timeout (as time.sleep). Without this, Queue.get(timeout=...) waits in host time and never times out."""
        __slots__ = ('_lock', '__weakref__')
        def __init__(self):
            self._lock = c_allocate_lock()
        def acquire(self, blocking=True, timeout=-1):
            if not blocking or timeout == 0 or (timeout is not None and timeout < 0):
                return self._lock.acquire(blocking, timeout)  # CPython's own checks and outcomes
            if self._lock.acquire(False):
                return True
            sleep(timeout)
            return False
        def release(self):
            self._lock.release()
        def locked(self):
            return self._lock.locked()
        def _at_fork_reinit(self):
            self._lock._at_fork_reinit()
        def __enter__(self):
            return self.acquire()
        def __exit__(self, *exc):
            self.release()
        def __repr__(self):
            return repr(self._lock).replace('_thread.lock', 'threading.Lock')
        acquire_lock, release_lock, locked_lock = acquire, release, locked

    Lock.__module__ = 'threading'
    threading._allocate_lock = threading.Lock = Lock

_mirrorbox_install_locks()

# ---- the run's randomness ----------------------------------------------------------------------------------------
# sfc32 exactly as src/core/prng.ts, so os.urandom gives the bytes the WASI runner's random_get gives for the seed.
_mirrorbox_entropy = [0, 0, 0, 0]

def _mirrorbox_entropy_seed(seed):
    s = _mirrorbox_entropy
    s[0], s[1], s[2], s[3] = 0x9e3779b9, 0x243f6a88, 0xb7e15162, int(seed) & 0xffffffff
    _mirrorbox_entropy_words(15)

def _mirrorbox_entropy_words(n):
    a, b, c, d = _mirrorbox_entropy
    out = []
    for _ in range(n):
        t = (a + b + d) & 0xffffffff
        d = (d + 1) & 0xffffffff
        a = b ^ (b >> 9)
        b = (c + (c << 3)) & 0xffffffff
        c = ((c << 21) | (c >> 11)) & 0xffffffff
        c = (c + t) & 0xffffffff
        out.append(t)
    _mirrorbox_entropy[:] = (a, b, c, d)
    return out

def _mirrorbox_urandom(size, /):
    size = operator.index(size)
    if size < 0:
        raise ValueError('negative argument not allowed')
    words = _mirrorbox_entropy_words((size + 3) // 4)
    return b''.join(w.to_bytes(4, 'little') for w in words)[:size]

def _mirrorbox_install_random():
    c_seed = random.Random.seed
    def seed(self, a=None, version=2):
        # CPython seeds an unseeded generator from os.urandom in C, out of reach of the replacement below.
        if a is None:
            a = int.from_bytes(_mirrorbox_urandom(32), 'little')
        c_seed(self, a, version)
    seed.__doc__ = c_seed.__doc__
    random.Random.seed = seed
    random.seed = random._inst.seed  # the module's functions are methods bound at import
    _mirrorbox_replace_everywhere(os, {'urandom': _mirrorbox_urandom})
    posix.urandom = _mirrorbox_urandom

_mirrorbox_install_random()

# ---- escape hatches ----------------------------------------------------------------------------------------------
# The program owns the realm it runs in: what it can reach must lead nowhere. Pyodide's bridge to JavaScript (its
# modules, the JsProxies they hold, the C module _pyodide_core), ctypes and CPython's test modules leave the
# interpreter before the snapshot; what stays of them are classes reachable through object.__subclasses__(), whose
# methods see emptied module namespaces.
_MIRRORBOX_HIDDEN = frozenset(('js', 'pyodide', 'pyodide_js', '_pyodide', '_pyodide_core', 'micropip', 'ctypes',
                               '_ctypes', '_testcapi', '_testinternalcapi', '_testlimitedcapi', '_testbuffer',
                               '_testclinic', '_testclinic_limited', '_testmultiphase', '_testsinglephase',
                               '_xxtestfuzz', '_remote_debugging', '_posixsubprocess'))

def _mirrorbox_hidden(name):
    return type(name) is str and name.partition('.')[0] in _MIRRORBOX_HIDDEN

def _mirrorbox_bridge_owned(obj):
    """True for an object (or class) defined by one of the hidden modules, read without running any of its code."""
    cls = obj if isinstance(obj, type) else type(obj)
    for c in cls.__mro__:
        if _mirrorbox_hidden(type.__dict__['__dict__'].__get__(c).get('__module__')):
            return True
    return False

class _MirrorboxHiddenFinder:
    """First on sys.meta_path: the hidden modules are not found, as in a Python that does not have them."""
    @staticmethod
    def find_spec(name, path=None, target=None):
        if _mirrorbox_hidden(name):
            raise ModuleNotFoundError(f'No module named {name!r}', name=name)
        return None

_MIRRORBOX_SOCKET_EVENTS = frozenset(('socket.__new__', 'socket.bind', 'socket.connect', 'socket.getaddrinfo',
                                      'socket.gethostbyname', 'socket.gethostbyaddr', 'socket.getnameinfo',
                                      'socket.getservbyname', 'socket.getservbyport', 'socket.sendmsg',
                                      'socket.sendto', 'socket.sethostname'))
_MIRRORBOX_GC_EVENTS = frozenset(('gc.get_objects', 'gc.get_referrers', 'gc.get_referents'))
# Code objects come from compile() only: hand-made bytecode (CodeType(), code.replace(), marshal) is how pure Python
# corrupts the interpreter's memory, and from there a proxy of a JavaScript handle could be forged. The import system
# never needs marshal here: the standard library zip holds sources, and no bytecode cache is written.
_MIRRORBOX_CODE_EVENTS = frozenset(('code.__new__', 'marshal.loads', 'marshal.load'))

def _mirrorbox_audit(event, args):
    # An audit hook cannot be removed: it still stops a program that took the finder off sys.meta_path. The gc
    # walks are refused because they would hand out the objects the runner keeps for itself.
    if event == 'import':
        if _mirrorbox_hidden(args[0]):
            # "import pyodide.http" fails on its parent first in a Python without pyodide.
            top = args[0].partition('.')[0]
            raise ModuleNotFoundError(f'No module named {top!r}', name=top)
    elif event in _MIRRORBOX_SOCKET_EVENTS:
        raise OSError(errno.ENOTSUP, os.strerror(errno.ENOTSUP))
    elif event in _MIRRORBOX_GC_EVENTS or event in _MIRRORBOX_CODE_EVENTS:
        raise RuntimeError(f'{event}() is not available in this sandbox')

def _mirrorbox_sever():
    """Drops every reference from Python to a JavaScript object, and every way to make one."""
    import asyncio, json.encoder, shutil
    bridge = [m for n, m in list(sys.modules.items()) if _mirrorbox_hidden(n)]
    for name in [n for n in sys.modules if _mirrorbox_hidden(n)]:
        del sys.modules[name]
    # Pyodide's finders (JsFinder's jsproxies map "js" to the JavaScript global object) and hooks.
    sys.meta_path[:] = [_MirrorboxHiddenFinder] + [f for f in sys.meta_path if not _mirrorbox_bridge_owned(f)]
    sys.path_hooks[:] = [h for h in sys.path_hooks if not _mirrorbox_bridge_owned(h)]
    # The cache keeps the standard library zip's parsed directory: dropping all of it would cost every run's first
    # import a parse of the zip.
    for key, finder in list(sys.path_importer_cache.items()):
        if finder is not None and _mirrorbox_bridge_owned(finder):
            del sys.path_importer_cache[key]
    # What Pyodide set in the standard library: json's marker for JavaScript's null, the wheel archive format,
    # asyncio.run and the event loop policy of its WebLoop, a name in builtins, its __main__'s import of the bridge.
    json.encoder._JSNULL = None
    for unregister, name in ((shutil.unregister_unpack_format, 'whl'), (shutil.unregister_archive_format, 'whl')):
        try:
            unregister(name)
        except Exception:
            pass
    asyncio.run = asyncio.runners.run
    asyncio.events._event_loop_policy = None
    asyncio.events._set_running_loop(None)
    builtins.__dict__.pop('___EvalCodeResultException', None)
    _MIRRORBOX_BUILTINS.pop('___EvalCodeResultException', None)
    for k, v in list(_MIRRORBOX_GLOBALS.items()):
        if type(v) is types.ModuleType and _mirrorbox_hidden(v.__name__) or _mirrorbox_bridge_owned(v):
            del _MIRRORBOX_GLOBALS[k]
    # Last, the bridge's own namespaces: the functions and classes left reachable find nothing in them.
    for m in bridge:
        if type(m) is types.ModuleType:
            d = m.__dict__
            for k in [k for k in d if not (type(k) is str and k.startswith('__') and k.endswith('__'))]:
                del d[k]
            d.pop('__builtins__', None)

def _mirrorbox_refuse_native():
    """The interpreter's ways to run or load native code: process APIs fail with ENOSYS, as in a WASI program
    (Emscripten's system() would reach Node's child_process), and no module can be made from the built-in table or
    loaded from a .so file after start-up (a fresh _ctypes or _pyodide_core would undo the above). Every built-in
    module the program may use is imported here, before the snapshot, so nothing needs making later."""
    import _imp
    for name in sys.builtin_module_names:
        if not _mirrorbox_hidden(name) and name not in sys.modules:
            try:
                __import__(name)
            except Exception:
                pass
    def refuse_module(spec, file=None, /):
        name = getattr(spec, 'name', None)
        raise ModuleNotFoundError(f'No module named {name!r}', name=name if type(name) is str else None)
    _imp.create_builtin = _imp.create_dynamic = refuse_module
    _imp.exec_builtin = _imp.exec_dynamic = refuse_module

    def refused(name):
        def refuse(*args, **kwargs):
            raise OSError(errno.ENOSYS, os.strerror(errno.ENOSYS))
        refuse.__name__ = refuse.__qualname__ = name
        refuse.__module__ = 'posix'
        return refuse
    names = ('system', 'popen', 'fork', 'forkpty', 'vfork', 'fexecve', 'execv', 'execve', 'execl', 'execle',
             'execlp', 'execlpe', 'execvp', 'execvpe', 'spawnl', 'spawnle', 'spawnlp', 'spawnlpe', 'spawnv',
             'spawnve', 'spawnvp', 'spawnvpe', 'posix_spawn', 'posix_spawnp', 'kill', 'killpg', 'wait', 'wait3',
             'wait4', 'waitid', 'waitpid', 'pidfd_open')
    replacements = {name: refused(name) for name in names if hasattr(os, name) or hasattr(posix, name)}
    # Emscripten's _exit ends the whole engine (a fatal error, the output lost): it ends the run instead.
    replacements['_exit'] = _mirrorbox_os_exit
    _mirrorbox_replace_everywhere(os, replacements)
    for name, refuse in replacements.items():
        if hasattr(posix, name):
            setattr(posix, name, refuse)

class _MirrorboxExit(BaseException):
    pass

def _mirrorbox_os_exit(status, /):
    """os._exit: the run ends with that status at once; what the program's buffers still hold is lost, as in a process
    that calls _exit (the streams' bytes already flushed stay)."""
    status = operator.index(status)
    if _mirrorbox_streams is not None:
        _mirrorbox_streams[0].sealed = _mirrorbox_streams[1].sealed = True
    raise _MirrorboxExit(status & 0xff)
_mirrorbox_os_exit.__name__ = _mirrorbox_os_exit.__qualname__ = '_exit'

def _mirrorbox_hide():
    _mirrorbox_sever()
    _mirrorbox_refuse_native()
    sys.dont_write_bytecode = True
    sys.addaudithook(_mirrorbox_audit)

_mirrorbox_hide()

# ---- tracebacks --------------------------------------------------------------------------------------------------
_MIRRORBOX_CUTOFF = 3  # traceback._RECURSIVE_CUTOFF: the frames of a repeated line it prints before summing up
_MIRRORBOX_REPEAT_LINE = '  [Previous line repeated 1 more time]\n'

def _mirrorbox_compact(tb, counts):
    """Drops the runner's own frames and keeps at most CUTOFF + 1 frames of each run of one repeated line, appending
    to counts how many more the run had. traceback formats every frame before it decides to skip repeats, which
    takes minutes for the million frames of a recursion under sys.setrecursionlimit(10**6)."""
    entries = []
    kept = []
    last_code = last_line = None
    run = 0
    while tb is not None:
        entries.append(tb)
        nxt = tb.tb_next
        tb.tb_next = None
        frame = tb.tb_frame
        if frame.f_globals is not _MIRRORBOX_GLOBALS:
            code = frame.f_code
            line = tb.tb_lineno
            # traceback compares file, line and function name; one code object has one of each.
            if line == last_line and (code is last_code or (code.co_filename, code.co_name) ==
                                      (last_code.co_filename, last_code.co_name)):
                run += 1
            else:
                if run > _MIRRORBOX_CUTOFF:
                    counts.append(run - _MIRRORBOX_CUTOFF)
                last_code = code
                last_line = line
                run = 1
            if run <= _MIRRORBOX_CUTOFF + 1:
                kept.append(tb)
        tb = nxt
    if run > _MIRRORBOX_CUTOFF:
        counts.append(run - _MIRRORBOX_CUTOFF)
    for a, b in zip(kept, kept[1:]):
        a.tb_next = b
    frame = None
    # Each frame holds its caller (f_back): freed innermost first, a dropped frame is freed alone, its caller still
    # held here. Freed all at once, the chain would be freed recursively in C, one level per frame, and overflow the
    # JavaScript stack (see run-python.ts).
    while entries:
        entries.pop()
    return kept[0] if kept else None

def _mirrorbox_format(exc):
    """CPython's traceback text for an uncaught exception, without the runner's frames."""
    chain = []
    seen = set()
    e = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        chain.append(e)
        e = e.__cause__ if e.__cause__ is not None else None if e.__suppress_context__ else e.__context__
    counts = []
    # The collector would walk the million frames again and again while the walk below allocates. The run ends
    # here; the memory restore before the next one switches it back on.
    gc.disable()
    # Groups print their members' tracebacks in between: their repeat lines would not line up with counts.
    if not any(isinstance(e, BaseExceptionGroup) for e in chain):
        for e in reversed(chain):  # the order traceback prints them in
            e.__traceback__ = _mirrorbox_compact(e.__traceback__, counts)
    lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
    if counts:
        counts.reverse()
        for i, line in enumerate(lines):
            if line == _MIRRORBOX_REPEAT_LINE and counts:
                n = counts.pop()
                lines[i] = f'  [Previous line repeated {n} more time{"s" if n > 1 else ""}]\n'
    return ''.join(lines)

def _mirrorbox_on_sigint(signum, frame):
    """The runner's deadline and memory cap arrive as SIGINT (Pyodide's interrupt poll). stderr ends there: a process
    killed at its deadline prints no traceback, and the KeyboardInterrupt's report, or CPython's "Error in
    sys.excepthook" when the interrupt comes again while it is printed, would be noise in the result."""
    if _mirrorbox_streams is not None:
        out_raw, err_raw, stdout, stderr = _mirrorbox_streams
        try:
            stderr.flush()
        except BaseException:
            pass
        err_raw.sealed = True
    raise KeyboardInterrupt

_mirrorbox_streams = None
signal.signal(signal.SIGINT, _mirrorbox_on_sigint)

# ---- one run -----------------------------------------------------------------------------------------------------
def _mirrorbox_run(source, entry, program_dir, argv, env, stdin_path, seed, clock_ns, limit, str=str, int=int,
                   isinstance=isinstance, bytes=bytes, list=list, dict=dict, compile=compile, exec=exec,
                   BaseException=BaseException, SystemExit=SystemExit, KeyboardInterrupt=KeyboardInterrupt):
    # stdin arrives as a file, not as a JavaScript Uint8Array: no JavaScript object ever reaches Python.
    with open(stdin_path, 'rb') as f:
        stdin = f.read()
    os.unlink(stdin_path)
    out_raw = _MirrorboxSink(limit)
    err_raw = _MirrorboxSink(limit)
    stdout = _mirrorbox_stream(out_raw, 'surrogateescape')
    stderr = _mirrorbox_stream(err_raw, 'backslashreplace')
    stdin_stream = io.TextIOWrapper(io.BufferedReader(io.BytesIO(stdin)), encoding='utf-8',
                                    errors='surrogateescape', newline='\n')
    del stdin
    global _mirrorbox_streams
    _mirrorbox_streams = (out_raw, err_raw, stdout, stderr)
    sys.stdin, sys.stdout, sys.stderr = stdin_stream, stdout, stderr
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = stdin_stream, stdout, stderr
    sys.argv = list(argv)
    if program_dir not in sys.path:
        sys.path.insert(0, program_dir)
    os.environ.clear()
    os.environ.update(dict(env))
    time.tzset()
    _mirrorbox_clock[0] = int(clock_ns)
    _mirrorbox_entropy_seed(seed)
    random.seed(seed)
    code = 0
    # A module of its own, registered as __main__ as runpy does: pickle and "import __main__" find the program.
    main = types.ModuleType('__main__')
    main.__dict__.update({'__file__': entry, '__builtins__': builtins, '__cached__': None})
    sys.modules['__main__'] = main
    def report(exc):
        # With the interpreter's own builtins back (the run is over): a program that broke len() still gets its
        # traceback, as CPython's C fallback would print one.
        builtins.__dict__.update(_MIRRORBOX_BUILTINS)
        try:
            text = _mirrorbox_format(exc)
        except KeyboardInterrupt:
            return  # the deadline, again: the runner reports a timeout
        except BaseException:
            text = f'{type(exc).__name__}: {exc}\n'
        try:
            stderr.write(text)
        except _MirrorboxOutputLimit:
            pass
    try:
        compiled = compile(source, entry, 'exec')
        exec(compiled, main.__dict__)
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
    except _MirrorboxExit as e:
        code = e.args[0]
    except BaseException as e:
        # Never freed: the traceback of a deep recursion would be freed recursively (see _mirrorbox_compact); the
        # memory restore before the next run drops it at no cost.
        global _mirrorbox_uncaught
        _mirrorbox_uncaught = e
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
