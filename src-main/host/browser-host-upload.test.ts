/** POST /api/upload on the browser host: same gatekeeping as /api/call, streamed bodies, the size limit. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestVault, type TestVault } from '../core/test-support/temp-vault';
import { contents, dbOf } from '../core/test-support/upload-test-support';
import { insertClient } from '../core/test-support/photo-test-support';
import { makeJpeg } from '../core/test-support/test-images';
import { type BrowserHost, startBrowserHost } from './browser-host';
import { stripJpegMetadata } from '../core/uploads/jpeg-strip';

const MB = 1024 * 1024;
let tv: TestVault;
let host: BrowserHost;

beforeEach(async () => {
  tv = await createTestVault();
  const rendererDir = join(tv.vaultDir, '..', 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Clinic Vault</title>');
  host = await startBrowserHost({ core: tv.api, rendererDir });
});
afterEach(async () => {
  await host.close();
  tv.cleanup();
});

const url = (path: string) => `http://127.0.0.1:${host.port}${path}`;

function upload(body: BodyInit, headers: Record<string, string> = {}) {
  return fetch(url('/api/upload'), {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      'x-clinic-token': host.token,
      'x-file-name': 'photo.jpg',
      ...headers,
    },
    body,
    duplex: 'half',
  } as RequestInit);
}

/** A body of `total` bytes sent in 256 KiB pieces, with no Content-Length, counting what the client produced. */
function streamedBody(total: number) {
  const piece = new Uint8Array(256 * 1024);
  const state = { produced: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.produced >= total) return controller.close();
      state.produced += piece.length;
      controller.enqueue(piece);
    },
  });
  return { stream, state };
}

describe('browser host /api/upload', () => {
  it('streams a file into a staged upload that photos.import can use', async () => {
    const jpeg = await makeJpeg();
    const res = await upload(jpeg, { 'x-file-name': encodeURIComponent('Zoë 🌸 photo.jpg') });
    expect(res.status).toBe(200);
    const result = (await res.json()) as { ok: boolean; value: { uploadId: string; size: number } };
    expect(result).toEqual({
      ok: true,
      // The receipt gives the stored size: JPEG metadata is stripped as the bytes arrive.
      value: { uploadId: expect.stringMatching(/^up_/), size: stripJpegMetadata(jpeg).length },
    });
    const row = dbOf(tv.api).prepare('SELECT file_name FROM staged_uploads').get() as { file_name: string };
    expect(row.file_name).toBe('Zoë 🌸 photo.jpg');
    const clientId = insertClient(dbOf(tv.api));
    const call = await fetch(url('/api/call'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-clinic-token': host.token },
      body: JSON.stringify({
        method: 'photos.import',
        input: {
          clientId,
          uploadId: result.value.uploadId,
          area: 'Cheek',
          stage: 'before',
          takenOn: '2026-11-20',
        },
      }),
    });
    expect(await call.json()).toMatchObject({ ok: true, value: { clientId, mediaType: 'image/jpeg' } });
  });

  it('accepts a chunked body with no Content-Length', async () => {
    const { stream } = streamedBody(3 * MB);
    expect(await (await upload(stream)).json()).toMatchObject({ ok: true, value: { size: 3 * MB } });
  });

  it('checks host, origin and token exactly as /api/call does, and takes only octet-stream', async () => {
    expect((await upload(Buffer.from('x'), { 'x-clinic-token': '' })).status).toBe(401);
    expect((await upload(Buffer.from('x'), { 'x-clinic-token': 'x'.repeat(host.token.length) })).status).toBe(
      401,
    );
    expect((await upload(Buffer.from('x'), { origin: 'http://evil.example' })).status).toBe(403);
    expect((await upload(Buffer.from('x'), { 'content-type': 'application/json' })).status).toBe(415);
    expect((await fetch(url('/api/upload'))).status).toBe(405);
    expect(contents(tv.api, tv.vaultDir)).toMatchObject({ files: 0, staged: 0 });
  });

  it('needs the file name header', async () => {
    const res = await fetch(url('/api/upload'), {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-clinic-token': host.token },
      body: Buffer.from('x'),
    });
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await (await upload(Buffer.from('x'), { 'x-file-name': '%E0%A4%A' })).json()).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('answers FILE_TOO_LARGE from Content-Length alone, before reading the body', async () => {
    await tv.api.call('settings.update', { maxUploadMB: 1 });
    const res = await upload(Buffer.alloc(2 * MB));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: false,
      error: {
        code: 'FILE_TOO_LARGE',
        message: 'That file is larger than the limit of 1 MB set in Settings. Choose a smaller file.',
      },
    });
    expect(contents(tv.api, tv.vaultDir)).toMatchObject({ files: 0, staged: 0, blobs: 0 });
  });

  it('stops a streamed body at the limit and does not read the rest', async () => {
    await tv.api.call('settings.update', { maxUploadMB: 1 });
    const { stream, state } = streamedBody(200 * MB);
    const res = await upload(stream);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
    // The limit, plus what sits in socket buffers: nowhere near the 200 MB offered.
    expect(state.produced).toBeLessThan(24 * MB);
    expect(contents(tv.api, tv.vaultDir)).toMatchObject({ files: 0, staged: 0, blobs: 0 });
  });

  it('keeps the 1 MB limit on /api/call', async () => {
    const res = await fetch(url('/api/call'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-clinic-token': host.token },
      body: JSON.stringify({ method: 'app.status', input: 'x'.repeat(MB + 1000) }),
    });
    expect(await res.json()).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'That request is too large.' },
    });
  });
});
