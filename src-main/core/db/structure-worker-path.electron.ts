/// <reference types="electron-vite/node" />
/**
 * The Electron build's structure-worker-path.ts (electron.vite.config.ts aliases
 * it): `?modulePath` makes electron-vite bundle structure-worker.ts as a file of
 * its own beside the main bundle and gives its path.
 */
import workerPath from './structure-worker?modulePath';

export const STRUCTURE_WORKER: URL | string = workerPath;
