/**
 * The core worker (docs/core-worker.md): opens the core (database, file store,
 * crypto) in a worker thread and answers the client's messages (protocol.ts),
 * so the Electron main process and the browser host keep their event loops free.
 * The one dispatcher runs here; the client only routes. Built by electron-vite
 * as out/main/core-worker.js; run from source under tsx by the browser host.
 */
import { PassThrough } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { type CoreApi, openCore } from '../core/app';
import type { Logger } from '../core/platform/ports';
import type { CallProgress } from '../contract/api';
import { toErrorPayload } from '../contract/errors';
import { type FromWorker, type ToWorker, type WorkerStart, errorsToData } from './protocol';
import { progressThrottle } from './progress-throttle';

const port = parentPort;
if (!port) throw new Error('worker-entry.ts runs only as a worker thread (core-client.ts starts it).');

function send(message: FromWorker, transfer?: ArrayBuffer[]): void {
  port!.postMessage(message, transfer);
}

function sendLog(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void {
  try {
    send({ type: 'log', level, message, fields: errorsToData(fields) });
  } catch {
    // A field the structured clone cannot copy: the line is still worth having.
    send({ type: 'log', level, message });
  }
}

const logger: Logger = {
  info: (message, fields) => sendLog('info', message, fields),
  warn: (message, fields) => sendLog('warn', message, fields),
  error: (message, fields) => sendLog('error', message, fields),
};

/** Calls running now, so a 'cancel' can reach the right one. */
const running = new Map<number, AbortController>();
/** Uploads whose bytes are still arriving. */
const uploads = new Map<number, PassThrough>();

function answer(id: number, result: FromWorker & { type: 'result' }): void {
  try {
    send(result);
  } catch (err) {
    logger.error('core-worker.result-not-cloneable', { error: err instanceof Error ? err : undefined });
    send({ type: 'result', id, result: { ok: false, error: toErrorPayload(null) } });
  }
}

function startCall(api: CoreApi, message: ToWorker & { type: 'call' }): void {
  const { id, method, input, wantsProgress, stopFlag } = message;
  const controller = new AbortController();
  running.set(id, controller);
  const report = progressThrottle((progress: CallProgress) => send({ type: 'progress', id, progress }));
  const flag = stopFlag ? new Int32Array(stopFlag) : null;
  const stopRequested = flag ? () => Atomics.load(flag, 0) === 1 : undefined;
  void api
    .dispatch(method, input, { signal: controller.signal, onProgress: wantsProgress ? report : undefined, stopRequested })
    .then((result) => {
      running.delete(id);
      answer(id, { type: 'result', id, result });
    });
}

function startUpload(api: CoreApi, id: number, fileName: string): void {
  const body = new PassThrough();
  uploads.set(id, body);
  void api.upload(body, { fileName }).then((result) => {
    uploads.delete(id);
    // The core may stop early (too large, not signed in): drop whatever it did not read.
    body.destroy();
    answer(id, { type: 'result', id, result });
  });
}

/** Takes one chunk; acknowledges once the core has room for more, so memory stays bounded. */
function takeChunk(id: number, chunk: ArrayBuffer): void {
  const body = uploads.get(id);
  if (!body || body.destroyed) return;
  const ack = () => send({ type: 'upload-ack', id });
  if (body.write(Buffer.from(chunk))) ack();
  else body.once('drain', ack);
}

function close(api: CoreApi): void {
  for (const controller of running.values()) controller.abort();
  try {
    // Locks the session (audit entry), checkpoints the WAL and closes the database.
    api.close();
  } catch (err) {
    logger.error('core-worker.close-failed', { error: err instanceof Error ? err : undefined });
  }
  send({ type: 'closed' });
  port!.close();
}

function main(): void {
  const start = workerData as WorkerStart;
  let api: CoreApi;
  try {
    api = openCore({ ...start, logger, processLockHeldByParent: true });
  } catch (err) {
    send({ type: 'open-failed', error: toErrorPayload(err) });
    port!.close();
    return;
  }
  port!.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'call':
        return startCall(api, message);
      case 'cancel':
        return running.get(message.id)?.abort();
      case 'upload-start':
        return startUpload(api, message.id, message.fileName);
      case 'upload-chunk':
        return takeChunk(message.id, message.chunk);
      case 'upload-end':
        return void uploads.get(message.id)?.end();
      case 'upload-limit':
        return void api.uploadLimit().then((bytes) => send({ type: 'upload-limit', id: message.id, bytes }));
      case 'close':
        return close(api);
    }
  });
  send({ type: 'ready' });
}

main();
