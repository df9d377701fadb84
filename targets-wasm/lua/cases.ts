/**
 * Test-suite generator for `lua5.4` (the Lua 5.4.4 stand-alone interpreter, Debian's build).
 *
 * Deterministic: every random value comes from a `Prng` seeded by the case id (SuiteBuilder), so `suite()` returns
 * the same cases on every call. Every second seeded recipe also gets a hidden dual (same feature, other values).
 *
 * Behaviour notes that shaped the cases (checked against the native program):
 * - A script comes from a file operand, from -e, or from stdin (`-`, or no operand when stdin is not a terminal);
 *   errors print `lua5.4: MESSAGE` and a stack traceback on stderr and exit 1.
 * - Iteration order of pairs() over string keys depends on a per-run hash seed natively (time and addresses), and
 *   tostring() of tables and functions prints addresses: cases sort keys and never print an address.
 * - Kept out (target.json fidelityNotes): io.popen, os.execute, os.tmpname, io.tmpfile, os.clock, -i, C modules,
 *   collectgarbage("count"), string.dump and string.pack of native sizes (j is fine, l/T/size_t are not).
 */
import type { TestSuite } from '../../src/core/test-case.ts';
import type { Prng } from '../../src/core/prng.ts';
import { SuiteBuilder } from '../../src/core/suite-builder.ts';

function word(p: Prng, min = 1, max = 8, alphabet = 'abcdefghijklmnopqrstuvwxyz'): string {
  let s = '';
  for (let i = p.int(min, max); i > 0; i--) s += alphabet[p.int(0, alphabet.length - 1)];
  return s;
}

function lines(...ls: string[]): string {
  return ls.map((l) => l + '\n').join('');
}

