import type { Wasmer } from '@wasmer/sdk';
import { WASMER_SDK_WORKER_ENTRY } from './wasmer-sdk-path.ts';

type Sdk = typeof import('@wasmer/sdk');
/** The SDK's wasm-bindgen module, which its index.js imports: the same URL, so the same module instance. */
interface SdkCore {
  setWorkerUrl(url: string): void;
}

/**
 * A Wasmer client on the copy of the SDK this site serves at `sdkBase` (scripts/vite-wasmer-plugin.ts), for a worker
 * (the SDK blocks with Atomics.wait, which a page's main thread may not). The SDK is imported at run time, never
 * bundled: after `vite build` its inner worker (`new URL('./browser-worker.js', import.meta.url)`) would be emitted
 * with unresolved imports. Shared by the terminal worker and the batch runner's worker.
 */
export async function loadWasmerClient(sdkBase: string): Promise<Wasmer> {
  const sdk = (await import(/* @vite-ignore */ new URL('dist/index.js', sdkBase).href)) as Sdk;
  const core = (await import(/* @vite-ignore */ new URL('pkg/wasmer_sdk_js.js', sdkBase).href)) as SdkCore;
  // No cache: these workers run only modules handed to them and never fetch registry packages.
  const wasmer = await new sdk.Wasmer({ cache: false }).ready();
  // ready() has set the SDK's own worker URL; its workers start with the first process, so replacing the URL now
  // gives every one of them the eval-free entry (the worker CSP forbids the one `new Function` the SDK's core makes;
  // see workers/wasmer-sdk/).
  core.setWorkerUrl(new URL(WASMER_SDK_WORKER_ENTRY, sdkBase).href);
  return wasmer;
}
