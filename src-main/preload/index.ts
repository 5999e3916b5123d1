/**
 * The preload exposes exactly five functions to the page: `window.clinic.call(method, input)`,
 * `window.clinic.upload(bytes, { fileName })`, which hands a file to the app as a
 * staged upload, for long calls `onProgress(listener)` and `cancel(callId)`
 * (docs/core-worker.md), and `pickFolder(purpose)`, the system's folder window. No ipcRenderer, no channel names, no Node: a compromised page can
 * only make the calls the contract lists, and main checks the sender and the input.
 *
 * This runs sandboxed, where `require` knows only 'electron', so it is built to
 * one CommonJS file and may import nothing else at runtime: the shared modules
 * below are plain constants and types that the bundler inlines
 * (boundary.test.ts checks the sources, and the build is checked for stray requires).
 *
 * The renderer declares `window.clinic` with `ClinicBridge` from src-main/contract/api.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  IPC_CANCEL_CHANNEL,
  IPC_CHANNEL,
  IPC_PICK_FOLDER_CHANNEL,
  IPC_PROGRESS_CHANNEL,
  IPC_UPLOAD_CHANNEL,
  type CallProgress,
  type ClinicBridge,
} from '../contract/api';
import { ERROR_MESSAGES, type ApiResult } from '../contract/errors';

// Type only: the preload has no runtime exports, so the bundle is a plain script.
export type { ClinicBridge };

// If the invoke itself fails (the page is being torn down, the handler is gone), the
// renderer still gets the ApiResult it was promised rather than a rejected promise.
const transportFailure: ApiResult<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL },
};

const bridge: ClinicBridge = {
  call(method, input, options) {
    // callId only when given: main refuses keys it does not expect.
    const payload =
      options?.callId === undefined ? { method, input } : { method, input, callId: options.callId };
    return ipcRenderer.invoke(IPC_CHANNEL, payload).catch(() => transportFailure);
  },
  upload(data, meta) {
    // Only the two fields main accepts are sent; main checks their types and the sender.
    return ipcRenderer
      .invoke(IPC_UPLOAD_CHANNEL, { data, fileName: meta?.fileName })
      .catch(() => transportFailure);
  },
  onProgress(listener) {
    // The page gets the call id and its progress, never the IPC event (which would hand it ipcRenderer's sender).
    const relay = (_event: unknown, message: { callId: string; progress: CallProgress }) =>
      listener(message.callId, message.progress);
    ipcRenderer.on(IPC_PROGRESS_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(IPC_PROGRESS_CHANNEL, relay);
    };
  },
  cancel(callId) {
    return ipcRenderer.invoke(IPC_CANCEL_CHANNEL, { callId }).then(
      () => undefined,
      () => undefined,
    );
  },
  pickFolder(purpose) {
    return ipcRenderer.invoke(IPC_PICK_FOLDER_CHANNEL, { purpose }).then(
      (folder: unknown) => (typeof folder === 'string' ? folder : null),
      () => null,
    );
  },
};

contextBridge.exposeInMainWorld('clinic', Object.freeze(bridge));