function latin1(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** A Lua string literal for s (s is plain ASCII without quotes or backslashes unless escaped here). */
function lstr(s: string): string {
  return JSON.stringify(s);
}

/** A random numeric expression mixing integers and floats, with Lua's operators. */
function numExpr(p: Prng, depth: number): string {
  if (depth <= 0 || p.int(0, 3) === 0) {
    const form = p.int(0, 7);
    if (form === 0) return `${p.int(0, 999)}.${p.int(0, 99)}`;
    if (form === 1) return `0x${p.int(0, 0xffff).toString(16)}`;
    if (form === 2) return `${p.int(1, 9)}e${p.int(-5, 20)}`;
    if (form === 3) return `(-${p.int(0, 1000)})`;
    if (form === 4) return `math.maxinteger`;
    if (form === 5) return `math.mininteger`;
    return String(p.int(0, 100000));
  }
  const op = p.pick(['+', '-', '*', '/', '//', '%', '^', '&', '|', '~', '<<', '>>']);
  const a = numExpr(p, depth - 1);
  if (op === '^') return `(${a} ^ ${p.int(0, 4)})`;
  if (op === '//' || op === '%' || op === '/')
    return `(${a} ${op} ${p.pick([String(p.int(1, 97)), `${p.int(1, 9)}.5`, '-3'])})`;
  if (op === '&' || op === '|' || op === '~' || op === '<<' || op === '>>')
    return `(${p.int(0, 1 << 20)} ${op} ${op === '<<' || op === '>>' ? p.int(0, 70) : p.int(0, 1 << 20)})`;
  return `(${a} ${op} ${numExpr(p, depth - 1)})`;
}

function addBasics(b: SuiteBuilder): void {
  for (let i = 1; i <= 34; i++) {
    b.pair(`arith-${String(i).padStart(2, '0')}`, 'numbers: integer and float arithmetic, bitwise operators', (p) => {
      const out: string[] = [];
      for (let k = 0; k < 6; k++) out.push(`print(${numExpr(p, p.int(1, 3))})`);
      out.push(`print(math.type(${numExpr(p, 1)}), ${p.int(0, 99)} // 0.0, -${p.int(1, 99)} % math.huge)`);
      return { argv: ['-'], stdin: lines(...out) };
    });
  }
  b.two(
    'int-division-by-zero',
    'numbers: integer division by zero is an error',
    { argv: ['-e', 'print(1 // 0)'] },
    { argv: ['-e', 'print(pcall(function() return 5 % 0 end))'] },
  );
  b.two(
    'number-formatting',
    'numbers: how print shows numbers',
    { argv: ['-e', 'print(1e15, 1e16, 2^63, -0.0, 0/0 ~= 0/0, 1/0, -1/0, 3.0, 3, 0x10, 0xA.8p1, 1e308*10)'] },
    { argv: ['-e', 'print(123456789012, 0.1 + 0.2, 100 // 1.0, 7 // 2, 2^-1074, math.pi, -math.pi, 1e100)'] },
  );
  b.two(
    'integer-overflow',
    'numbers: integers wrap around',
    {
      argv: [
        '-e',
        'print(math.maxinteger + 1 == math.mininteger, math.mininteger - 1, math.maxinteger * 2, -math.mininteger)',
      ],
    },
    { argv: ['-e', 'print(math.mininteger // -1, math.mininteger % -1, 1 << 63, 1 << 64, -1 >> 1)'] },
  );
  for (let i = 1; i <= 6; i++) {
    b.pair(`coercion-${i}`, 'numbers: string/number coercions and tonumber', (p) => {
      const vals = [
        `"${p.int(0, 999)}"`,
        `" 0x${p.int(0, 255).toString(16)} "`,
        `"${p.int(1, 9)}e${p.int(0, 5)}"`,
        `"${word(p)}"`,
        `"  ${p.int(0, 99)}.5  "`,
        `"${p.int(0, 9)}${word(p, 1, 2)}"`,
      ];
      const base = p.int(2, 36);
      return {
        argv: ['-'],
        stdin: lines(
          ...vals.map((v) => `print(tonumber(${v}), pcall(function() return ${v} + 1 end))`),
          `print(tonumber("${word(p, 1, 5, '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, base))}", ${base}))`,
          `print(${p.int(0, 99)} .. "", ${p.int(0, 9)}.5 .. "|", math.tointeger("${p.int(0, 9)}"), tostring(nil), tostring(true))`,
        ),
      };
    });
  }
}

function addStrings(b: SuiteBuilder): void {
  for (let i = 1; i <= 22; i++) {
    b.pair(`format-${String(i).padStart(2, '0')}`, 'strings: string.format', (p) => {
      const specs = [
        '%d',
        '%5d',
        '%-5d|',
        '%05d',
        '%x',
        '%X',
        '%o',
        '%c',
        '%s',
        '%.3s',
        '%10s|',
        '%-10s|',
        '%%',
        '%+d',
        '% d',
        '%e',
        '%.2f',
        '%g',
        '%10.4f',
        '%i',
        '%q',
        '%.0f',
        '%G',
        '%5.1E',
      ];
      const out: string[] = [];
      for (let k = 0; k < 5; k++) {
        const spec = p.pick(specs);
        let arg: string;
        if (spec.includes('s') || spec === '%q') arg = lstr(word(p, 0, 12, 'abc \n\t"\\xyz'));
        else if (spec.includes('c')) arg = String(p.int(32, 126));
        else if (/[eEfgG]/.test(spec)) arg = `${p.int(-9999, 9999)}.${p.int(0, 999)}`;
        else arg = String(p.int(-100000, 100000));
        out.push(`print(string.format(${lstr(spec)}, ${arg}))`);
      }
      out.push(`print(pcall(string.format, "%d", ${p.int(0, 9)}.5))`, `print(pcall(string.format, "%y", 1))`);
      return { argv: ['-'], stdin: lines(...out) };
    });
  }
  for (let i = 1; i <= 26; i++) {
    b.pair(`patterns-${String(i).padStart(2, '0')}`, 'strings: find, match, gmatch, gsub with patterns', (p) => {
      const s = word(p, 8, 40, 'aab c1d2 e-f_g.h ');
      const pats = [
        '%a+',
        '%d',
        '(%a)(%d)',
        '[aeiou]+',
        '^a',
        '%s*$',
        '%w-',
        'b?c',
        '%.',
        '[%a_]+',
        '(%w+)%s*',
        '%f[%w]%w+',
        '%bcd',
        '.-',
        '[^%s]+',
        '()a',
        '%u',
        'x*',
        '[a-c]',
        '%p',
      ];
      const pat = p.pick(pats);
      const rep = p.pick(['<%0>', '%1', '[%1|%2]', '', '%%', 'X', '%0%0']);
      return {
        argv: ['-'],
        stdin: lines(
          `local s = ${lstr(s)}`,
          `print(s:find(${lstr(pat)}))`,
          `print(s:find(${lstr(pat)}, ${p.int(-5, 10)}))`,
          `print(s:find(${lstr(pat.slice(0, 2))}, 1, true))`,
          `print(s:match(${lstr(pat)}))`,
          `for a, b in s:gmatch(${lstr(pat)}) do io.write(tostring(a), ":", tostring(b), " ") end print()`,
          `print(pcall(string.gsub, s, ${lstr(pat)}, ${lstr(rep)}))`,
          `print(s:gsub(${lstr(pat)}, function(x) return x:upper() end, ${p.int(1, 3)}))`,
          `print(s:gsub(${lstr(pat)}, {a = 1, b = true, c = false}))`,
        ),
      };
    });
  }
  b.two(
    'pattern-errors',
    'strings: malformed patterns',
    {
      argv: [
        '-e',
        'for _, p in ipairs{"[a", "%", "(", "%b", "%f", "(()", "a)"} do print(pcall(string.find, "abc", p)) end',
      ],
    },
    {
      argv: [
        '-e',
        'print(pcall(string.gsub, "abc", "(a)", "%2")) print(pcall(string.rep, "x", -1)) print(pcall(string.gsub, "x", ".", "%z"))',
      ],
    },
  );
  for (let i = 1; i <= 8; i++) {
    b.pair(`string-lib-${i}`, 'strings: sub, rep, reverse, byte, char, upper, lower, len', (p) => {
      const s = word(p, 3, 20, 'abcXYZ 019');
      return {
        argv: ['-'],
        stdin: lines(
          `local s = ${lstr(s)}`,
          `print(s:sub(${p.int(-10, 10)}, ${p.int(-10, 20)}), s:sub(${p.int(0, 5)}), #s, s:len())`,
          `print(s:rep(${p.int(0, 4)}, ${lstr(word(p, 0, 2, ',;'))}), s:reverse(), s:upper(), s:lower())`,
          `print(s:byte(1, -1))`,
          `print(string.char(${Array.from({ length: p.int(1, 6) }, () => p.int(65, 122)).join(', ')}))`,
          `print(pcall(string.char, ${p.int(256, 999)}))`,
          `print(("x"):rep(${p.int(0, 3)}) .. s, s < ${lstr(word(p))}, s == s:lower())`,
        ),
      };
    });
  }
  for (let i = 1; i <= 6; i++) {
    b.pair(`pack-${i}`, 'strings: string.pack and unpack with explicit sizes', (p) => {
      const fmts = ['i4', '<i8', '>I2', 'B', 'b', 'h', 'H', 'i3', 'd', 'f', 'z', 's1', 'j', 'J', '<I4', '>i8', 'n'];
      const f = Array.from({ length: 3 }, () => p.pick(fmts));
      const vals = f.map((x) =>
        x === 'z' || x === 's1'
          ? lstr(word(p))
          : x === 'd' || x === 'f' || x === 'n'
            ? `${p.int(0, 99)}.5`
            : String(p.int(0, 127)),
      );
      const fmt = f.join('');
      return {
        argv: ['-'],
        stdin: lines(
          `local s = string.pack(${lstr(fmt)}, ${vals.join(', ')})`,
          'print(#s, (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)))',
          `print(string.unpack(${lstr(fmt)}, s))`,
          `print(string.packsize(${lstr(fmt.replace(/z|s1/g, 'i2'))}))`,
          `print(pcall(string.pack, "i17", 1), pcall(string.unpack, "i4", "ab"))`,
        ),
      };
    });
  }
  for (let i = 1; i <= 4; i++) {
    b.pair(`utf8-${i}`, 'strings: the utf8 library', (p) => {
      const cps = Array.from({ length: p.int(2, 6) }, () =>
        p.pick([p.int(32, 126), p.int(0xa0, 0x7ff), p.int(0x800, 0xffff), p.int(0x10000, 0x10ffff)]),
      );
      return {
        argv: ['-'],
        stdin: lines(
          `local s = utf8.char(${cps.join(', ')})`,
          'print(#s, utf8.len(s), utf8.codepoint(s, 1, -1))',
          'for p, c in utf8.codes(s) do io.write(p, "=", c, " ") end print()',
          `print(utf8.offset(s, ${p.int(1, 4)}), utf8.offset(s, -1), utf8.charpattern)`,
          `print(utf8.len("\\xff${word(p)}"), utf8.len(s, ${p.int(1, 3)}))`,
          'print(pcall(utf8.codepoint, "\\xe4\\xb8"))',
        ),
      };
    });
  }
}

function addTables(b: SuiteBuilder): void {
  for (let i = 1; i <= 10; i++) {
    b.pair(`sort-${String(i).padStart(2, '0')}`, 'tables: table.sort, concat, insert, remove, unpack, move', (p) => {
      const vals = Array.from({ length: p.int(3, 30) }, () => p.int(-500, 500));
      const words = Array.from({ length: p.int(2, 10) }, () => lstr(word(p)));
      return {
        argv: ['-'],
        stdin: lines(
          `local t = {${vals.join(', ')}}`,
          'table.sort(t) print(table.concat(t, " "))',
          'table.sort(t, function(a, b) return a > b end) print(table.concat(t, ","))',
          `local w = {${words.join(', ')}} table.sort(w) print(table.concat(w, "|"))`,
          `table.insert(t, ${p.int(1, 3)}, ${p.int(0, 9)}) table.insert(t, "end") print(#t, t[1], t[#t])`,
          `print(table.remove(t), table.remove(t, 1), #t, table.unpack(t, 1, 3))`,
          `print(table.concat(table.move({1, 2, 3, 4, 5}, 2, 4, ${p.int(1, 4)}), "-"))`,
          'print(select("#", table.unpack({1, nil, 3}, 1, 3)), table.pack(1, nil, 3).n)',
        ),
      };
    });
  }
  b.two(
    'sort-errors',
    'tables: invalid sort order function and mixed types',
    { argv: ['-e', 'print(pcall(table.sort, {3, "a", 1})) print(pcall(table.concat, {1, {}, 3}))'] },
    {
      argv: [
        '-e',
        'print(pcall(table.sort, {1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16}, function(a, b) return true end))',
      ],
    },
  );
  for (let i = 1; i <= 6; i++) {
    b.pair(`sorted-keys-${i}`, 'tables: string keys, counted and listed in sorted order', (p) => {
      const keys = Array.from({ length: p.int(3, 12) }, () => word(p, 1, 5));
      return {
        argv: ['-'],
        stdin: lines(
          'local t = {}',
          ...keys.map((k, n) => `t[${lstr(k)}] = ${n}`),
          'local ks = {} for k in pairs(t) do ks[#ks + 1] = k end table.sort(ks)',
          'for _, k in ipairs(ks) do io.write(k, "=", t[k], " ") end print()',
          `t.${keys[0]} = nil print(#ks, t.${keys[0]}, next({}), rawlen({1, 2, 3}), rawequal(t, t))`,
          `local a = {${Array.from({ length: p.int(1, 8) }, () => p.int(0, 9)).join(', ')}} for i, v in ipairs(a) do io.write(i, ":", v, " ") end print(#a)`,
        ),
      };
    });
  }
}

function addFunctions(b: SuiteBuilder): void {
  const programs: [string, string, (p: Prng) => string][] = [
    [
      'closures',
      'functions: closures and upvalues',
      (p) =>
        lines(
          `local function counter(n) return function() n = n + ${p.int(1, 5)} return n end end`,
          `local c = counter(${p.int(0, 99)})`,
          'print(c(), c(), c())',
          'local fs = {} for i = 1, 3 do fs[i] = function() return i * 10 end end print(fs[1](), fs[2](), fs[3]())',
        ),
    ],
    [
      'varargs',
      'functions: varargs, select, multiple results',
      (p) =>
        lines(
          'local function f(...) return select("#", ...), ... end',
          `print(f(${Array.from({ length: p.int(0, 5) }, () => p.int(0, 9)).join(', ')}))`,
          'print(f(nil, nil))',
          `print(select(-1, ${p.int(1, 9)}, ${p.int(1, 9)}))`,
          'print(pcall(select, 0))',
          'print((f(1, 2)))',
        ),
    ],
    [
      'recursion',
      'functions: recursion',
      (p) =>
        lines(
          'local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end',
          `print(fib(${p.int(10, 24)}))`,
          'local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end',
          `print(fact(${p.int(5, 20)}), fact(${p.int(21, 30)}) == 0, fact(${p.int(5, 25)}.0))`,
        ),
    ],
    [
      'coroutines',
      'functions: coroutines',
      (p) =>
        lines(
          `local co = coroutine.create(function(a) for i = 1, ${p.int(2, 5)} do a = coroutine.yield(a * 2) end return "done" end)`,
          `for i = 1, 7 do print(coroutine.resume(co, i)) end`,
          'print(coroutine.status(co), coroutine.isyieldable(), coroutine.running())'.replace(
            ', coroutine.running()',
            '',
          ),
          `local w = coroutine.wrap(function() error("in co ${p.int(0, 9)}") end) print(pcall(w))`,
        ),
    ],
    [
      'metatables',
      'functions: metatables and metamethods',
      (p) =>
        lines(
          'local V = {}',
          'V.__index = V',
          'V.__add = function(a, b) return setmetatable({x = a.x + b.x}, V) end',
          'V.__tostring = function(v) return "V(" .. v.x .. ")" end',
          'V.__eq = function(a, b) return a.x == b.x end',
          'V.__lt = function(a, b) return a.x < b.x end',
          'V.__len = function(v) return v.x end',
          'V.__call = function(v, y) return v.x * y end',
          'V.__concat = function(a, b) return tostring(a) .. "&" .. tostring(b) end',
          `local a, b = setmetatable({x = ${p.int(0, 50)}}, V), setmetatable({x = ${p.int(0, 50)}}, V)`,
          'print(tostring(a + b), a == b, a < b, #a, a(3), a .. b, rawequal(a, b))',
          'print(getmetatable("x").__index == string, pcall(setmetatable, 1, {}))',
        ),
    ],
    [
      'goto',
      'functions: goto and labels',
      (p) =>
        lines(
          `for i = 1, ${p.int(3, 9)} do`,
          '  for j = 1, 3 do',
          `    if (i * j) % ${p.int(2, 5)} == 0 then goto continue end`,
          '    io.write(i, ",", j, " ")',
          '    ::continue::',
          '  end',
          'end',
          'print()',
          'do goto skip print("never") ::skip:: end print("after")',
        ),
    ],
    [
      'to-be-closed',
      'functions: to-be-closed variables and __close',
      (p) =>
        lines(
          'local function res(name) return setmetatable({}, {__close = function(_, e) print("close", name, e) end}) end',
          'do',
          `  local a <close> = res("${word(p)}")`,
          `  local b <close> = res("${word(p)}")`,
          '  print("body")',
          'end',
          'print(pcall(function() local c <close> = res("c") error("oops") end))',
          'local k <const> = 5 print(k)',
        ),
    ],
    [
      'load',
      'functions: load, load with an environment, dofile-free chunks',
      (p) =>
        lines(
          `print(load("return ${p.int(0, 99)} + 1")())`,
          'print(load("syntax error here"))',
          `local env = {x = ${p.int(0, 9)}} print(load("return x", "chunk", "t", env)())`,
          'print(type(load(function() return nil end)))',
          'print(pcall(load("error(\'inside\', 0)")))',
          'print(load("return ...", "=named")(7, 8))',
        ),
    ],
    [
      'error-values',
      'errors: error with levels and non-string values',
      (p) =>
        lines(
          `print(select(2, pcall(error, {code = ${p.int(0, 9)}})).code)`,
          'print(select(2, pcall(error, setmetatable({}, {__tostring = function() return "custom" end}))) ~= nil)',
          'print(pcall(error, "lvl1", 1))',
          'print(pcall(error, "lvl2", 2))',
          `print(pcall(error, ${p.int(0, 99)}))`,
          'print(pcall(error))',
          'print(xpcall(function() error("x") end, function(m) return "handled: " .. m end))',
        ),
    ],
    [
      'string-methods',
      'strings: methods through the string metatable',
      (p) =>
        lines(
          `local s = ${lstr(word(p, 3, 10))}`,
          'print(s:upper():lower():len(), ("%d-%d"):format(1, 2), #s:rep(3))',
          'print(pcall(function() return ("x"):nosuch() end))',
        ),
    ],
  ];
  for (const [id, feature, make] of programs) {
    for (let i = 1; i <= 3; i++) b.pair(`${id}-${i}`, feature, (p) => ({ argv: ['-'], stdin: make(p) }));
  }
}

function addErrors(b: SuiteBuilder): void {
  const runtime = [
    'local t = nil; print(t.x)',
    'print(1 + {})',
    'print(#5)',
    'print(("x") < 1)',
    'undefinedfunction()',
    'local a = "abc"; a()',
    'error("plain message")',
    'error({})',
    'error("no position", 0)',
    'error(setmetatable({}, {__tostring = function() return "from __tostring" end}))',
    'string.rep()',
    'math.floor("x")',
    'local t = setmetatable({}, {__index = function(t, k) return t[k] end}); print(t.x)',
    'local function f() return f() + 1 end f()',
    'print(string.format("%d", 1.5))',
    'os.exit(3)',
    'os.exit(false)',
    'os.exit(true)',
    'io.write("partial"); os.exit(2, true)',
    'for i = 1, "x" do end',
  ];
  runtime.forEach((code, n) => {
    b.pair(`runtime-error-${String(n + 1).padStart(2, '0')}`, 'errors: runtime errors and exit statuses', (p, w) => {
      const pre = `print(${p.int(0, 999)})`;
      return w === 'v'
        ? { argv: ['-e', `${pre} ${code}`] }
        : { argv: ['err.lua'], files: { 'err.lua': lines(pre, `local function wrap() ${code} end`, 'wrap()') } };
    });
  });
  const syntax = [
    'x = ',
    'if then end',
    'for i = 1 do end',
    'local 1 = 2',
    'print("unterminated)',
    'x = [[long',
    'goto nowhere',
    'local x <bad> = 1',
    'return return',
    'f(',
    '--[[ unterminated comment',
    'x = 1e',
    'x = 0x',
    'a.b:c = 1',
    'break',
    '::l:: ::l::',
    'local t = {1, 2,, 3}',
    'x = "\\q"',
    'x = "\\300"',
    'x = 3 ... 4',
  ];
  syntax.forEach((code, n) => {
    b.pair(`syntax-error-${String(n + 1).padStart(2, '0')}`, 'errors: syntax errors', (p, w) => {
      const pre = `print(${p.int(0, 99)})`;
      return w === 'v'
        ? { argv: ['-'], stdin: lines(pre, code) }
        : { argv: ['bad.lua'], files: { 'bad.lua': lines(pre, pre, code) } };
    });
  });
  b.two(
    'stack-overflow',
    'errors: Lua stack overflow and C stack overflow',
    { argv: ['-e', 'local function r(n) return 1 + r(n + 1) end print(pcall(r, 1))'] },
    {
      argv: [
        '-e',
        'local t = setmetatable({}, {__index = function(t, k) return t[k .. "x"] end}) print(pcall(function() return t.a end))',
      ],
    },
  );
  b.two(
    'traceback',
    'errors: debug.traceback',
    { argv: ['-e', 'local function a() print(debug.traceback("msg", 1)) end local function b() a() end b()'] },
    { argv: ['-e', 'print(debug.traceback()) print(debug.traceback("x", 2)) print(debug.traceback(42))'] },
  );
}

function addCli(b: SuiteBuilder): void {
  b.one('version', 'options: -v', { argv: ['-v'] });
  b.one('version-then-script', 'options: -v with a script', { argv: ['-v', '-e', 'print(1)'] });
  b.two('unknown-option', 'options: an unknown option prints usage', { argv: ['-x'] }, { argv: ['--frob'] });
  b.one('e-missing-arg', 'options: -e without its argument', { argv: ['-e'] });
  b.one('l-missing-arg', 'options: -l without its argument', { argv: ['-l'] });
  b.pair('several-e', 'options: several -e run in order', (p) => ({
    argv: ['-e', `x = ${p.int(0, 99)}`, '-e', 'x = x * 2', '-e', 'print(x)'],
  }));
  b.pair('script-args', 'options: the arg table and ... of a script', (p) => {
    const args = Array.from({ length: p.int(0, 4) }, () => word(p));
    return {
      argv: ['-e', 'y=1', 'script.lua', ...args],
      files: {
        'script.lua': lines(
          'print(#arg, arg[0], arg[-1], arg[-2], arg[-3])',
          'for i = 1, #arg do io.write(arg[i], " ") end print()',
          'print(select("#", ...), ...)',
        ),
      },
    };
  });
  b.pair('stdin-args', 'options: - runs stdin with arguments', (p) => ({
    argv: ['-', word(p), String(p.int(0, 9))],
    stdin: lines('print(arg[0], arg[1], arg[2], ...)'),
  }));
  b.one('stdin-implicit', 'options: no script operand and stdin not a terminal', {
    argv: [],
    stdin: lines('print("from stdin")', 'print(arg and #arg)'),
  });
  b.one('double-dash', 'options: -- ends options', {
    argv: ['--', 'opt.lua', '-e'],
    files: { 'opt.lua': 'print(arg[1])\n' },
  });
  b.pair('require-module', 'options: -l and require of a module in the working directory', (p) => {
    const v = p.int(0, 999);
    return {
      argv: ['-l', 'mymod', '-e', 'print(mymod.value, package.loaded.mymod == mymod)'],
      files: { 'mymod.lua': lines('local M = {}', `M.value = ${v}`, 'print("loading", ...)', 'return M') },
    };
  });
  b.one('require-global-name', 'options: -l g=mod names the global', {
    argv: ['-l', 'g=mymod', '-e', 'print(g.v)'],
    files: { 'mymod.lua': 'return {v = "g"}\n' },
  });
  b.one('require-missing', 'options: -l and require of a missing module', { argv: ['-l', 'nosuchmod'] });
  b.one('require-error', 'options: require of a module with an error', {
    argv: ['-e', 'print(pcall(require, "broken"))'],
    files: { 'broken.lua': 'error("broken at load")\n' },
  });
  b.two(
    'lua-init',
    'options: LUA_INIT and LUA_INIT_5_4, -E ignores them',
    { argv: ['-e', 'print(x)'], env: { LUA_INIT: 'x = "from init"' } },
    { argv: ['-e', 'print(x, y)'], env: { LUA_INIT: 'x = 1', LUA_INIT_5_4: 'y = 2' } },
  );
  b.one('lua-init-file', 'options: LUA_INIT and LUA_INIT_5_4, -E ignores them', {
    argv: ['-e', 'print(z)'],
    env: { LUA_INIT: '@init.lua' },
    files: { 'init.lua': 'z = "init file"\n' },
  });
  b.one('lua-init-ignored', 'options: LUA_INIT and LUA_INIT_5_4, -E ignores them', {
    argv: ['-E', '-e', 'print(x, package.path)'],
    env: { LUA_INIT: 'x = 1', LUA_PATH: 'custom/?.lua' },
  });
  b.one('lua-init-error', 'options: LUA_INIT and LUA_INIT_5_4, -E ignores them', {
    argv: ['-e', 'print(1)'],
    env: { LUA_INIT: 'error("init failed")' },
  });
  b.one('lua-path', 'options: LUA_PATH and package.path', {
    argv: ['-e', 'print(package.path) print(package.cpath)'],
    env: { LUA_PATH: 'lib/?.lua;;', LUA_CPATH_5_4: 'x/?.so' },
  });
  b.one('package-paths', 'options: LUA_PATH and package.path', {
    argv: ['-e', 'print(package.path) print(package.cpath) print(package.config)'],
  });
  b.two(
    'warnings',
    'options: -W turns warnings on; warn() control messages',
    { argv: ['-W', '-e', 'warn("hello ", "world") warn("@off") warn("hidden") warn("@on") warn("shown")'] },
    { argv: ['-e', 'warn("not shown") warn("@on") warn("now ", "shown")'] },
  );
  b.one('missing-script', 'files: a missing script file', { argv: ['nosuch.lua'] });
  b.one('shebang', 'files: a first line starting with # is skipped', {
    argv: ['s.lua'],
    files: { 's.lua': '#!/usr/bin/lua5.4\nprint("after shebang")\n' },
  });
  b.one('bom', 'files: a UTF-8 byte-order mark', {
    argv: ['b.lua'],
    files: { 'b.lua': latin1('\xef\xbb\xbfprint("bom")\n') },
  });
}

function addIo(b: SuiteBuilder): void {
  for (let i = 1; i <= 6; i++) {
    b.pair(`io-read-${i}`, 'io: reading stdin by lines, numbers, counts and all', (p) => {
      const data = Array.from({ length: p.int(2, 8) }, () =>
        p.pick([
          String(p.int(-999, 999)),
          `${p.int(0, 99)}.${p.int(0, 99)}`,
          word(p),
          `0x${p.int(0, 255).toString(16)}`,
          '',
        ]),
      ).join('\n');
      const fmt = p.pick(['"l"', '"L"', '"n"', '"a"', String(p.int(1, 5)), '"n", "l"', '"l", "n"']);
      return {
        argv: ['io.lua'],
        files: {
          'io.lua': lines(
            'while true do',
            `  local a, b = io.read(${fmt})`,
            '  if a == nil then break end',
            '  print(type(a), a, b)',
            '  if a == "" and b == nil then break end',
            'end',
            'print(io.read("a") == "", io.read("l"), io.read(0))',
          ),
        },
        stdin: data + (p.int(0, 1) ? '\n' : ''),
      };
    });
  }
  b.pair('io-lines', 'io: io.lines over stdin and files', (p) => ({
    argv: ['lines.lua'],
    files: {
      'lines.lua': lines(
        'for l in io.lines() do io.write("[", l, "]") end print()',
        'for l in io.lines("data.txt", "L") do io.write(l) end',
        'for a, b in io.lines("data.txt", 1, "l") do print(a, b) end',
        'print(pcall(io.lines, "missing.txt"))',
      ),
      'data.txt': lines(word(p), word(p), String(p.int(0, 99))),
    },
    stdin: lines(word(p), '', word(p)),
  }));
  b.pair('io-files', 'io: writing, appending, seeking, removing and renaming files', (p) => ({
    argv: ['files.lua'],
    files: {
      'files.lua': lines(
        'local f = assert(io.open("out.txt", "w"))',
        `f:write("${word(p)}", ${p.int(0, 99)}, "\\n", 3.5, "\\n")`,
        'print(f:seek("cur"), f:seek("set", 2), f:seek("end"))',
        'f:close()',
        'local g = assert(io.open("out.txt", "a")) g:write("appended\\n") g:close()',
        'for l in io.lines("out.txt") do print(l) end',
        'print(os.rename("out.txt", "moved.txt"), io.open("out.txt"))',
        'print(os.remove("moved.txt"), os.remove("moved.txt"))',
        'local h = assert(io.open("keep.txt", "wb")) h:write("kept") h:close()',
        'print(io.type(h), io.type(io.stdout), io.type(42))',
        'print(pcall(h.write, h, "x"))',
      ),
    },
  }));
  b.two(
    'io-errors',
    'io: open modes and errors',
    {
      argv: ['-e', 'print(io.open("nosuch.txt")) print(pcall(io.open, "x", "rz")) print(io.open("d/nosuch/x", "w"))'],
      files: { 'd/f': '' },
    },
    {
      argv: [
        '-e',
        'local f = io.open("r.txt") print(f:read("a")) f:close() print(pcall(f.read, f)) print(io.close(io.open("r.txt")))',
      ],
      files: { 'r.txt': 'read only\n' },
    },
  );
  b.two(
    'io-output',
    'io: io.write, io.output, stderr and setvbuf',
    {
      argv: [
        '-e',
        'io.write(1, " ", 2.5, " ", "s", "\\n") io.stderr:write("to stderr\\n") io.stdout:setvbuf("no") print(io.write("x") == io.stdout)',
      ],
    },
    {
      argv: [
        '-e',
        'io.output("o.txt") io.write("into file") io.close() io.output(io.stdout) print(io.open("o.txt"):read("a"))',
      ],
    },
  );
  b.two(
    'print-tostring',
    'io: print uses __tostring and __name',
    { argv: ['-e', 'print(setmetatable({}, {__tostring = function() return "T!" end}), nil, false, 1.5, "s")'] },
    { argv: ['-e', 'print(pcall(print, setmetatable({}, {__tostring = function() return 1 end})))'] },
  );
}

function addOs(b: SuiteBuilder): void {
  b.pair('os-date', 'os: os.date and os.time at pinned instants', (p) => {
    const t = p.int(0, 2 ** 31 - 1);
    return {
      argv: ['-'],
      stdin: lines(
        `local t = ${t}`,
        'print(os.date("!%Y-%m-%d %H:%M:%S %j %a %A %b %B %p %y %%", t))',
        'print(os.date("%c|%x|%X|%D|%F|%T|%u|%w|%e|%H|%I|%M|%S|%V|%G|%g|%U|%W|%Z|%z", t))',
        'local d = os.date("*t", t) print(d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday, d.isdst)',
        'print(os.time(os.date("*t", t)) == t, os.time{year = 2000, month = 1, day = 1, hour = 12})',
        `print(os.time{year = ${p.int(1971, 2037)}, month = ${p.int(1, 14)}, day = ${p.int(0, 40)}, hour = ${p.int(0, 30)}})`,
        'print(pcall(os.date, "%Ez", 0), pcall(os.date, "%Q", 0))',
        'print(os.difftime(t, 0), os.difftime(10))',
      ),
    };
  });
  b.pair('os-clock-now', 'os: os.time() and os.date() read the pinned clock', (p) => {
    const y = p.int(1980, 2037);
    const pad = (n: number) => String(n).padStart(2, '0');
    return {
      argv: ['-e', 'print(os.time(), os.date(), os.date("!%H:%M:%S"))'],
      clock: `${y}-${pad(p.int(1, 12))}-${pad(p.int(1, 28))}T${pad(p.int(0, 23))}:${pad(p.int(0, 59))}:${pad(p.int(0, 59))}Z`,
    };
  });
  b.two(
    'os-getenv',
    'os: os.getenv',
    {
      argv: ['-e', 'print(os.getenv("HOME"), os.getenv("NOSUCHVAR"), os.getenv("MYVAR"))'],
      env: { MYVAR: 'my value' },
    },
    { argv: ['-e', 'print(os.getenv("LANG"), os.getenv("TZ"), os.getenv("PATH"))'] },
  );
  b.pair('math-random', 'math: math.random after math.randomseed', (p) => ({
    argv: ['-'],
    stdin: lines(
      `math.randomseed(${p.int(0, 1_000_000)})`,
      'for i = 1, 5 do io.write(math.random(100), " ") end print()',
      `for i = 1, 3 do io.write(math.random(${p.int(-50, 0)}, ${p.int(1, 50)}), " ") end print()`,
      'print(math.random(0) ~= nil, math.floor(math.random() * 1000))',
      `math.randomseed(${p.int(0, 99)}, ${p.int(0, 99)}) print(math.random(1000000))`,
      'print(pcall(math.random, 2, 1), pcall(math.random, 1, 2, 3))',
    ),
  }));
  for (let i = 1; i <= 4; i++) {
    b.pair(`math-lib-${i}`, 'math: floor, ceil, fmod, modf, abs, max, min, ult, tointeger, sqrt, exp, log', (p) => {
      const x = `${p.int(-999, 999)}.${p.int(0, 99)}`;
      const y = String(p.int(1, 50));
      return {
        argv: ['-'],
        stdin: lines(
          `local x, y = ${x}, ${y}`,
          'print(math.floor(x), math.ceil(x), math.fmod(x, y), math.modf(x))',
          'print(math.abs(x), math.max(x, y, 3), math.min(x, y, 3), math.ult(1, -1), math.tointeger(x))',
          'print(math.sqrt(y), math.exp(1), math.log(y), math.log(y, 2), math.log(y, 10), math.huge, -math.huge)',
          `print(math.fmod(${p.int(-9, 9)}, ${p.int(1, 5)}), pcall(math.fmod, 1, 0), math.fmod(1, 0.0) ~= math.fmod(1, 0.0))`,
          'print(math.abs(math.mininteger), math.floor(-0.0), 1 // -math.huge)',
        ),
      };
    });
  }
}

function addGenerated(b: SuiteBuilder): void {
  for (let i = 1; i <= 24; i++) {
    b.pair(`program-${String(i).padStart(2, '0')}`, 'generated: small programs with loops, tables and strings', (p) => {
      const n = p.int(3, 30);
      const op = p.pick(['+', '*', '-', '//', '%']);
      const k = p.int(1, 9);
      return {
        argv: ['-'],
        stdin: lines(
          'local acc = {}',
          `for i = ${p.int(-5, 5)}, ${n}, ${p.int(1, 3)} do`,
          `  local v = (i ${op} ${k}) ${p.pick(['', '* 2', '+ 0.5', '// 1'])}`,
          `  if v % ${p.int(2, 5)} == 0 then acc[#acc + 1] = tostring(v) elseif v > ${p.int(0, 20)} then acc[#acc + 1] = string.rep("${word(p, 1, 2)}", i % 3) end`,
          'end',
          'print(#acc, table.concat(acc, " "))',
          `local s = ${lstr(word(p, 5, 30, 'abc de'))}`,
          `local counts = {} for c in s:gmatch(".") do counts[c] = (counts[c] or 0) + 1 end`,
          'local ks = {} for c in pairs(counts) do ks[#ks + 1] = c end table.sort(ks)',
          'for _, c in ipairs(ks) do io.write(string.format("%q=%d ", c, counts[c])) end print()',
          `local w = 0 repeat w = w + ${p.int(1, 7)} until w > ${p.int(10, 100)} print(w)`,
        ),
      };
    });
  }
  b.two(
    'high-bytes',
    'input: bytes above 0x7f in strings and comments',
    { argv: ['-'], stdin: latin1('print("caf\xc3\xa9", #"\xff\xfe") -- \xe9\nprint(("\xe9"):byte())\n') },
    { argv: ['-'], stdin: latin1('local s = "\x80\x81\x82" print(#s, s:byte(1, -1), s:upper() == s)\n') },
  );
  b.two(
    'bad-bytes',
    'input: bytes that are not Lua tokens',
    { argv: ['-'], stdin: latin1('print(1) \xe9 = 2\n') },
    { argv: ['-'], stdin: latin1('x = 1\x00\nprint(x)\n') },
  );
  b.two(
    'crlf',
    'input: CR-LF line ends',
    { argv: ['-'], stdin: 'print(1)\r\nprint("a\\\r\nb")\r\n' },
    { argv: ['-'], stdin: 'local x = [[line1\r\nline2]]\r\nprint(#x, x)\r\n' },
  );
  b.two('empty-script', 'input: empty script', { argv: ['-'], stdin: '' }, { argv: ['-e', ''] });
  b.two(
    'long-strings',
    'input: long brackets and escapes',
    {
      argv: ['-'],
      stdin: lines('print([==[a]]b]=]c]==])', 'print("\\65\\066\\x43\\u{44}\\z', '   E\\tF")', 'print(#[[', 'x]])'),
    },
    { argv: ['-'], stdin: lines('print("\\u{7FFFFFFF}" == "\\xFD\\xBF\\xBF\\xBF\\xBF\\xBF", "\\\\", \'\\\'\')') },
  );
}

export function suite(): TestSuite {
  const b = new SuiteBuilder({ target: 'lua', visibleOnlyEvery: 2 });
  addBasics(b);
  addStrings(b);
  addTables(b);
  addFunctions(b);
  addErrors(b);
  addCli(b);
  addIo(b);
  addOs(b);
  addGenerated(b);
  return b.suite();
}
