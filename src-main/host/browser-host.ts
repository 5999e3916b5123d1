/**
 * The loopback browser host, for development and end-to-end tests only (never
 * packaged). It serves the built renderer and the same contract the preload
 * exposes: POST /api/call for calls, POST /api/upload for file bytes, and for a
 * long call sent with an X-Call-Id header, GET /api/progress?callId= (polled)
 * and POST /api/cancel (docs/core-worker.md). dev.ts gives it the core worker's
 * client, so it runs the same worker entry point as the app. It
 * listens on 127.0.0.1 only, and every request must carry the per-run random
 * token and come from the host's own origin, so other local pages and
 * DNS-rebinding tricks cannot reach the vault.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { CONTENT_SECURITY_POLICY } from '../contract/csp';
import { toErrorPayload, AppError } from '../contract/errors';
import type { CoreDispatcher } from '../core-worker/core-dispatcher';
import { fileTooLarge } from '../core/uploads/upload-errors';
import { CALL_ID_PATTERN, type CallProgress } from '../contract/api';
import { portError } from './host-port';
import { readStaticFile } from './static-files';

/** Calls carry small JSON; file bytes go to /api/upload, limited by the clinic's setting instead. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  res.end(body);
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new AppError('VALIDATION', 'That request is too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A long call the page named with X-Call-Id: its latest progress, and how to stop it. */
interface TrackedCall {
  controller: AbortController;
  progress: CallProgress | null;
}

