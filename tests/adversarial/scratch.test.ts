import { it } from 'vitest';
import { createNodePool } from '../../src/node/node-pool.ts';
import { pythonToolchain } from '../../toolchains/python/adapter.ts';
import { hostileRequest, summary } from './fixtures.ts';
const src = `
def js():
    s=list(object.__subclasses__()); seen=set()
    while s:
        c=s.pop()
        if id(c) in seen: continue
        seen.add(id(c))
        try: s+=type.__subclasses__(c)
        except Exception: pass
        try: d=type.__dict__['__dict__'].__get__(c)
        except Exception: continue
        for v in list(d.values()):
            g=getattr(v,'__globals__',None)
            if isinstance(g,dict) and 'jsfinder' in g: return g['jsfinder'].jsproxies['js']
print("before", flush=True)
js().process.exit(0)
`;
it('x', { timeout: 300000 }, async () => {
  const built = await pythonToolchain.build([{ name: 'main.py', content: src }]);
  if (built.kind !== 'ok') throw new Error();
  const pool = createNodePool(1);
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const r = await pool.run(hostileRequest(built.program, [], {}, { wallMs: 5000 }));
    console.log(i, JSON.stringify(summary(r)), Math.round(performance.now() - t));
  }
  await pool.close();
});
