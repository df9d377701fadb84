/**
 * What a runner worker tells its pool outside comlink. A browser worker that closes itself fires no event its owner
 * can see, and its pending calls never settle: the runner worker's `close` posts this first (workers/runner-api.ts),
 * and the pool takes it as the worker's death. A candidate can only send it about its own worker.
 */
export const WORKER_CLOSING = 'mirrorbox:worker-closing';

export function isWorkerClosing(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { signal?: unknown }).signal === WORKER_CLOSING;
}
