/**
 * Where backup-io-worker.ts is. Run from the source tree (tsx, vitest, the CLI)
 * it is the .ts file beside this one; the Electron build swaps this module for
 * backup-io-worker-path.electron.ts, which names the worker's own bundle.
 */
export const BACKUP_IO_WORKER: URL | string = new URL('./backup-io-worker.ts', import.meta.url);
