/**
 * The check of a snapshot's database copy page by page and by SQLite, run
 * after the snapshot itself (docs/backups.md, "Checking"). Authenticating
 * every page and `quick_check` take seconds on a large vault (about 7 s
 * together at 50,000 clients, more on a busy PC): waited for, they would make
 * every daily snapshot that long however little changed. So the snapshot
 * returns once the rest of its check has passed (every file it wrote read
 * back from the drive, the audit chain, the manifest), and this rebuilds the
 * database from the set's chunks into a scratch folder in the computer's temp
 * folder (still encrypted, every chunk's SHA-256, every page's HMAC and the
 * whole file's SHA-256 checked on the way) and runs SQLite's check on its own
 * thread:
 *  - passed: the snapshot goes into the set's verification record
 *    (verification-record.ts), so `backup verify` re-hashes it rather than
 *    rebuilding and checking it again; only then are the snapshots the
 *    rotation no longer keeps pruned (backup-service.ts);
 *  - failed: the snapshot's check is marked failed in the status (the status
 *    bar turns red) and logged (`backup.verified`, ok false), naming the problem;
 *  - cut short (the app closed first): the snapshot is simply not in the record,
 *    and the next verify checks it in full.
 *
 * One set of pending checks per open vault (keyed by its connection, like the
 * print-copy job), and every backup call waits for them first, so two never
 * write the record at once and a verify sees the result. What each found is
 * kept until asked for once (`backup.waitForChecks`: the CLI waits for it).
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkStructure } from '../db/structure-check';
import type { Db } from '../db/types';
import { wipePageKeys } from '../db/sqlcipher-pages';
import { assembleDatabase, pageKeysForChunks } from './database-chunks';
import type { BackupCheckAfter } from '../../contract/backup-types';
import type { Manifest } from './manifest';
import type { SetLayout } from './set-layout';

const pending = new WeakMap<Db, Set<Promise<void>>>();
const found = new WeakMap<Db, BackupCheckAfter[]>();

/** Runs `job` in the background for this vault; it must handle its own failures and say what it found. */
export function finishLater(db: Db, job: () => Promise<BackupCheckAfter>): void {
  const set = pending.get(db) ?? new Set<Promise<void>>();
  pending.set(db, set);
  const run = job()
    .then((outcome) => void found.set(db, [...(found.get(db) ?? []), outcome]))
    .catch(() => undefined)
    .finally(() => set.delete(run));
  set.add(run);
}

/** Settles once every check started for this vault has finished. */
export async function checksFinished(db: Db): Promise<void> {
  const set = pending.get(db);
  while (set && set.size > 0) await Promise.all([...set]);
}

/** What the checks finished since the last call found (each answered once). */
export function takeFindings(db: Db): BackupCheckAfter[] {
  const out = found.get(db) ?? [];
  found.delete(db);
  return out;
}

/** The scratch folder of one snapshot's database copy, named for its vault so leftovers can be found. */
export const scratchPrefix = (vaultId: string) => `clinic-vault-snapshot-${vaultId}-`;

/**
 * Removes scratch copies of this vault left by a run the app did not finish (closed while its check ran).
 * Called once this vault's checks have finished, so none is in use; the vault's process lock keeps any other
 * process from using them.
 */
export async function removeScratchLeftovers(vaultId: string): Promise<void> {
  const prefix = scratchPrefix(vaultId);
  const names = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(prefix))) await rm(join(tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
}

/**
 * The snapshot's database rebuilt from its chunks in a scratch folder, every page authenticated on the way,
 * and given SQLite's structure check; the problems found (none when it passed). The scratch folder is removed whatever happens.
 */
export async function checkSnapshotStructure(set: SetLayout, manifest: Manifest, key: Buffer, signal?: AbortSignal): Promise<string[]> {
  const scratch = await mkdtemp(join(tmpdir(), scratchPrefix(manifest.vaultId)));
  try {
    const problems: string[] = [];
    const path = join(scratch, 'vault.db');
    const chunks = manifest.databaseChunks ?? [];
    // Every page authenticated with the key as the file is rebuilt (the snapshot did not check them: database-chunks.ts).
    const keys = await pageKeysForChunks(set, chunks, key);
    const rebuilt = await assembleDatabase(set, chunks, manifest.files.database, path, { signal, keys, problems, durable: false }).finally(() => keys && wipePageKeys(keys));
    if (!rebuilt) return problems;
    const structure = await checkStructure(path, key, { maxProblems: 5, signal });
    return structure.problems.map((p) => `vault.db: ${p}`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
