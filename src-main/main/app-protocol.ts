/**
 * Serves the built renderer (out/renderer) on app://clinic/ instead of file://.
 * A custom standard scheme gives the page a real origin of its own, so 'self'
 * in the CSP means "our files" rather than "the whole disk", and every response
 * carries our security headers (Electron security checklist #18).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import type { Logger } from '../core/platform/ports';
import {
  APP_ORIGIN,
  APP_RESPONSE_HEADERS,
  APP_SCHEME,
  contentTypeFor,
  isClientRoute,
  resolveRendererAsset,
} from './policy';

/**
 * Must run before app 'ready'. `standard` + `secure` make app:// behave like
 * https (relative URLs, module scripts, storage); no `corsEnabled` and no
 * `bypassCSP`, so other origins cannot read our files and our CSP applies.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

function refuse(status: 403 | 404 | 405): Response {
  return new Response(null, { status, headers: { ...APP_RESPONSE_HEADERS } });
}

async function isFile(filePath: string): Promise<boolean> {
  try {
    return (await stat(filePath)).isFile();
  } catch {
    return false;
  }
}

/** Must run after app 'ready'. `rendererDir` is the folder holding index.html. */
export function serveRenderer(rendererDir: string, logger: Logger): void {
  const indexFile = path.join(rendererDir, 'index.html');

  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    // Electron sets initiatorOrigin (unlike Referer, the page cannot forge it); only our own pages may load our files.
    const initiator = (request as Request & { initiatorOrigin?: string }).initiatorOrigin;
    if (initiator !== undefined && initiator !== APP_ORIGIN) {
      logger.warn('protocol.refused', { reason: 'foreign-initiator' });
      return refuse(403);
    }
    let filePath = resolveRendererAsset(rendererDir, request.url);
    if (filePath === null) {
      logger.warn('protocol.refused', { reason: 'outside-renderer' });
      return refuse(404);
    }
    if (!(await isFile(filePath))) {
      if (!isClientRoute(request.url)) return refuse(404);
      filePath = indexFile;
    }
    try {
      const body = request.method === 'HEAD' ? null : await readFile(filePath);
      return new Response(body, {
        status: 200,
        headers: {
          ...APP_RESPONSE_HEADERS,
          'Content-Type': contentTypeFor(filePath),
          'Cache-Control': 'no-cache',
        },
      });
    } catch (err) {
      logger.error('protocol.read-failed', { error: err instanceof Error ? err : undefined });
      return refuse(404);
    }
  });
}
