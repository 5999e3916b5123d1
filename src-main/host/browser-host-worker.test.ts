/**
 * The browser host on the core worker, as dev.ts runs it for e2e: calls, a
 * streamed upload forwarded chunk by chunk, and a long call's progress and
 * cancel endpoints behind the same token/Host/Origin checks as /api/call.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BrowserHost, startBrowserHost } from './browser-host';
import { valueOf, workerVault } from '../test-support/core-worker-client';
import { makeJpeg } from '../core/test-support/test-images';
import { stripJpegMetadata } from '../core/uploads/jpeg-strip';

let vault: Awaited<ReturnType<typeof workerVault>>;
let host: BrowserHost;

beforeEach(async () => {
  vault = await workerVault();
  const rendererDir = join(vault.vaultDir, '..', 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Clinic Vault</title>');
  host = await startBrowserHost({ core: vault.client, rendererDir });
});
afterEach(async () => {
  await host.close();
  await vault.cleanup();
});

const url = (path: string) => `http://127.0.0.1:${host.port}${path}`;
const headers = (extra: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  'x-clinic-token': host.token,
  ...extra,
});

async function call(method: string, input?: unknown, extra: Record<string, string> = {}) {
  const res = await fetch(url('/api/call'), {
    method: 'POST',
    headers: headers(extra),
    body: JSON.stringify({ method, input }),
  });
  return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
}

describe('browser host on the core worker', () => {
  it('answers calls and takes a streamed upload through the worker', async () => {
    expect(await call('app.status')).toMatchObject({ ok: true, value: { state: 'unlocked' } });
    const jpeg = await makeJpeg();
    let sentAt = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sentAt >= jpeg.length) return controller.close();
        controller.enqueue(jpeg.subarray(sentAt, sentAt + 500));
        sentAt += 500;
      },
    });
    const res = await fetch(url('/api/upload'), {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        'x-clinic-token': host.token,
        'x-file-name': 'a.jpg',
      },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(await res.json()).toEqual({
      ok: true,
      value: { uploadId: expect.stringMatching(/^up_/), size: stripJpegMetadata(jpeg).length },
    });
  });

  it('serves a named call’s progress while it runs, and stops it on /api/cancel', async () => {
    valueOf(
      await vault.client.dispatch('vault.seedSynthetic', {
        clients: 20,
        treatmentsPerClient: 1,
        photoClients: 8,
      }),
    );
    const verify = call('vault.verify', undefined, { 'x-call-id': 'call_v1' });
    let progress: { label: string } | null = null;
    for (let i = 0; i < 200 && !progress; i++) {
      const res = await fetch(url('/api/progress?callId=call_v1'), {
        headers: { 'x-clinic-token': host.token },
      });
      progress = ((await res.json()) as { progress: { label: string } | null }).progress;
    }
    expect(progress?.label).toMatch(/^Checking/);
    const cancel = await fetch(url('/api/cancel'), {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ callId: 'call_v1' }),
    });
    expect(cancel.status).toBe(200);
    const result = await verify;
    // Cancelled unless the check had already finished by the time the cancel arrived.
    expect(result.ok ? 'finished' : result.error?.code).toMatch(/^(CANCELLED|finished)$/);
    const after = await fetch(url('/api/progress?callId=call_v1'), {
      headers: { 'x-clinic-token': host.token },
    });
    expect(await after.json()).toEqual({ running: false, progress: null });
  });

  it('guards the progress and cancel endpoints with the token', async () => {
    expect((await fetch(url('/api/progress?callId=call_x'))).status).toBe(401);
    const cancel = await fetch(url('/api/cancel'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"callId":"call_x"}',
    });
    expect(cancel.status).toBe(401);
    const bad = await fetch(url('/api/progress?callId=../../x'), {
      headers: { 'x-clinic-token': host.token },
    });
    expect(bad.status).toBe(400);
  });
});
