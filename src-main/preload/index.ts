/**
 * The preload exposes exactly two functions to the page: `window.clinic.call(method, input)`
 * and `window.clinic.upload(bytes, { fileName })`, which hands a file to the app as a
 * staged upload. No ipcRenderer, no channel names, no Node: a compromised page can
 * only make the calls the contract lists, and main checks the sender and the input.
 *
 * This runs sandboxed, where `require` knows only 'electron', so it is built to
 * one CommonJS file and may import nothing else at runtime: the shared modules
 * below are plain constants and types that the bundler inlines
 * (boundary.test.ts checks the sources, and the build is checked for stray requires).
 *
 * The renderer declares `window.clinic` with `ClinicBridge` from src-main/shared/api.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL, IPC_UPLOAD_CHANNEL, type ClinicBridge } from '../shared/api';
import { ERROR_MESSAGES, type ApiResult } from '../shared/errors';

// Type only: the preload has no runtime exports, so the bundle is a plain script.
export type { ClinicBridge };

// If the invoke itself fails (the page is being torn down, the handler is gone), the
// renderer still gets the ApiResult it was promised rather than a rejected promise.
const transportFailure: ApiResult<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL },
};

const bridge: ClinicBridge = {
  call(method, input) {
    return ipcRenderer.invoke(IPC_CHANNEL, { method, input }).catch(() => transportFailure);
  },
  upload(data, meta) {
    // Only the two fields main accepts are sent; main checks their types and the sender.
    return ipcRenderer
      .invoke(IPC_UPLOAD_CHANNEL, { data, fileName: meta?.fileName })
      .catch(() => transportFailure);
  },
};

contextBridge.exposeInMainWorld('clinic', Object.freeze(bridge));
