/**
 * The main-process side of the core worker (docs/core-worker.md). It holds the
 * vault folder's process lock, starts worker-entry.ts in a worker thread, and
 * turns each dispatch/upload into messages with an id (protocol.ts). It never
 * runs core code itself, so the event loop it shares with the window stays free.
 *
 * Faults: if the worker dies, every pending call answers CORE_RESTARTED and a
 * fresh worker opens the vault again (locked: committed data is in the database,
 * the session is not). The lock stays with this process throughout, so the new
 * worker does not find its own process's lock in the way.
 */
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { CallOptions, Logger } from '../core/platform/ports';
import { type ProcessLock, acquireProcessLock } from '../core/vault/process-lock';
import { ensureVaultFolder } from '../core/vault/vault-folder';
import { vaultPaths } from '../core/platform/vault-paths';
import type { CallProgress } from '../contract/api';
import { AppError, ERROR_MESSAGES, type ApiResult, type ErrorCode } from '../contract/errors';
import type { UploadReceipt } from '../contract/record-types';
import type { CoreDispatcher } from './core-dispatcher';
import { type FromWorker, type ToWorker, type WorkerStart, dataToErrors } from './protocol';

export interface CoreClientOptions extends WorkerStart {
  /** worker-entry.ts under tsx, or the built out/main/core-worker.js. */
  entry: URL | string;
  logger: Logger;
  /** Told after a crashed worker has been replaced (for the log, or to tell the window). */
  onRestart?: (info: { exitCode: number }) => void;
}

/** More crashes than this within a minute and the client stops restarting: something is wrong that a restart will not fix. */
const MAX_RESTARTS_PER_MINUTE = 5;
/** How long a closing worker gets to lock, checkpoint and close before it is stopped. */
const CLOSE_TIMEOUT_MS = 10_000;

interface Pending {
  resolve: (result: ApiResult<unknown>) => void;
  onProgress?: (progress: CallProgress) => void;
  /** An upload waiting for the worker to take its last chunk. */
  ack?: () => void;
}

function failure(code: ErrorCode): ApiResult<never> {
  return { ok: false, error: { code, message: ERROR_MESSAGES[code] } };
}

/** The bytes as an ArrayBuffer to transfer: the chunk's own buffer if it is the whole of it, else a copy of just its bytes. */
function transferable(chunk: Uint8Array): ArrayBuffer {
  const whole =
    chunk.byteOffset === 0 &&
    chunk.byteLength === chunk.buffer.byteLength &&
    chunk.buffer instanceof ArrayBuffer;
  return whole
    ? (chunk.buffer as ArrayBuffer)
    : (chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength) as ArrayBuffer);
}

export class CoreClient implements CoreDispatcher {
  private worker!: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly limitWaiters = new Map<number, (bytes: number | null) => void>();
  private nextId = 1;
  private closing = false;
  private failed = false;
  private restarts: number[] = [];

  private constructor(
    private readonly options: CoreClientOptions,
    private readonly lock: ProcessLock,
  ) {}

  /**
   * Takes the vault folder's process lock (VAULT_IN_USE if another process has
   * it), starts the worker and waits until the core is open. Throws AppError.
   */
  static async start(options: CoreClientOptions): Promise<CoreClient> {
    const paths = vaultPaths(options.vaultDir);
    ensureVaultFolder(paths);
    const lock = acquireProcessLock(paths.processLock);
    const client = new CoreClient(options, lock);
    try {
      await client.spawn();
    } catch (err) {
      lock.release();
      throw err;
    }
    return client;
  }

  dispatch(method: string, input: unknown, options: CallOptions = {}): Promise<ApiResult<unknown>> {
    const { signal, onProgress } = options;
    if (signal?.aborted) return Promise.resolve(failure('CANCELLED'));
    const unavailable = this.unavailable();
    if (unavailable) return Promise.resolve(unavailable);
    const id = this.nextId++;
    const worker = this.worker;
    const answered = new Promise<ApiResult<unknown>>((resolve) =>
      this.pending.set(id, { resolve, onProgress }),
    );
    const stopFlag = signal ? new SharedArrayBuffer(4) : undefined;
    try {
      this.post({ type: 'call', id, method, input, wantsProgress: onProgress !== undefined, ...(stopFlag ? { stopFlag } : {}) });
    } catch {
      // An input the structured clone cannot copy (a function, say) is not a contract input.
      this.pending.delete(id);
      return Promise.resolve(failure('VALIDATION'));
    }
    if (signal) {
      // Only the worker that has the call can stop it; after a restart it is already answered.
      const cancel = () => {
        if (stopFlag) Atomics.store(new Int32Array(stopFlag), 0, 1);
        if (this.worker === worker && this.pending.has(id)) this.post({ type: 'cancel', id });
      };
      signal.addEventListener('abort', cancel, { once: true });
      void answered.then(() => signal.removeEventListener('abort', cancel));
    }
    return answered;
  }

