import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../contract/csp';
import { FakeClock, makeTempDir, openTestCore } from '../core/test-support/temp-vault';
import { type BrowserHost, startBrowserHost } from './browser-host';
import type { CoreApi } from '../core/app';

let host: BrowserHost | undefined;
let core: CoreApi | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  await host?.close();
  core?.close();
  cleanup?.();
});

async function start() {
  const tmp = makeTempDir();
  cleanup = tmp.cleanup;
  const rendererDir = join(tmp.dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Clinic Vault</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmp.dir, 'secret.txt'), 'outside the renderer');
  core = openTestCore(join(tmp.dir, 'vault'), new FakeClock());
  host = await startBrowserHost({ core, rendererDir });
  return host;
}

const call = (h: BrowserHost, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${h.port}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-clinic-token': h.token, ...headers },
    body: JSON.stringify(body),
  });

describe('browser host', () => {
  it('listens on loopback only and gives a URL carrying the token', async () => {
    const h = await start();
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
  });

  it('serves the renderer with the strict CSP and no-sniff headers', async () => {
    const h = await start();
    const res = await fetch(`http://127.0.0.1:${h.port}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Clinic Vault</title>');
    const js = await fetch(`http://127.0.0.1:${h.port}/assets/app.js`);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
  });

  it('never serves files from outside the renderer folder', async () => {
    const h = await start();
    const res = await fetch(`http://127.0.0.1:${h.port}/..%2Fsecret.txt`);
    expect(await res.text()).not.toContain('outside the renderer');
  });

  it('answers contract calls with an ApiResult', async () => {
    const h = await start();
    const res = await call(h, { method: 'app.status' });
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, value: { state: 'no-vault' } });
  });

  it('refuses calls without the token, with a wrong token, or from another origin', async () => {
    const h = await start();
    expect((await call(h, { method: 'app.status' }, { 'x-clinic-token': '' })).status).toBe(401);
    expect((await call(h, { method: 'app.status' }, { 'x-clinic-token': 'x'.repeat(h.token.length) })).status).toBe(401);
    expect((await call(h, { method: 'app.status' }, { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('turns malformed bodies and unknown methods into clear errors', async () => {
    const h = await start();
    const garbage = await fetch(`http://127.0.0.1:${h.port}/api/call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-clinic-token': h.token },
      body: '{not json',
    });
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await (await call(h, { method: 'nope' })).json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it.each([null, 42, 'app.status', [{ method: 'app.status' }], true])('answers a JSON body of %j with a 400 that says what to send', async (body) => {
    const h = await start();
    const res = await call(h, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'That request could not be read: send a JSON object with a method and its input.' },
    });
    // The host is still answering calls afterwards.
    expect(await (await call(h, { method: 'app.status' })).json()).toMatchObject({ ok: true });
  });

  it('closes at once, even with a browser connection open that has not sent a request yet', async () => {
    const h = await start();
    // Chromium opens spare connections ahead of need; server.close() alone waits for those until they time out.
    const socket = connect(h.port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const started = Date.now();
    await h.close();
    host = undefined;
    expect(Date.now() - started).toBeLessThan(2_000);
    await ended;
  });
});
