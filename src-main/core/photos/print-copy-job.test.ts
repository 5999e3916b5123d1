/**
 * The background job that makes print copies for photos held from before
 * migration 0023 (print-copy-job.ts), on a real vault. Such photos are made
 * here by importing and then taking the copy away again, which leaves exactly
 * what an older build left: a photo, its original and thumbnail, no copy.
 */
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestVault, type TestVault } from '../test-support/temp-vault';
import { importBytes, insertClient } from '../test-support/photo-test-support';
import { serviceContextOf } from '../test-support/service-context-test-support';
import { makeJpeg } from '../test-support/test-images';
import { dbOf } from '../test-support/upload-test-support';
import { type PrintCopyJobDeps, printCopyJobRunning, runPrintCopyJob, startPrintCopyJob } from './print-copy-job';

let tv: TestVault;
beforeEach(async () => {
  tv = await createTestVault();
});
afterEach(() => tv.cleanup());

function deps(): PrintCopyJobDeps {
  const ctx = serviceContextOf(tv.api);
  return { db: ctx.db, files: ctx.files, clock: ctx.clock, logger: ctx.logger, actorId: ctx.actor.id };
}

/** Photos as an older build held them: no print copy. */
async function olderPhotos(clientId: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await importBytes(tv.api, clientId, await makeJpeg({ width: 1600, height: 1200 }))).id);
  const { files } = tv.api.core.requireSession().vault;
  const db = dbOf(tv.api);
  for (const id of ids) {
    const { file_id } = db.prepare('SELECT file_id FROM photo_print_copies WHERE photo_id = ?').get(id) as { file_id: string };
    db.prepare('DELETE FROM photo_print_copies WHERE photo_id = ?').run(id);
    await files.delete(file_id);
  }
  return ids;
}

const copies = () => dbOf(tv.api).prepare('SELECT photo_id, file_id, width, height FROM photo_print_copies ORDER BY created_at, photo_id').all() as
  { photo_id: string; file_id: string; width: number; height: number }[];

describe('the print copy job', () => {
  it('makes a copy for every photo without one, and a second run has nothing to do', async () => {
    const a = insertClient(dbOf(tv.api));
    const ids = await olderPhotos(a, 3);
    expect(copies()).toEqual([]);

    expect(await runPrintCopyJob(deps(), { pauseMs: 0 })).toEqual({ made: 3, skipped: 0, stopped: false });
    const made = copies();
    expect(made.map((c) => c.photo_id).sort()).toEqual([...ids].sort());
    const { files } = tv.api.core.requireSession().vault;
    for (const c of made) {
      expect([c.width, c.height]).toEqual([1000, 750]);
      expect(await sharp(await files.readToBuffer(c.file_id)).metadata()).toMatchObject({ format: 'jpeg', width: 1000, height: 750 });
      expect(files.isClinical(c.file_id)).toBe(true);
    }
    expect(await runPrintCopyJob(deps(), { pauseMs: 0 })).toEqual({ made: 0, skipped: 0, stopped: false });
  });

  it('does the first client’s photos first, and carries on where it stopped', async () => {
    const db = dbOf(tv.api);
    const other = insertClient(db);
    const first = insertClient(db);
    const othersPhotos = await olderPhotos(other, 2);
    const firstPhotos = await olderPhotos(first, 2);
    const controller = new AbortController();
    // Stopped as soon as two copies exist: they must be the first client's.
    // A pause between photos long enough for the poll to see each one land.
    const job = runPrintCopyJob(deps(), { firstClientId: first, pauseMs: 40, signal: controller.signal });
    let firstTwo: string[] = [];
    const poll = setInterval(() => {
      const now = copies();
      if (now.length >= 2 && firstTwo.length === 0) {
        firstTwo = now.map((c) => c.photo_id);
        controller.abort();
      }
    }, 2);
    const stopped = await job.finally(() => clearInterval(poll));
    expect(stopped.stopped).toBe(true);
    expect(firstTwo.sort()).toEqual([...firstPhotos].sort());
    expect(copies().length).toBeLessThan(4);

    const resumed = await runPrintCopyJob(deps(), { pauseMs: 0 });
    expect(resumed.stopped).toBe(false);
    expect(copies().map((c) => c.photo_id).sort()).toEqual([...firstPhotos, ...othersPhotos].sort());
  });

  it('skips a photo whose original does not decode, and copies the rest', async () => {
    const client = insertClient(dbOf(tv.api));
    const [broken, fine] = await olderPhotos(client, 2);
    const { files } = tv.api.core.requireSession().vault;
    const junk = await files.write(Buffer.from('not a picture at all'), { mediaType: 'image/jpeg', createdBy: 'st_x', clinical: true });
    dbOf(tv.api).prepare('UPDATE photos SET file_id = ? WHERE id = ?').run(junk.id, broken);
    expect(await runPrintCopyJob(deps(), { pauseMs: 0 })).toEqual({ made: 1, skipped: 1, stopped: false });
    expect(copies().map((c) => c.photo_id)).toEqual([fine]);
  });

  it('stops when the vault locks, and the next start resumes', async () => {
    const client = insertClient(dbOf(tv.api));
    await olderPhotos(client, 2);
    const d = deps();
    const job = runPrintCopyJob(d, { pauseMs: 0 });
    await tv.api.call('session.lock', undefined);
    expect((await job).stopped).toBe(true);
    await tv.api.call('session.signIn', { username: 'olivia', password: 'correct horse battery' });
    expect((await runPrintCopyJob(deps(), { pauseMs: 0 })).stopped).toBe(false);
    expect(copies()).toHaveLength(2);
  });

  it('is started by the owner’s review of a pack, for that client first, once at a time', async () => {
    const client = await tv.api.call('clients.create', { firstName: 'Zofia', lastName: 'Nowak', dateOfBirth: '1980-02-03' });
    const ids = await olderPhotos(client.id, 2);
    const { request } = await tv.api.call('requests.add', { clientId: client.id, types: ['access'], channel: 'letter', receivedOn: '2026-11-20' });
    await tv.api.call('accessPack.review', { requestId: request.id });
    // The review answered at once; the job it started is still running, and a second start joins it.
    expect(printCopyJobRunning(dbOf(tv.api))).toBe(true);
    await startPrintCopyJob(deps());
    expect(printCopyJobRunning(dbOf(tv.api))).toBe(false);
    expect(copies().map((c) => c.photo_id).sort()).toEqual([...ids].sort());
  });
});
