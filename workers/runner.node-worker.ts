// Node worker_threads entry of the runner worker (see runner-api.ts); its wrapper is src/node/node-pool.ts.
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { parentPort } from 'node:worker_threads';
import { createRunnerWorkerApi } from './runner-api.ts';

if (!parentPort) throw new Error('runner.node-worker.ts must run as a worker thread');
expose(createRunnerWorkerApi(), nodeEndpoint(parentPort));
