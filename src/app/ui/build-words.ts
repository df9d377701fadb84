/**
 * What a status line says while a candidate gets ready and its first case starts, by candidate kind: only C is
 * compiled; Python's build is a syntax check in a worker, which starts Pyodide the first time.
 */
export function buildingWords(toolchainId: string): string {
  switch (toolchainId) {
    case 'c':
      return 'Compiling…';
    case 'python':
      return 'Starting Python and checking the syntax…';
    case 'js':
      return 'Preparing the JavaScript…';
    case 'ts':
      return 'Preparing the TypeScript…';
    default:
      return 'Checking the module…';
  }
}

/** Before the first case has finished, instead of an elapsed time that would read "0.00 ms". */
export function startingWords(toolchainId: string): string {
  switch (toolchainId) {
    case 'python':
      return 'starting Python…';
    case 'js':
    case 'ts':
      return 'starting the script engine…';
    default:
      return 'starting…';
  }
}
