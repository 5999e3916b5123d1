/// <reference types="electron-vite/node" />
/**
 * The Electron build's backup-io-worker-path.ts (electron.vite.config.ts
 * aliases it): `?modulePath` makes electron-vite bundle backup-io-worker.ts as
 * a file of its own beside the main bundle and gives its path.
 */
import workerPath from './backup-io-worker?modulePath';

export const BACKUP_IO_WORKER: URL | string = workerPath;
