/**
 * A worker's check, at its start, that the Content-Security-Policy it should run under is in force: string
 * evaluation is refused, and so is a fetch of a `data:` URL (every worker CSP of the app leaves `data:` out of
 * `connect-src`; the check needs no network and reaches no server). Run before any program, so nothing a program
 * does can answer it. The workers that run candidate code refuse to when it fails (workers/candidate-realm.worker.ts,
 * workers/wasmer.worker.ts).
 */

/** What to do about a missing CSP, for the message a refused run shows. */
export const HOSTING_HELP =
  'Serve the app with its headers (npm run serve or npm run preview, the _headers file, the nginx snippet), or ' +
  'from any static host with its service worker active (reload the page once): see docs/hosting.md.';

export type CspCheck = { kind: 'in-force' } | { kind: 'missing'; found: string[] };

export async function checkWorkerCsp(): Promise<CspCheck> {
  const found: string[] = [];
  try {
    // The argument is a constant: nothing is evaluated but this check's own `1`.
    new Function('return 1')();
    found.push('string evaluation (new Function) is allowed');
  } catch {
    // Refused by the CSP, as it must be.
  }
  try {
    await fetch('data:text/plain,mirrorbox-csp-self-check');
    found.push('fetch of a data: URL is allowed');
  } catch {
    // Refused by the CSP (connect-src), as it must be.
  }
  return found.length === 0 ? { kind: 'in-force' } : { kind: 'missing', found };
}

/** The one-line refusal a candidate run gets in a worker whose CSP is not in force. */
export function cspRefusal(check: Extract<CspCheck, { kind: 'missing' }>, where: string): string {
  return `refusing to run candidate code: ${where} runs without its Content-Security-Policy (${check.found.join('; ')}). ${HOSTING_HELP}`;
}
