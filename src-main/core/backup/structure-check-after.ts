/**
 * SQLite's structure check of a snapshot's database copy, run after the
 * snapshot itself (docs/backups.md, "Checking"). `quick_check` takes seconds
 * on a large vault (about 4 s at 50,000 clients, twice that on a busy PC):
 * waited for, it would make every daily snapshot that long however little
 * changed. So the snapshot returns once the rest of its check has passed, and
 * this rebuilds the database from the set's chunks into a scratch folder in
 * the computer's temp folder (still encrypted, every chunk's SHA-256 and the
 * whole file's checked on the way) and runs the check on its own thread:
 *  - passed: the snapshot goes into the set's verification record
 *    (verification-record.ts), so `backup verify` re-hashes it rather than
 *    rebuilding and checking it again;
 *  - failed: the snapshot's check is marked failed in the status (the status
 *    bar turns red) and logged (`backup.verified`, ok false), naming the problem;
 *  - cut short (the app closed first): the snapshot is simply not in the record,
 *    and the next verify checks it in full.
 *
 * One set of pending checks per open vault (keyed by its connection, like the
 * print-copy job), and every backup call waits for them first, so two never
 * write the record at once and a verify sees the result.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkStructure } from '../db/structure-check';
import type { Db } from '../db/types';
import { assembleDatabase } from './database-chunks';
import type { Manifest } from './manifest';
import type { SetLayout } from './set-layout';

const pending = new WeakMap<Db, Set<Promise<void>>>();

/** Runs `job` in the background for this vault; it must handle its own failures. */
export function finishLater(db: Db, job: () => Promise<void>): void {
  const set = pending.get(db) ?? new Set<Promise<void>>();
  pending.set(db, set);
  const run = job()
    .catch(() => undefined)
    .finally(() => set.delete(run));
  set.add(run);
}

/** Settles once every check started for this vault has finished. */
export async function checksFinished(db: Db): Promise<void> {
  const set = pending.get(db);
  while (set && set.size > 0) await Promise.all([...set]);
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
 * The snapshot's database rebuilt from its chunks in a scratch folder and given SQLite's structure check;
 * the problems found (none when it passed). The scratch folder is removed whatever happens.
 */
export async function checkSnapshotStructure(set: SetLayout, manifest: Manifest, key: Buffer, signal?: AbortSignal): Promise<string[]> {
  const scratch = await mkdtemp(join(tmpdir(), scratchPrefix(manifest.vaultId)));
  try {
    const problems: string[] = [];
    const path = join(scratch, 'vault.db');
    if (!(await assembleDatabase(set, manifest.databaseChunks ?? [], manifest.files.database, path, { signal, problems, durable: false }))) return problems;
    const structure = await checkStructure(path, key, { maxProblems: 5, signal });
    return structure.problems.map((p) => `vault.db: ${p}`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
