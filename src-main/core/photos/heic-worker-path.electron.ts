/// <reference types="electron-vite/node" />
/**
 * The Electron build's heic-worker-path.ts (electron.vite.config.ts aliases it):
 * `?modulePath` makes electron-vite bundle heic-worker.ts as a file of its own
 * beside the main bundle and gives its path.
 */
import workerPath from './heic-worker?modulePath';

export const HEIC_WORKER: URL | string = workerPath;
