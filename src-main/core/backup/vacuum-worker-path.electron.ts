/// <reference types="electron-vite/node" />
/**
 * The Electron build's vacuum-worker-path.ts (electron.vite.config.ts aliases
 * it): `?modulePath` makes electron-vite bundle vacuum-worker.ts as a file of
 * its own beside the main bundle and gives its path.
 */
import workerPath from './vacuum-worker?modulePath';

export const VACUUM_WORKER: URL | string = workerPath;
