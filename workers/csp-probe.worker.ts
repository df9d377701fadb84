// A same-origin worker that only runs the CSP self-check and reports it: the page shows whether its own workers (the
// oracle's, the terminal's, Wasmer's) get their CSP from this host (src/app/offline/hosting-state.svelte.ts).
import { checkWorkerCsp } from './csp-self-check.ts';

void checkWorkerCsp().then((check) => postMessage(check));
