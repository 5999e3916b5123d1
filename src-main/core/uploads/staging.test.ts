import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addStaffMember,
  createTestVault,
  errorCodeOf,
  OWNER,
  type TestVault,
} from '../test-support/temp-vault';
import { claimStagedUpload, discardStaleUploads } from './staged-uploads';
import { contents, countingSource, dbOf } from '../test-support/upload-test-support';
import { serviceContext } from '../service/service-context';

const MB = 1024 * 1024;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const JPEG_START = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60)]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(200)]);

let tv: TestVault;
beforeEach(async () => {
  tv = await createTestVault();
});
afterEach(() => tv.cleanup());

const ctx = () => serviceContext({ core: tv.api.core, ...tv.api.core.requireSession() });

async function stage(bytes: Buffer | Readable, fileName = 'scan.pdf') {
  const r = await tv.api.upload(bytes, { fileName });
  if (!r.ok) throw new Error(`upload refused: ${r.error.code}`);
  return r.value;
}

describe('staging an upload', () => {
  it('streams the bytes into the file store and records a staged row for the member', async () => {
    const receipt = await stage(
      Readable.from([PDF.subarray(0, 3), PDF.subarray(3)], { objectMode: false }),
      'C:\\scans\\consent form.pdf',
    );
    expect(receipt).toEqual({ uploadId: expect.stringMatching(/^up_[0-9a-f]{20}$/), size: PDF.length });
    const row = dbOf(tv.api).prepare('SELECT * FROM staged_uploads').get() as Record<string, unknown>;
    expect(row).toMatchObject({
      id: receipt.uploadId,
      file_name: 'consent form.pdf',
      size: PDF.length,
      created_by: ctx().actor.id,
    });
    const file = ctx().files.info(row.file_id as string);
    expect(file.mediaType).toBe('application/pdf');
    expect(await ctx().files.readToBuffer(file.id)).toEqual(PDF);
  });

  it('refuses a file over the clinic limit with FILE_TOO_LARGE naming the limit, leaving nothing', async () => {
    await tv.api.call('settings.update', { maxUploadMB: 1 });
    const before = contents(tv.api, tv.vaultDir);
    const result = await tv.api.upload(Buffer.alloc(2 * MB), { fileName: 'big.jpg' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'FILE_TOO_LARGE',
        message: 'That file is larger than the limit of 1 MB set in Settings. Choose a smaller file.',
      },
    });
    const streamed = await tv.api.upload(
      Readable.from(countingSource(2 * MB).source, { objectMode: false }),
      { fileName: 'big.jpg' },
    );
    expect(streamed).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
    expect(contents(tv.api, tv.vaultDir)).toEqual(before);
  });

  it('stops a 200 MB stream early against the default 50 MB limit, without reading the rest', async () => {
    const { source, state } = countingSource(200 * MB);
    const heapBefore = process.memoryUsage().heapUsed;
    const result = await tv.api.upload(Readable.from(source, { objectMode: false }), {
      fileName: 'huge.mov',
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'FILE_TOO_LARGE', message: expect.stringContaining('50 MB') },
    });
    // 50 MB and the piece that crossed the line, plus at most one the stream read ahead.
    expect(state.pulled).toBeLessThanOrEqual(52 * MB);
    expect(state.closed).toBe(true);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(40 * MB);
    expect(contents(tv.api, tv.vaultDir)).toMatchObject({ files: 0, staged: 0, blobs: 0 });
  });

  it('needs someone signed in', async () => {
    await tv.api.call('session.lock', undefined);
    expect(await tv.api.upload(PDF, { fileName: 'a.pdf' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
  });

  it('keeps the file name as a label only: no folders, no control characters, at most 255 characters', async () => {
    const r = await tv.api.upload(PDF, { fileName: `${'x'.repeat(256)}` });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await stage(PDF, '../../etc/consent\nforged line\u0007.pdf');
    await stage(PDF, '\u0001');
    await stage(PDF, 'scan\u202efdp.exe\u0085\u009b');
    const names = dbOf(tv.api).prepare('SELECT file_name FROM staged_uploads ORDER BY rowid').all();
    expect(names).toEqual([{ file_name: 'consentforged line.pdf' }, { file_name: 'upload' }, { file_name: 'scanfdp.exe' }]);
  });

  it('destroys uploads older than an hour when another is staged', async () => {
    await tv.api.call('settings.update', { autoLockMinutes: 60 }); // stay signed in across the clock jumps
    const old = await stage(PDF);
    tv.clock.advance(30 * 60_000);
    const recent = await stage(PDF);
    tv.clock.advance(31 * 60_000);
    await stage(PDF);
    const ids = (dbOf(tv.api).prepare('SELECT id FROM staged_uploads').all() as { id: string }[]).map(
      (r) => r.id,
    );
    expect(ids).not.toContain(old.uploadId);
    expect(ids).toContain(recent.uploadId);
    expect(contents(tv.api, tv.vaultDir)).toMatchObject({ files: 2, staged: 2, blobs: 2 });
  });

  it('discardStaleUploads destroys everything staged before the given time (as on sign-in and lock)', async () => {
    await stage(PDF);
    await stage(JPEG_START);
    const n = await discardStaleUploads(ctx(), tv.clock.now().toISOString());
    expect(n).toBe(0); // created "now", not before it
    tv.clock.advance(1);
    expect(await discardStaleUploads(ctx(), tv.clock.now().toISOString())).toBe(2);
    expect(contents(tv.api, tv.vaultDir)).toMatchObject({ files: 0, staged: 0, blobs: 0 });
  });

  it('discardStaleUploads finishes its database work at once, so a lock may close the vault straight after', async () => {
    for (let i = 0; i < 3; i++) await stage(PDF);
    tv.clock.advance(1);
    const pending = discardStaleUploads(ctx(), tv.clock.now().toISOString());
    await tv.api.call('session.lock', undefined);
    expect(await pending).toBe(3);
    await tv.api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    expect(contents(tv.api, tv.vaultDir)).toMatchObject({ files: 0, staged: 0, blobs: 0 });
  });
});

describe('staged uploads and the session', () => {
  it('are destroyed when the vault locks: nobody is left to claim them', async () => {
    await stage(PDF);
    const fileId = (dbOf(tv.api).prepare('SELECT file_id FROM staged_uploads').get() as { file_id: string }).file_id;
    const blobsBefore = (dbOf(tv.api).prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n;
    await tv.api.call('session.lock', undefined);
    await tv.api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    expect(dbOf(tv.api).prepare('SELECT count(*) AS n FROM staged_uploads').get()).toEqual({ n: 0 });
    expect((dbOf(tv.api).prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n).toBe(blobsBefore - 1);
    expect(await errorCodeOf(() => ctx().files.readToBuffer(fileId))).toBe('NOT_FOUND');
  });
});

describe('claimStagedUpload', () => {
  it('hands over a PDF or an image and removes the staged row, keeping the file', async () => {
    const pdf = await stage(PDF);
    const claimed = claimStagedUpload(ctx(), pdf.uploadId, { allow: ['pdf', 'image'], clinical: false });
    expect(claimed).toEqual({ fileId: expect.stringMatching(/^f_/), mediaType: 'application/pdf' });
    expect(contents(tv.api, tv.vaultDir)).toMatchObject({ files: 1, staged: 0, blobs: 1 });
    const jpeg = await stage(JPEG_START, 'form.jpg');
    expect(claimStagedUpload(ctx(), jpeg.uploadId, { allow: ['pdf', 'image'], clinical: false }).mediaType).toBe('image/jpeg');
    // Claimed once only.
    expect(await errorCodeOf(() => claimStagedUpload(ctx(), pdf.uploadId, { allow: ['pdf'], clinical: false }))).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses a file that is not a PDF or an image, whatever its name, and leaves it staged', async () => {
    const exe = await stage(EXE, 'consent.pdf');
    let error: { code?: string; message?: string; issues?: unknown } = {};
    try {
      claimStagedUpload(ctx(), exe.uploadId, { allow: ['pdf', 'image'], field: 'consentFormUploadId', clinical: false });
    } catch (err) {
      error = err as typeof error;
    }
    expect(error).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/^That file is not a PDF or an image/),
      issues: [{ field: 'consentFormUploadId' }],
    });
    expect(contents(tv.api, tv.vaultDir).staged).toBe(1);
    const pdf = await stage(PDF);
    expect(await errorCodeOf(() => claimStagedUpload(ctx(), pdf.uploadId, { allow: ['image'], clinical: false }))).toBe(
      'VALIDATION',
    );
  });

  it("refuses another member's upload as if it did not exist", async () => {
    const priya = await addStaffMember(tv.api, 'practitioner');
    const upload = await stage(PDF);
    // Uploads never outlive their session (switching user destroys them), so the
    // other member's upload is made by attributing this one to Priya.
    dbOf(tv.api).prepare('UPDATE staged_uploads SET created_by = ? WHERE id = ?').run(priya.id, upload.uploadId);
    expect(await errorCodeOf(() => claimStagedUpload(ctx(), upload.uploadId, { allow: ['pdf'], clinical: false }))).toBe('NOT_FOUND');
    expect(await errorCodeOf(() => tv.api.call('uploads.discard', { uploadId: upload.uploadId }))).toBe('NOT_FOUND');
    dbOf(tv.api).prepare('UPDATE staged_uploads SET created_by = ? WHERE id = ?').run(ctx().actor.id, upload.uploadId);
    expect(claimStagedUpload(ctx(), upload.uploadId, { allow: ['pdf'], clinical: false }).mediaType).toBe('application/pdf');
  });

  it('rolls back with the transaction it runs in, so a failed save keeps the upload', async () => {
    const pdf = await stage(PDF);
    const { db } = ctx();
    expect(() =>
      db.transaction(() => {
        claimStagedUpload(ctx(), pdf.uploadId, { allow: ['pdf'], clinical: false });
        throw new Error('the treatment did not save');
      })(),
    ).toThrow('did not save');
    expect(contents(tv.api, tv.vaultDir).staged).toBe(1);
  });
});

describe('uploads.discard', () => {
  it('destroys the staged file and its row; reception may discard their own', async () => {
    const rachel = await addStaffMember(tv.api, 'reception');
    await tv.api.call('session.signIn', { username: rachel.username, password: rachel.password });
    const up = await stage(PDF);
    await tv.api.call('uploads.discard', { uploadId: up.uploadId });
    expect(contents(tv.api, tv.vaultDir)).toMatchObject({ files: 0, staged: 0, blobs: 0 });
    expect(await errorCodeOf(() => tv.api.call('uploads.discard', { uploadId: up.uploadId }))).toBe(
      'NOT_FOUND',
    );
  });
});
