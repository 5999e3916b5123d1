/**
 * The only IPC entry point of the app: one `ipcMain.handle` on IPC_CHANNEL.
 * Order of checks: who is asking (sender frame), what shape the message has,
 * then the core, which validates the method and its input against the shared
 * schemas. Never throws: the renderer always gets an ApiResult back.
 * Nothing else in the app may use ipcMain (boundary.test.ts enforces it).
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Logger } from '../core/ports';
import { IPC_CHANNEL } from '../shared/api';
import { ERROR_MESSAGES, toErrorPayload, type ApiResult, type ErrorCode } from '../shared/errors';
import { isCallPayload, isTrustedSender, loggableMethod, type SenderFacts } from './policy';

/** The part of the core (src-main/core/app.ts) that IPC needs. */
export interface CoreDispatcher {
  /** Validates the method name and input, runs it, never throws. */
  dispatch(method: string, input: unknown): Promise<ApiResult<unknown>>;
}

export interface IpcOptions {
  core: CoreDispatcher;
  /** The main window, or null while there is none: then every call is refused. */
  getWindow: () => BrowserWindow | null;
  devOrigin: string | null;
  logger: Logger;
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

  ipcMain.handle(IPC_CHANNEL, async (event, payload: unknown): Promise<ApiResult<unknown>> => {
    const facts = senderFacts(event, getWindow());
    if (!isTrustedSender(facts, devOrigin)) {
      // Origins and flags only: the frame's full URL could carry anything.
      let origin = '<none>';
      try {
        origin = new URL(facts.frameUrl).origin;
      } catch {
        // Leave '<none>'.
      }
      logger.warn('ipc.forbidden', {
        origin,
        hasFrame: facts.hasFrame,
        isOurWindow: facts.isOurWindow,
        isMainFrame: facts.isMainFrame,
      });
      return failure('FORBIDDEN');
    }

    if (!isCallPayload(payload)) {
      logger.warn('ipc.bad-payload', {
        method: loggableMethod((payload as { method?: unknown } | null)?.method),
      });
      return failure('VALIDATION');
    }

    try {
      return await core.dispatch(payload.method, payload.input);
    } catch (err) {
      // dispatch promises never to throw; if it does, the renderer still gets a clean error and the stack goes to the log.
      logger.error('ipc.dispatch-threw', {
        method: loggableMethod(payload.method),
        error: err instanceof Error ? err : undefined,
      });
      return { ok: false, error: toErrorPayload(err) };
    }
  });
}
