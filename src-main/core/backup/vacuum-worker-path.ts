/**
 * Where vacuum-worker.ts is. Run from the source tree (tsx, vitest, the CLI)
 * it is the .ts file beside this one; the Electron build swaps this module for
 * vacuum-worker-path.electron.ts, which names the worker's own bundle.
 */
export const VACUUM_WORKER: URL | string = new URL('./vacuum-worker.ts', import.meta.url);
