/**
 * The restore drill: the newest snapshot restored in full into a temporary
 * folder and checked there as a restore would (every file copied back and its
 * SHA-256 matched, the database opened with the key, every page, SQLite's
 * structure, the audit chain, the counts against the manifest), then the
 * folder is removed. It proves the backup can be restored, not merely that
 * its files are intact. Everything in the folder stays encrypted.
 */
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BackupDrillResult } from '../../contract/backup-types';
import { openDatabase } from '../db/open-database';
import { assembleDatabase } from './database-chunks';
import { HashPool } from './hash-pool';
import { readManifest } from './manifest';
import { type SetLayout, blobInSet, snapshotFiles } from './set-layout';
import { PARALLEL_COPIES } from './blob-copies';
import { countsOf } from './snapshot';
import { type VerifyKeys, checkDatabaseCopy } from './snapshot-verify';

export async function drillSnapshot(set: SetLayout, id: string, keys: VerifyKeys, opts: { signal?: AbortSignal; onProgress?(done: number, total: number, label: string): void; now: () => Date }): Promise<BackupDrillResult> {
  const started = opts.now().getTime();
  const problems: string[] = [];
  const files = snapshotFiles(set, id);
  const dir = await mkdtemp(join(tmpdir(), 'clinic-vault-drill-'));
  let counts = null;
  try {
    const manifest = await readManifest(files.manifest);
    if (manifest.databaseChunks) {
      opts.onProgress?.(0, 0, 'Restoring the database into a test folder');
      await assembleDatabase(set, manifest.databaseChunks, manifest.files.database, join(dir, 'vault.db'), { signal: opts.signal, problems, durable: false });
    }
    const copies: [string, string, string][] = [
      ...(manifest.databaseChunks ? [] : ([['vault.db', files.database, manifest.files.database.sha256]] as [string, string, string][])),
      ['keyring.json', files.keyring, manifest.files.keyring.sha256],
      ['vault.json', files.publicInfo, manifest.files.publicInfo.sha256],
      ...manifest.blobs.map((b): [string, string, string] => [b.path, blobInSet(set, b.sha256), b.sha256]),
    ];
    // Four copies at a time on the file threads (hash-pool.ts), as a snapshot writes them: the hashing is off the core's thread.
    const copier = new HashPool(PARALLEL_COPIES);
    try {
      let next = 0;
      let finished = 0;
      const lane = async (): Promise<void> => {
        while (next < copies.length) {
          opts.signal?.throwIfAborted();
          const [name, from, sha] = copies[next++]!;
          const to = join(dir, name);
          await mkdir(dirname(to), { recursive: true, mode: 0o700 });
          // A practice folder removed at the end: what matters is that every byte reads back as listed, not that it is durable.
          const copied = await copier.copy(from, `${to}.tmp`);
          if ('missing' in copied) problems.push(`${name} is missing`);
          else {
            await rename(`${to}.tmp`, to);
            if (copied.sha256 !== sha) problems.push(`${name} is damaged (its SHA-256 does not match the manifest)`);
          }
          if (++finished % 50 === 0) opts.onProgress?.(finished, copies.length, 'Restoring into a test folder');
        }
      };
      const lanes = await Promise.allSettled(Array.from({ length: PARALLEL_COPIES }, lane));
      const failed = lanes.find((l): l is PromiseRejectedResult => l.status === 'rejected');
      if (failed) throw failed.reason;
    } finally {
      await copier.close();
    }
    if (!keys.database) problems.push('the database could not be opened: it was made under an earlier database key (take a new backup to drill)');
    else if (problems.length === 0) {
      const db = openDatabase(join(dir, 'vault.db'), keys.database, { readonly: true });
      try {
        await checkDatabaseCopy(db, join(dir, 'vault.db'), keys, manifest, problems, { signal: opts.signal, ledgerSet: set });
        counts = countsOf(db);
        if (counts.clients !== manifest.counts.clients || counts.files !== manifest.counts.files) problems.push('the restored database does not hold what the backup’s list says');
      } finally {
        db.close();
      }
    }
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    problems.push(err instanceof Error ? err.message : String(err));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { destination: set.dir, snapshotId: id, ok: problems.length === 0, problems, counts, seconds: (opts.now().getTime() - started) / 1000 };
}
