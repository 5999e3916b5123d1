/**
 * The app:// handler with Electron replaced by a stub, serving a temporary
 * renderer folder: files come back with the CSP, nothing outside the folder does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../core/platform/ports';
import { CONTENT_SECURITY_POLICY } from './policy';

type Handler = (request: Request) => Promise<Response>;
let handler: Handler | null = null;
const privileged: unknown[] = [];

vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => privileged.push(...schemes),
    handle: (_scheme: string, fn: Handler) => {
      handler = fn;
    },
  },
}));

const { registerAppScheme, serveRenderer } = await import('./app-protocol');

let root = '';
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-proto-'));
  fs.mkdirSync(path.join(root, 'renderer', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'renderer', 'index.html'), '<!doctype html><p>app</p>');
  fs.writeFileSync(path.join(root, 'renderer', 'assets', 'main.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'outside');
  fs.mkdirSync(path.join(root, 'renderer-evil'));
  fs.writeFileSync(path.join(root, 'renderer-evil', 'x.js'), 'evil');
  serveRenderer(path.join(root, 'renderer'), silentLogger);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function get(url: string, init: { method?: string; initiatorOrigin?: string } = {}): Promise<Response> {
  if (!handler) throw new Error('protocol not handled');
  const request = new Request(url.replace(/^app:/, 'http:'), { method: init.method ?? 'GET' });
  // The stub request reports the app:// URL and Electron's initiatorOrigin, as the real one does.
  Object.defineProperty(request, 'url', { value: url });
  if (init.initiatorOrigin !== undefined)
    Object.defineProperty(request, 'initiatorOrigin', { value: init.initiatorOrigin });
  return handler(request);
}

describe('registerAppScheme', () => {
  it('registers app:// as standard and secure, without CORS or CSP bypass', () => {
    registerAppScheme();
    expect(privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
  });
});

describe('serveRenderer', () => {
  it('serves index.html for the root with the CSP and a proper type', async () => {
    const res = await get('app://clinic/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('<p>app</p>');
  });

  it('serves assets to our own pages', async () => {
    const res = await get('app://clinic/assets/main.js', { initiatorOrigin: 'app://clinic' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('falls back to index.html for client routes but not for missing files', async () => {
    expect((await get('app://clinic/staff')).status).toBe(200);
    expect((await get('app://clinic/assets/missing.js')).status).toBe(404);
  });

  it.each([
    'app://clinic/..%2fsecret.txt',
    'app://clinic/..%2frenderer-evil/x.js',
    'app://clinic/assets%2f..%2f..%2fsecret.txt',
    'app://other/index.html',
  ])('refuses %s', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('');
  });

  it('refuses requests started by other origins, and methods other than GET/HEAD', async () => {
    expect((await get('app://clinic/index.html', { initiatorOrigin: 'https://evil.example' })).status).toBe(
      403,
    );
    expect((await get('app://clinic/index.html', { initiatorOrigin: 'null' })).status).toBe(403);
    expect((await get('app://clinic/index.html', { method: 'POST' })).status).toBe(405);
    const head = await get('app://clinic/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
  });
});
