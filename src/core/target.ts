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
  /**
   * The MirrorCode target whose role this program plays, when the program is a stand-in for one that has no source
   * in Debian (e.g. "wren_cli (a script interpreter)"); a replication report groups by it beside `bucket`.
   */
  role?: string;
  description: string;
  /** The native program fidelity tests compare with: absolute, or relative to the repo (a native build). */
  native?: string;
  /** Run the native program under libfaketime at each case's instant (targets that read the clock). */
  nativeClock?: boolean;
  /** Debian packages the recipe needs (`build`) and the tests need (`test`, e.g. the native program); set-up installs them. */
  packages?: { build?: string[]; test?: string[] };
  /** Inputs where WASI cannot match native, with the reason; such inputs are kept out of the suite. */
  fidelityNotes?: string[];
}
