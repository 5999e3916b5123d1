/**
 * The only IPC entry points of the app: one `ipcMain.handle` on IPC_CHANNEL for
 * contract calls, one on IPC_UPLOAD_CHANNEL for file bytes (staged uploads),
 * one on IPC_CANCEL_CHANNEL to stop a long call and one on IPC_PICK_FOLDER_CHANNEL
 * to open the system's folder window. A call naming a folder goes through only
 * for folders picked there or already saved in the backup settings (folder-grants.ts). A call made with a callId has its
 * progress sent back to our window only, on IPC_PROGRESS_CHANNEL (docs/core-worker.md).
 * Order of checks on all four: who is asking (sender frame, the same rule for all),
 * what shape the message has, then the core, which validates the method and its
 * input against the shared schemas. Never throws: the renderer always gets an
 * ApiResult back. Nothing else in the app may use ipcMain (boundary.test.ts enforces it).
 */
import { dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Logger } from '../core/platform/ports';
import {
  IPC_CANCEL_CHANNEL,
  IPC_CHANNEL,
  IPC_PICK_FOLDER_CHANNEL,
  IPC_PROGRESS_CHANNEL,
  IPC_UPLOAD_CHANNEL,
  type CallProgress,
  type FolderPurpose,
} from '../contract/api';
import type { CoreDispatcher as FullCoreDispatcher } from '../core-worker/core-dispatcher';
import { ERROR_MESSAGES, toErrorPayload, type ApiResult, type ErrorCode } from '../contract/errors';
import type { UploadReceipt } from '../contract/record-types';
import { createFolderGrants } from './folder-grants';
import { isCallPayload, isCancelPayload, isTrustedSender, loggableMethod, type SenderFacts } from './policy';

/** The part of the core that IPC needs: the core worker's client (src-main/core-worker/core-client.ts). */
export type CoreDispatcher = Pick<FullCoreDispatcher, 'dispatch' | 'upload'>;

/** What the preload sends on IPC_UPLOAD_CHANNEL. */
export interface UploadPayload {
  data: Uint8Array;
  fileName: string;
}

/** File names are labels of at most 255 characters (the longest most file systems allow). */
export const MAX_UPLOAD_FILE_NAME = 255;

/** Exactly `{ data: Uint8Array, fileName: string }`, nothing more. Sizes are the core's to judge. */
export function isUploadPayload(payload: unknown): payload is UploadPayload {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return false;
  if (!Object.keys(payload).every((k) => k === 'data' || k === 'fileName')) return false;
  const { data, fileName } = payload as { data?: unknown; fileName?: unknown };
  return (
    data instanceof Uint8Array && typeof fileName === 'string' && fileName.length <= MAX_UPLOAD_FILE_NAME
  );
}

export interface IpcOptions {
  core: CoreDispatcher;
  /** The main window, or null while there is none: then every call is refused. */
  getWindow: () => BrowserWindow | null;
  devOrigin: string | null;
  logger: Logger;
}

const FOLDER_WINDOW_TITLES: Record<FolderPurpose, string> = {
  'backup-destination': 'Choose the folder for backups',
  'restore-source': 'Choose the folder that holds the backups',
  'export-destination': 'Choose the folder to save the files in',
};

/** Exactly `{ purpose }` with a purpose we have a title for. */
export function isPickFolderPayload(payload: unknown): payload is { purpose: FolderPurpose } {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return false;
  const keys = Object.keys(payload);
  const purpose = (payload as { purpose?: unknown }).purpose;
  return keys.length === 1 && keys[0] === 'purpose' && typeof purpose === 'string' && Object.hasOwn(FOLDER_WINDOW_TITLES, purpose);
}

function failure(code: ErrorCode): ApiResult<never> {
  return { ok: false, error: { code, message: ERROR_MESSAGES[code] } };
}

/**
 * WebFrameMain objects are not guaranteed to be identical for the same frame,
 * so the main frame is matched by process and routing id.
 */
function senderFacts(event: IpcMainInvokeEvent, window: BrowserWindow | null): SenderFacts {
  const frame = event.senderFrame;
  const ours = window !== null && !window.isDestroyed() && event.sender.id === window.webContents.id;
  const main = ours ? window.webContents.mainFrame : null;
  return {
    hasFrame: frame !== null && !frame.detached,
    isOurWindow: ours,
    isMainFrame:
      frame !== null &&
      main !== null &&
      frame.parent === null &&
      frame.processId === main.processId &&
      frame.routingId === main.routingId,
    frameUrl: frame?.url ?? '',
  };
}

