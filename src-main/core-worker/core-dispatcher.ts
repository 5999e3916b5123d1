/**
 * What the Electron IPC handlers and the browser host need from the core. Two
 * implementations: CoreClient (core-client.ts, the core in a worker thread, what
 * the app and the host use) and openCore's CoreApi (src-main/core/app.ts, in-process,
 * what the CLI and unit tests use). Both never throw.
 */
import type { Readable } from 'node:stream';
import type { CallOptions } from '../core/platform/ports';
import type { ApiResult } from '../contract/errors';
import type { UploadReceipt } from '../contract/record-types';

export interface CoreDispatcher {
  /** Validates the method name and input, runs it, never throws. */
  dispatch(method: string, input: unknown, options?: CallOptions): Promise<ApiResult<unknown>>;
  /** Streams a file's bytes into the store as a staged upload; never throws. */
  upload(
    source: Readable | Buffer | Uint8Array,
    meta: { fileName: string },
  ): Promise<ApiResult<UploadReceipt>>;
  /** The signed-in clinic's upload limit in bytes, or null when nobody is signed in. */
  uploadLimit(): Promise<number | null>;
}
