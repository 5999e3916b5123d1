/**
 * The loopback browser host, for development and end-to-end tests only (never
 * packaged). It serves the built renderer and the same contract the preload
 * exposes, as POST /api/call. It listens on 127.0.0.1 only, and every call must
 * carry the per-run random token and come from the host's own origin, so other
 * local pages and DNS-rebinding tricks cannot reach the vault.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { toErrorPayload, AppError } from '../shared/errors';
import type { CoreApi } from '../core/app';
import { readStaticFile } from './static-files';

/** Calls carry small JSON; uploads get their own route in a later issue. */
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

export async function startBrowserHost(opts: { core: CoreApi; rendererDir: string; port?: number }): Promise<BrowserHost> {
  const token = randomBytes(24).toString('base64url');
  let origin = '';

  const handleApi = async (req: IncomingMessage, res: ServerResponse) => {
    const allowedHosts = [origin.replace('http://', ''), origin.replace('http://127.0.0.1', 'localhost')];
    if (!allowedHosts.includes(req.headers.host ?? '')) return send(res, 421, 'text/plain', 'wrong host');
    if (req.headers.origin !== undefined && req.headers.origin !== origin) return send(res, 403, 'text/plain', 'wrong origin');
    if (!sameToken(req.headers['x-clinic-token'] as string | undefined, token)) return send(res, 401, 'text/plain', 'missing or wrong token');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'text/plain', 'JSON only');
    let payload: { method?: unknown; input?: unknown };
    try {
      payload = JSON.parse(await readBody(req)) as typeof payload;
    } catch (err) {
      return send(res, 200, 'application/json', JSON.stringify({ ok: false, error: toErrorPayload(err instanceof AppError ? err : new AppError('VALIDATION', 'That request could not be read.')) }));
    }
    const result = await opts.core.dispatch(typeof payload.method === 'string' ? payload.method : '', payload.input);
    send(res, 200, 'application/json', JSON.stringify(result));
  };

  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/api/call') {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only');
      handleApi(req, res).catch(() => send(res, 500, 'text/plain', 'error'));
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
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    port,
    token,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
