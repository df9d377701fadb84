import { describe, expect, it } from 'vitest';
import { createNodePool } from '../../src/node/node-pool.ts';
import { contractEnv, CONTRACT_RANDOM_SEED, instantToNs, CONTRACT_EPOCH } from '../../src/core/environment.ts';
import { withDefaults } from '../../src/core/limits.ts';
import { TOOLCHAINS, toolchainById } from '../index.ts';
import { cToolchain } from './adapter.ts';

describe('the C toolchain', () => {
  it('is in the table, claiming .c and .h', () => {
    expect(toolchainById('c')).toBe(cToolchain);
    expect(new Set(TOOLCHAINS.map((t) => t.id)).size).toBe(TOOLCHAINS.length);
    expect(cToolchain.extensions).toEqual(['.c', '.h']);
  });

  it('compiles several files with headers in folders into a module the runner runs', async () => {
    const built = await cToolchain.build([
      {
        name: 'main.c',
        content:
          '#include <stdio.h>\n#include "lib/twice.h"\nint main(int c, char **v) { printf("%s %d\\n", v[0], twice(c)); return 7; }\n',
      },
      { name: 'lib/twice.c', content: '#include "twice.h"\nint twice(int x) { return 2 * x; }\n' },
      { name: 'lib/twice.h', content: 'int twice(int x);\n' },
    ]);
    expect(built.kind).toBe('ok');
    if (built.kind !== 'ok') return;
    const pool = createNodePool(1);
    try {
      const result = await pool.run({
        program: built.program,
        argv: ['prog', 'a', 'b'],
        env: contractEnv({}),
        clockNs: instantToNs(CONTRACT_EPOCH) as bigint,
        seed: CONTRACT_RANDOM_SEED,
        limits: withDefaults({}),
      });
      expect(result.kind).toBe('exited');
      if (result.kind !== 'exited') return;
      expect(result.code).toBe(7);
      expect(new TextDecoder().decode(result.stdout)).toBe('prog 6\n');
    } finally {
      await pool.close();
    }
  });

  it('fails on errors with file:line:column, and keeps warnings on success', async () => {
    const broken = await cToolchain.build([
      { name: 'main.c', content: 'int main(void) {\n  int x = 1\n  return x;\n}\n' },
    ]);
    expect(broken).toMatchObject({
      kind: 'error',
      diagnostics: [{ file: 'main.c', line: 2, column: 12, severity: 'error' }],
    });
    const undeclared = await cToolchain.build([{ name: 'main.c', content: 'int main(void) { return nope(); }\n' }]);
    expect(undeclared.kind === 'error' && undeclared.diagnostics[0]?.message).toMatch(/undeclared function 'nope'/);
    const warned = await cToolchain.build([{ name: 'main.c', content: 'int main(void) { int unused; return 0; }\n' }]);
    expect(warned.kind).toBe('ok');
    expect(warned.kind === 'ok' && warned.warnings?.[0]).toMatchObject({
      file: 'main.c',
      line: 1,
      severity: 'warning',
    });
  });

  it('says what is missing when there is nothing to compile or the link fails', async () => {
    const none = await cToolchain.build([{ name: 'notes.md', content: '' }]);
    expect(none.kind === 'error' && none.diagnostics[0]?.message).toMatch(/no \.c file/);
    const unlinked = await cToolchain.build([
      { name: 'main.c', content: 'int f(void);\nint main(void) { return f(); }\n' },
    ]);
    expect(unlinked.kind === 'error' && unlinked.diagnostics[0]).toMatchObject({
      file: '',
      message: 'main.o: undefined symbol: f',
    });
  });

  it("starts a workspace with a main.c that names the target's program", () => {
    const [main] = cToolchain.starterFiles({ program: 'uuidparse' });
    expect(main?.name).toBe('main.c');
    expect(main?.content).toMatch(/uuidparse/);
  });
});
