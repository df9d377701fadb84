// Browser entry of the runner worker (see runner-api.ts); its main-thread wrapper is src/browser/browser-pool.ts.
import { expose } from 'comlink';
import { createRunnerWorkerApi } from './runner-api.ts';

expose(createRunnerWorkerApi());