  /**
   * Streams the bytes to the worker one chunk at a time, each a transferred
   * ArrayBuffer, waiting for the worker to take each before sending the next.
   * A Buffer or Uint8Array that is the whole of its ArrayBuffer is handed over
   * (transferred, so the caller's copy is emptied); anything else is copied once.
   */
  async upload(
    source: Readable | Buffer | Uint8Array,
    meta: { fileName: string },
  ): Promise<ApiResult<UploadReceipt>> {
    const unavailable = this.unavailable();
    if (unavailable) return unavailable as ApiResult<never>;
    const id = this.nextId++;
    let settled = false;
    const answered = new Promise<ApiResult<unknown>>((resolve) =>
      this.pending.set(id, {
        resolve: (result) => {
          settled = true;
          resolve(result);
        },
      }),
    );
    this.post({ type: 'upload-start', id, fileName: meta.fileName });
    const chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array> =
      source instanceof Uint8Array ? [source] : (source as AsyncIterable<Uint8Array>);
    for await (const chunk of chunks) {
      if (settled) break;
      const entry = this.pending.get(id);
      if (!entry) break;
      const taken = new Promise<void>((resolve) => {
        entry.ack = resolve;
      });
      const buffer = transferable(chunk);
      this.post({ type: 'upload-chunk', id, chunk: buffer }, [buffer]);
      await Promise.race([taken, answered]);
    }
    if (!settled) this.post({ type: 'upload-end', id });
    return (await answered) as ApiResult<UploadReceipt>;
  }

  uploadLimit(): Promise<number | null> {
    if (this.unavailable()) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.limitWaiters.set(id, resolve);
      this.post({ type: 'upload-limit', id });
    });
  }

  /** Asks the worker to lock, checkpoint and close the vault, then releases the process lock. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const worker = this.worker;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    if (!this.failed) {
      const closed = new Promise<void>((resolve) => {
        worker.on('message', (m: FromWorker) => {
          if (m.type === 'closed') resolve();
        });
      });
      worker.postMessage({ type: 'close' } satisfies ToWorker);
      const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
      // Once it has said 'closed' the database is shut; nothing left in the thread needs waiting for.
      await Promise.race([closed, exited]);
      clearTimeout(timer);
    }
    await worker.terminate();
    this.failAll('INTERNAL');
    this.lock.release();
  }

  // ---- the worker ----------------------------------------------------------------

  private unavailable(): ApiResult<never> | null {
    if (this.closing || this.failed) return failure('INTERNAL');
    return null;
  }

  private post(message: ToWorker, transfer?: ArrayBuffer[]): void {
    this.worker.postMessage(message, transfer);
  }

  /** Starts a worker and resolves once its core is open (rejects with the AppError it could not open with). */
  private spawn(): Promise<void> {
    const { entry, logger, onRestart: _onRestart, ...start } = this.options;
    const source = String(entry);
    const worker = new Worker(entry, {
      workerData: start satisfies WorkerStart,
      // From source (browser host, tests) the worker needs tsx too; the built app's worker is plain JS.
      execArgv: source.endsWith('.ts') ? ['--import', 'tsx'] : undefined,
    });
    this.worker = worker;
    return new Promise<void>((resolve, reject) => {
      let opened = false;
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          opened = true;
          resolve();
        } else if (message.type === 'open-failed') {
          reject(new AppError(message.error.code, message.error.message));
        } else {
          this.receive(message);
        }
      });
      worker.on('error', (error) => logger.error('core-worker.crashed', { error }));
      worker.on('exit', (exitCode) => {
        if (!opened)
          reject(
            new AppError('INTERNAL', undefined, {
              cause: new Error(`core worker exited (${exitCode}) before it opened`),
            }),
          );
        else if (!this.closing && this.worker === worker) this.replace(exitCode);
      });
    });
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'result': {
        const entry = this.pending.get(message.id);
        this.pending.delete(message.id);
        entry?.resolve(message.result);
        return;
      }
      case 'progress':
        return this.pending.get(message.id)?.onProgress?.(message.progress);
      case 'upload-ack':
        return this.pending.get(message.id)?.ack?.();
      case 'upload-limit': {
        const waiter = this.limitWaiters.get(message.id);
        this.limitWaiters.delete(message.id);
        return waiter?.(message.bytes);
      }
      case 'log':
        return this.options.logger[message.level](message.message, dataToErrors(message.fields));
      default:
        return;
    }
  }

  private failAll(code: ErrorCode): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const entry of pending) entry.resolve(failure(code));
    for (const waiter of this.limitWaiters.values()) waiter(null);
    this.limitWaiters.clear();
  }

  /** The worker died: answer everything it had, then open the vault in a new one. */
  private replace(exitCode: number): void {
    const { logger } = this.options;
    logger.error('core-worker.exited', { exitCode, pending: this.pending.size });
    this.failAll('CORE_RESTARTED');
    const now = Date.now();
    this.restarts = [...this.restarts.filter((t) => now - t < 60_000), now];
    if (this.restarts.length > MAX_RESTARTS_PER_MINUTE) {
      this.failed = true;
      logger.error('core-worker.gave-up', { restarts: this.restarts.length });
      return;
    }
    this.spawn().then(
      () => {
        logger.info('core-worker.restarted', { exitCode });
        this.options.onRestart?.({ exitCode });
      },
      (error: unknown) => {
        this.failed = true;
        this.failAll('INTERNAL');
        logger.error('core-worker.restart-failed', { error: error instanceof Error ? error : undefined });
      },
    );
  }
}
