import { parsePack } from '../core/pack.ts';

/** The placeholder catalog until the app issue: lists every built target from /packs/. */
async function main(): Promise<void> {
  const status = document.querySelector<HTMLParagraphElement>('#status');
  const table = document.querySelector<HTMLTableElement>('#targets');
  if (!status || !table) return;
  try {
    const index = (await (await fetch('/packs/index.json')).json()) as { targets: string[] };
    const body = table.tBodies[0] as HTMLTableSectionElement;
    for (const id of index.targets) {
      const parsed = parsePack(await (await fetch(`/packs/${id}/pack.json`)).json());
      const row = body.insertRow();
      if (parsed.kind === 'error') {
        row.insertCell().textContent = id;
        row.insertCell().textContent = parsed.message;
        continue;
      }
      const { target, visible, hidden } = parsed.pack;
      for (const text of [
        target.id,
        target.bucket,
        `${target.upstream.package} ${target.upstream.version}`,
        String(visible.length),
        String(hidden.length),
        target.description,
      ]) {
        row.insertCell().textContent = text;
      }
      row.dataset.target = target.id;
    }
    status.textContent =
      index.targets.length === 0
        ? 'No target is built yet: run npm run setup.'
        : `${index.targets.length} target(s) ready.`;
    table.hidden = index.targets.length === 0;
  } catch (e) {
    status.textContent = `Could not load the target list (${(e as Error).message}). Is the server running from a set-up checkout?`;
  }
}

void main();
