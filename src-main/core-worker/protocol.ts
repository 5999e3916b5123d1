/**
 * The messages between the core worker (worker-entry.ts) and its client
 * (core-client.ts). Every call carries an id chosen by the client; answers and
 * progress name that id. The worker starts calls in the order they arrive, so a
 * call sent while the worker is busy waits in the port's queue (docs/core-worker.md).
 */
import type { CallProgress } from '../contract/api';
import type { ApiResult, ErrorPayload } from '../contract/errors';
import type { KdfCost } from '../core/platform/ports';

/** What the worker is started with (workerData): enough to open the core, nothing secret. */
export interface WorkerStart {
  vaultDir: string;
  /** CoreOptions.stateDir: the app's own folder, for the rollback records (docs/audit-anchoring.md). */
  stateDir: string;
  appVersion: string;
  kdfCost: KdfCost;
  /** CoreOptions.quickCheckAtSignIn: the app and the browser host check pages after an owner signs in. */
  quickCheckAtSignIn?: boolean;
}

export type ToWorker =
  /**
   * `stopFlag` (one Int32, shared memory) is set to 1 by the client when the
   * caller cancels: a call busy in synchronous work reads it between steps,
   * where the 'cancel' message would wait until the call had ended.
   */
  | { type: 'call'; id: number; method: string; input: unknown; wantsProgress: boolean; stopFlag?: SharedArrayBuffer }
  | { type: 'cancel'; id: number }
  /** An upload's bytes follow as 'upload-chunk's (transferred ArrayBuffers), one at a time, each acknowledged. */
  | { type: 'upload-start'; id: number; fileName: string }
  | { type: 'upload-chunk'; id: number; chunk: ArrayBuffer }
  | { type: 'upload-end'; id: number }
  | { type: 'upload-limit'; id: number }
  /** Lock the session, close the database and stop. The worker answers 'closed'. */
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  /** openCore threw (the folder is missing, not writable): the client reports it and does not restart. */
  | { type: 'open-failed'; error: ErrorPayload }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'progress'; id: number; progress: CallProgress }
  /** The worker has taken an upload chunk: the client may send the next. */
  | { type: 'upload-ack'; id: number }
  | { type: 'upload-limit'; id: number; bytes: number | null }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string; fields?: Record<string, unknown> }
  | { type: 'closed' };

/** An Error in a log field, as plain data (the structured clone would keep less of it). */
export interface LoggedError {
  loggedError: { name: string; message: string; stack?: string };
}

export function errorsToData(
  fields: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (!fields) return fields;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] =
      value instanceof Error
        ? ({
            loggedError: { name: value.name, message: value.message, stack: value.stack },
          } satisfies LoggedError)
        : value;
  }
  return out;
}

export function dataToErrors(
  fields: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (!fields) return fields;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    const logged = (value as Partial<LoggedError> | null)?.loggedError;
    if (logged && typeof logged === 'object') {
      const error = new Error(logged.message);
      error.name = logged.name;
      if (logged.stack) error.stack = logged.stack;
      out[key] = error;
    } else {
      out[key] = value;
    }
  }
  return out;
}