export function registerIpc(options: IpcOptions): void {
  const { core, getWindow, devOrigin, logger } = options;

  /** The one sender rule, shared by both channels: our window's main frame on our own origin. */
  const trusted = (event: IpcMainInvokeEvent, channel: string): boolean => {
    const facts = senderFacts(event, getWindow());
    if (isTrustedSender(facts, devOrigin)) return true;
    // Origins and flags only: the frame's full URL could carry anything.
    let origin = '<none>';
    try {
      origin = new URL(facts.frameUrl).origin;
    } catch {
      // Leave '<none>'.
    }
    logger.warn('ipc.forbidden', {
      channel,
      origin,
      hasFrame: facts.hasFrame,
      isOurWindow: facts.isOurWindow,
      isMainFrame: facts.isMainFrame,
    });
    return false;
  };

  const folders = createFolderGrants();

  /** Long calls the page named with a callId: so a cancel can reach them. */
  const inFlight = new Map<string, AbortController>();

  /** Progress goes to our window and nowhere else, and only while it shows the page that asked. */
  const progressTo = (callId: string) => (progress: CallProgress) => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(IPC_PROGRESS_CHANNEL, { callId, progress });
  };

  ipcMain.handle(IPC_CHANNEL, async (event, payload: unknown): Promise<ApiResult<unknown>> => {
    if (!trusted(event, IPC_CHANNEL)) return failure('FORBIDDEN');

    if (!isCallPayload(payload)) {
      logger.warn('ipc.bad-payload', {
        method: loggableMethod((payload as { method?: unknown } | null)?.method),
      });
      return failure('VALIDATION');
    }

    if (!folders.allows(payload.method, payload.input)) {
      logger.warn('ipc.folder-not-chosen', { method: loggableMethod(payload.method) });
      return failure('FOLDER_NOT_CHOSEN');
    }

    const { callId } = payload;
    if (callId !== undefined && inFlight.has(callId)) return failure('VALIDATION');
    const controller = callId === undefined ? null : new AbortController();
    if (callId !== undefined && controller) inFlight.set(callId, controller);
    try {
      const result =
        callId === undefined || !controller
          ? await core.dispatch(payload.method, payload.input)
          : await core.dispatch(payload.method, payload.input, { onProgress: progressTo(callId), signal: controller.signal });
      if (result.ok) folders.learnFromAnswer(payload.method, result.value);
      return result;
    } catch (err) {
      // dispatch promises never to throw; if it does, the renderer still gets a clean error and the stack goes to the log.
      logger.error('ipc.dispatch-threw', {
        method: loggableMethod(payload.method),
        error: err instanceof Error ? err : undefined,
      });
      return { ok: false, error: toErrorPayload(err) };
    } finally {
      if (callId !== undefined) inFlight.delete(callId);
    }
  });

  ipcMain.handle(IPC_CANCEL_CHANNEL, (event, payload: unknown): void => {
    if (!trusted(event, IPC_CANCEL_CHANNEL)) return;
    if (!isCancelPayload(payload)) {
      logger.warn('ipc.bad-cancel-payload', {});
      return;
    }
    // A call that has already answered has nothing to stop.
    inFlight.get(payload.callId)?.abort();
  });

  ipcMain.handle(IPC_PICK_FOLDER_CHANNEL, async (event, payload: unknown): Promise<string | null> => {
    const window = getWindow();
    if (!trusted(event, IPC_PICK_FOLDER_CHANNEL) || !window) return null;
    if (!isPickFolderPayload(payload)) {
      logger.warn('ipc.bad-pick-folder-payload', {});
      return null;
    }
    const picked = await dialog.showOpenDialog(window, {
      title: FOLDER_WINDOW_TITLES[payload.purpose],
      properties: ['openDirectory', 'createDirectory'],
    });
    const folder = picked.canceled ? undefined : picked.filePaths[0];
    if (!folder) return null;
    folders.grant(folder);
    return folder;
  });

  ipcMain.handle(IPC_UPLOAD_CHANNEL, async (event, payload: unknown): Promise<ApiResult<UploadReceipt>> => {
    if (!trusted(event, IPC_UPLOAD_CHANNEL)) return failure('FORBIDDEN');
    if (!isUploadPayload(payload)) {
      // Never the file name: it is the clinic's data, and may name a client.
      logger.warn('ipc.bad-upload-payload', {});
      return failure('VALIDATION');
    }
    const { data, fileName } = payload;
    try {
      // A view of the bytes IPC already copied into this process, not another copy.
      return await core.upload(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { fileName });
    } catch (err) {
      logger.error('ipc.upload-threw', { error: err instanceof Error ? err : undefined });
      return { ok: false, error: toErrorPayload(err) };
    }
  });
}
