/** What `targets-wasm/<id>/target.json` says about a target. */
export interface TargetMeta {
  id: string;
  /** argv[0] of every run, oracle and candidate alike. */
  program: string;
  upstream: {
    package: string;
    version: string;
    debianSource?: string;
    binaryPackage?: string;
  };
  /** MirrorCode's size bucket. */
  bucket: 'S' | 'M' | 'L';
  description: string;
  /** Path of the native program used by fidelity tests, when the machine has one. */
  native?: string;
}
