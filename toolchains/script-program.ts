import { utf8Bytes } from '../src/core/bytes.ts';
import { digestFields } from '../src/core/digest.ts';
import type { ScriptEngine, ScriptProgram } from '../src/core/run-request.ts';

const DIGEST_DOMAIN = 'mirrorbox-script/1\n';

/**
 * A script program for one of the runner's engines. Its id is a digest of the engine, the entry and every file (name
 * and text, in name order), so the same sources give the same id in the app and the CLI, and workers keep it once.
 */
export function scriptProgram(engine: ScriptEngine, entry: string, files: Record<string, string>): ScriptProgram {
  const names = Object.keys(files).sort();
  const id = digestFields(DIGEST_DOMAIN, [
    utf8Bytes(engine),
    utf8Bytes(entry),
    ...names.flatMap((n) => [utf8Bytes(n), utf8Bytes(files[n] as string)]),
  ]);
  return { kind: 'script', engine, id, files, entry };
}