/** X-File-Name is URI-encoded so any name (accents, emoji) survives a header. */
function fileNameFrom(req: IncomingMessage): string | null {
  const raw = req.headers['x-file-name'];
  if (typeof raw !== 'string') return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

export async function startBrowserHost(opts: { core: CoreDispatcher; rendererDir: string; port?: number }): Promise<BrowserHost> {
  const token = randomBytes(24).toString('base64url');
  let origin = '';
  const tracked = new Map<string, TrackedCall>();

  /** Host, origin and token: the same three checks for every API request. False once it has answered. */
  const callerAllowed = (req: IncomingMessage, res: ServerResponse): boolean => {
    const allowedHosts = [origin.replace('http://', ''), origin.replace('http://127.0.0.1', 'localhost')];
    let refusal: [number, string] | null = null;
    if (!allowedHosts.includes(req.headers.host ?? '')) refusal = [421, 'wrong host'];
    else if (req.headers.origin !== undefined && req.headers.origin !== origin) refusal = [403, 'wrong origin'];
    else if (!sameToken(req.headers['x-clinic-token'] as string | undefined, token)) refusal = [401, 'missing or wrong token'];
    if (!refusal) return true;
    send(res, refusal[0], 'text/plain', refusal[1]);
    return false;
  };

  const answerUpload = (res: ServerResponse, result: unknown) => send(res, 200, 'application/json', JSON.stringify(result));

  const handleUpload = async (req: IncomingMessage, res: ServerResponse) => {
    if (!callerAllowed(req, res)) return;
    if (!(req.headers['content-type'] ?? '').startsWith('application/octet-stream')) return send(res, 415, 'text/plain', 'application/octet-stream only');
    const fileName = fileNameFrom(req);
    if (fileName === null) {
      const error = new AppError('VALIDATION', 'Say which file this is in the X-File-Name header (URI-encoded).');
      return answerUpload(res, { ok: false, error: toErrorPayload(error) });
    }
    // The limit, if someone is signed in: an over-size request is answered from its Content-Length
    // before a byte of it is read. When nobody is signed in, core.upload refuses it without reading either.
    const limit = await opts.core.uploadLimit();
    const declared = Number(req.headers['content-length']);
    if (limit !== null && Number.isFinite(declared) && declared > limit) {
      return answerUpload(res, { ok: false, error: toErrorPayload(fileTooLarge(limit)) });
    }
    // Streamed: the core pulls the body piece by piece into the encrypted store. Its
    // iterator must not destroy the request when the core stops early, or no answer could be sent.
    const body = Readable.from(req.iterator({ destroyOnReturn: false }), { objectMode: false });
    const result = await opts.core.upload(body, { fileName });
    answerUpload(res, result);
  };

  /** A request that is not a call at all: 400, with the same ApiResult body the renderer reads. */
  const refuseBody = (res: ServerResponse, error: AppError) =>
    send(res, 400, 'application/json', JSON.stringify({ ok: false, error: toErrorPayload(error) }));

  const handleApi = async (req: IncomingMessage, res: ServerResponse) => {
    if (!callerAllowed(req, res)) return;
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'text/plain', 'JSON only');
    let payload: unknown;
    try {
      payload = JSON.parse(await readBody(req));
    } catch (err) {
      return refuseBody(res, err instanceof AppError ? err : new AppError('VALIDATION', 'That request could not be read.'));
    }
    // JSON.parse also gives null, numbers, strings and arrays: none of them is a call.
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      return refuseBody(res, new AppError('VALIDATION', 'That request could not be read: send a JSON object with a method and its input.'));
    }
    const call = payload as { method?: unknown; input?: unknown };
    const method = typeof call.method === 'string' ? call.method : '';
    const callId = req.headers['x-call-id'];
    if (callId === undefined) {
      const result = await opts.core.dispatch(method, call.input);
      return send(res, 200, 'application/json', JSON.stringify(result));
    }
    if (typeof callId !== 'string' || !CALL_ID_PATTERN.test(callId) || tracked.has(callId)) {
      return send(res, 400, 'text/plain', 'bad call id');
    }
    const tracking: TrackedCall = { controller: new AbortController(), progress: null };
    tracked.set(callId, tracking);
    try {
      const result = await opts.core.dispatch(method, call.input, {
        signal: tracking.controller.signal,
        onProgress: (progress) => {
          tracking.progress = progress;
        },
      });
      send(res, 200, 'application/json', JSON.stringify(result));
    } finally {
      tracked.delete(callId);
    }
  };

  /** GET /api/progress?callId=: the call's latest progress, or running false once it has answered. */
  const handleProgress = (req: IncomingMessage, res: ServerResponse) => {
    if (!callerAllowed(req, res)) return;
    const callId = new URL(req.url ?? '/', 'http://host').searchParams.get('callId') ?? '';
    if (!CALL_ID_PATTERN.test(callId)) return send(res, 400, 'text/plain', 'bad call id');
    const call = tracked.get(callId);
    send(res, 200, 'application/json', JSON.stringify({ running: call !== undefined, progress: call?.progress ?? null }));
  };

  /** POST /api/cancel with { callId }: stops that call, which then answers CANCELLED. */
  const handleCancel = async (req: IncomingMessage, res: ServerResponse) => {
    if (!callerAllowed(req, res)) return;
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'text/plain', 'JSON only');
    let callId: unknown;
    try {
      callId = (JSON.parse(await readBody(req)) as { callId?: unknown }).callId;
    } catch {
      callId = undefined;
    }
    if (typeof callId !== 'string' || !CALL_ID_PATTERN.test(callId)) return send(res, 400, 'text/plain', 'bad call id');
    tracked.get(callId)?.controller.abort();
    send(res, 200, 'application/json', '{"ok":true}');
  };

  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/api/call') {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only');
      handleApi(req, res).catch(() => send(res, 500, 'text/plain', 'error'));
      return;
    }
    if (url.startsWith('/api/progress?')) {
      if (req.method !== 'GET') return send(res, 405, 'text/plain', 'GET only');
      return handleProgress(req, res);
    }
    if (url === '/api/cancel') {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only');
      handleCancel(req, res).catch(() => send(res, 500, 'text/plain', 'error'));
      return;
    }
    if (url === '/api/upload') {
      /*
       * If the body was not read to the end (refused early, or the core stopped at
       * the size limit), the connection is closed once the answer is out rather
       * than drained: reading the rest of an over-size file is what the limit avoids.
       */
      res.setHeader('Connection', 'close');
      const socket = req.socket; // detached from req by the time 'finish' fires
      res.once('finish', () => {
        if (!req.complete && !socket.destroyed) socket.destroySoon();
      });
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only');
      handleUpload(req, res).catch(() => {
        if (res.headersSent) res.destroy();
        else answerUpload(res, { ok: false, error: toErrorPayload(null) });
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'GET only');
    readStaticFile(opts.rendererDir, url)
      .then(async (file) => {
        // Unknown paths fall back to the app shell, so a reload on any screen works.
        const found = file ?? (await readStaticFile(opts.rendererDir, '/'));
        if (!found) return send(res, 404, 'text/plain', 'The renderer is not built. Run npm run build first.');
        send(res, 200, found.contentType, found.body);
      })
      .catch(() => send(res, 500, 'text/plain', 'error'));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(portError(err, opts.port ?? 0)));
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // close() alone waits for every open connection, including a spare one a browser
        // opened ahead of need and never used (until the headers timeout, a minute):
        // once the host stops, nothing it could still answer matters.
        server.closeAllConnections();
      }),
  };
}
