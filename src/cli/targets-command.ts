import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { builtTargetDir } from '../node/paths.ts';
import { listTargetIds, loadBuiltTarget, readTargetMeta } from '../node/target-store.ts';
import { CliError } from './cli-error.ts';

export async function targetsCommand(args: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({ args, options: { json: { type: 'boolean' } } }).values;
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const rows = listTargetIds().map((id) => {
    const meta = readTargetMeta(id);
    const built = loadBuiltTarget(id);
    const oracle = join(builtTargetDir(id), 'oracle.wasm');
    return {
      id,
      bucket: meta.kind === 'ok' ? meta.value.bucket : '?',
      role: meta.kind === 'ok' ? (meta.value.role ?? null) : null,
      program: meta.kind === 'ok' ? meta.value.program : id,
      upstream: meta.kind === 'ok' ? `${meta.value.upstream.package} ${meta.value.upstream.version}` : '?',
      visible: built.kind === 'ok' ? built.value.pack.visible.length : null,
      hidden: built.kind === 'ok' ? built.value.pack.hidden.length : null,
      built: built.kind === 'ok',
      oracle: existsSync(oracle) ? oracle : null,
      ...(built.kind === 'error' ? { problem: built.message } : {}),
    };
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const lines = rows.map((r) =>
    [
      r.id.padEnd(12),
      r.bucket.padEnd(3),
      r.upstream.padEnd(20),
      `${r.visible ?? '-'}/${r.hidden ?? '-'}`.padEnd(10),
      r.built ? 'built' : 'not built',
      r.oracle ?? '',
      r.role ? `(role: ${r.role})` : '',
    ]
      .join(' ')
      .trimEnd(),
  );
  process.stdout.write(
    `${['ID'.padEnd(12), 'SZ ', 'UPSTREAM'.padEnd(20), 'VIS/HID'.padEnd(10), 'STATE', 'ORACLE'].join(' ')}\n${lines.join('\n')}\n`,
  );
  return 0;
}
