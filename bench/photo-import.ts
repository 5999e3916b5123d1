/**
 * Photo import throughput: a ~4 MB phone-like JPEG (4000x3000, EXIF with GPS)
 * staged through core.upload and imported with photos.import, `count` times.
 * Each import includes everything a real one does: the streaming metadata
 * strip, encrypting and fsyncing the upload, the full decode that checks the
 * picture and makes the thumbnail (started while the upload is still being
 * made durable), storing the thumbnail, and the transaction (with its audit
 * entry) that keeps the staged file as the picture.
 * `concurrency` is how many are in flight at once: the app's drop and the
 * CLI's `photos add` use PHOTO_IMPORTS_IN_FLIGHT; 1 is strictly one after
 * another. Target: at least 20 photos a second.
 *
 * Run alone: node --import tsx bench/photo-import.ts [count] [concurrency]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../src-main/core/app';
import { newId } from '../src-main/core/platform/ids';
import { makeBenchJpeg } from '../src-main/core/test-support/test-images';
import { SETUP_INPUT } from '../src-main/core/test-support/temp-vault';
import { PHOTO_IMPORTS_IN_FLIGHT } from '../src-main/contract/record-types';

export interface PhotoImportBenchResult {
  photosPerSecond: number;
  photoBytes: number;
  /**
   * CPU time (all threads: JavaScript, sharp, crypto, file system) per photo.
   * Unlike photos/s it barely depends on what else the machine is doing, so
   * 2 cores / this is what an otherwise idle 2-core machine could reach.
   */
  cpuMsPerPhoto: number;
}

export async function benchPhotoImport(opts: {
  count: number;
  tmpDir: string;
  /** Imports in flight at once (a drop of several photos); 1 is strictly one after another. */
  concurrency?: number;
}): Promise<PhotoImportBenchResult> {
  const dir = mkdtempSync(join(opts.tmpDir, 'photo-bench-'));
  const api = openCore({
    vaultDir: join(dir, 'vault'),
    stateDir: join(dir, 'app-state'),
    appVersion: 'bench',
    kdfCost: 'test',
  });
  try {
    await api.call('vault.setup', SETUP_INPUT);
    const { vault } = api.core.requireSession();
    const clientId = newId('cl');
    const at = new Date().toISOString();
    vault.db
      .prepare(
        `INSERT INTO clients (id, first_name, last_name, created_at, updated_at, last_interaction_at)
         VALUES (?, 'Bench', 'Client', ?, ?, ?)`,
      )
      .run(clientId, at, at, at);
    const photo = await makeBenchJpeg();

    const importOnce = async () => {
      const staged = await api.upload(photo, { fileName: 'IMG_0001.JPG' });
      if (!staged.ok) throw new Error(`upload failed: ${staged.error.code}`);
      await api.call('photos.import', {
        clientId,
        uploadId: staged.value.uploadId,
        treatmentId: null,
        area: 'Forehead',
        stage: 'before',
        takenOn: at.slice(0, 10),
        consentScopes: ['clinical-record'],
        consentReference: '',
      });
    };
    await importOnce(); // warm-up: sharp's and SQLite's first-call costs are not the steady state
    let next = 0;
    const worker = async () => {
      while (next < opts.count) {
        next += 1;
        await importOnce();
      }
    };
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, worker));
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    return {
      photosPerSecond: Math.round((opts.count / seconds) * 10) / 10,
      photoBytes: photo.length,
      cpuMsPerPhoto: Math.round((cpu.user + cpu.system) / 1000 / opts.count),
    };
  } finally {
    api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const tmpDir = mkdtempSync(join(tmpdir(), 'cv-photo-bench-'));
  benchPhotoImport({
    count: Number(process.argv[2] ?? 40),
    tmpDir,
    concurrency: Number(process.argv[3] ?? PHOTO_IMPORTS_IN_FLIGHT),
  })
    .then((r) => process.stdout.write(`${JSON.stringify(r)}\n`))
    .finally(() => rmSync(tmpDir, { recursive: true, force: true }));
}
