/**
 * Writing one snapshot into a backup set (docs/backups.md):
 *
 *  1. the set is opened (it must be there, writable, and this vault's) and
 *     leftovers of a killed run are removed;
 *  2. the generation moves on and the audit head is checkpointed
 *     (`ClinicCore.anchorBackup`), so the copy is a known point in the log;
 *  3. the database file is copied as it lies on disk, from a consistent point
 *     (raw-copy.ts): still SQLCipher-encrypted under the database key of the
 *     day; VACUUM INTO on its own thread (vacuum-copy.ts) when another reader
 *     keeps the checkpoint from finishing;
 *  4. the keyring and vault.json are copied as they are now: the slots current
 *     at this moment are the only ones that open this snapshot;
 *  5. blobs the set does not have yet are copied under their SHA-256, while
 *     the database is copied (blob-copies.ts); blobs are immutable and their
 *     names random, so one listed by the previous manifest at the same path
 *     and size is the same file and is not read again. Every file written is
 *     settled a little later (settle-queue.ts: fsync, read back from the drive,
 *     SHA-256 compared, renamed), and all of them before the manifest;
 *  6. the manifest is written last, and the folder renamed from <id>.partial to <id>;
 *  7. every page of the database copy is authenticated with the key and
 *     SQLite's structure check run after the snapshot, in the background
 *     (structure-check-after.ts); only when they pass are older snapshots
 *     pruned (backup-service.ts).
 *
 * A run stopped at any point leaves only <id>.partial and tmp/ files, which the
 * next run clears away (and names).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SnapshotCounts } from '../../contract/backup-types';
import { AppError } from '../../contract/errors';
import { walkChain } from '../audit/chain-walk';
import { openDatabase } from '../db/open-database';
import type { Db } from '../db/types';
import { fsyncDirectory } from '../files/durable-write';
import type { ServiceContext } from '../service/service-context';
import { databaseVersions, readKeyring } from '../vault/keyring';
import { openSetForWriting, snapshotIds } from './backup-set';
import { copyFileDurably, destinationError, writeSmallFileDurably } from './durable-files';
import { HashPool } from './hash-pool';
import { type FileEntry, type Manifest, MANIFEST_FORMAT, MANIFEST_VERSION, manifestKeyOf, readManifest, signManifest } from './manifest';
import { PARTIAL_SUFFIX, type SetLayout, newSnapshotId, snapshotFiles } from './set-layout';
import { carryLedgerToSet } from './destruction-ledger';
import { isChunkCheckFailure, storeDatabaseChunks, type StoredDatabase } from './database-chunks';
import { SettleFailed, SettleQueue } from './settle-queue';
import { withStillDatabase } from './raw-copy';
import { copyDatabase } from './vacuum-copy';
import { vaultIdOf } from './vault-id';
import { BlobCopies, PARALLEL_COPIES, type VaultBlob } from './blob-copies';

export interface SnapshotInput {
  destination: string;
  appVersion: string;
  schemaVersion: number;
  /** Moves the generation on and checkpoints the audit head (ClinicCore.anchorBackup). */
  anchor(): { generation: number; checkpointSeq: number | null };
}

export interface WrittenSnapshot {
  set: SetLayout;
  manifest: Manifest;
  blobsCopied: number;
  blobsReused: number;
  /** The SHA-256s of the blobs this run copied (read back in full by the check after writing). */
  written: Set<string>;
  /** The database chunks this run wrote: each read back from the drive and its SHA-256 checked (its pages are checked after the call). */
  writtenChunks: Set<string>;
  /** What the checks of the database made while it was held still found (empty when all is well). */
  databaseProblems: string[];
  cleanedUp: string[];
}

export function countsOf(db: Db): SnapshotCounts {
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    clients: n('SELECT count(*) AS n FROM clients'),
    photos: n('SELECT count(*) AS n FROM photos'),
    files: n('SELECT count(*) AS n FROM files'),
    auditEntries: n('SELECT count(*) AS n FROM audit_log'),
  };
}

/** Every blob in the vault folder now, as its path inside the folder. Temp files are not blobs. */
async function vaultBlobs(blobsDir: string): Promise<VaultBlob[]> {
  const out: VaultBlob[] = [];
  for (const shard of (await readdir(blobsDir).catch(() => [] as string[])).filter((n) => /^[0-9a-f]{2}$/.test(n)).sort()) {
    for (const name of (await readdir(join(blobsDir, shard))).filter((n) => /^[0-9a-f]{32}\.blob$/.test(n)).sort()) {
      const abs = join(blobsDir, shard, name);
      out.push({ path: `blobs/${shard}/${name}`, abs, size: (await stat(abs)).size });
    }
  }
  return out;
}

/** The newest complete manifest in the set, whose blob hashes can be reused. */
async function previousManifest(set: SetLayout): Promise<Manifest | null> {
  for (const id of (await snapshotIds(set)).reverse()) {
    try {
      return await readManifest(snapshotFiles(set, id).manifest);
    } catch {
      // a damaged one is verify's business; try the one before
    }
  }
  return null;
}

export async function writeSnapshot(ctx: ServiceContext, input: SnapshotInput): Promise<WrittenSnapshot> {
  const call = ctx.call;
  const now = ctx.clock.now();
  const { set, cleanedUp } = await openSetForWriting(input.destination, vaultIdOf(ctx.db)!, now);
  if (cleanedUp.length > 0) {
    ctx.audit.append({ staffId: ctx.actor.id, action: 'backup.interrupted_cleaned', detail: { leftovers: cleanedUp.length } });
  }
  const id = newSnapshotId(now, randomBytes(3).toString('hex'));
  const copier = new HashPool(PARALLEL_COPIES);
  const settles = new SettleQueue(copier);
  const partial = snapshotFiles(set, id, PARTIAL_SUFFIX);
  const final = snapshotFiles(set, id);
  try {
    // The key must exist before the copy, so the copy carries the key its manifest is signed with.
    const macKey = manifestKeyOf(ctx.db, true)!;
    const anchored = input.anchor();
    const counts = countsOf(ctx.db);
    const checkpoint = anchored.checkpointSeq === null ? null : ctx.audit.anchor?.newestInDatabase() ?? null;
    await mkdir(partial.dir, { recursive: true, mode: 0o700 });
    call?.progress({ done: 0, total: 1, label: 'Copying the database' });
    const previous = await previousManifest(set);
    const blobs = new BlobCopies(set, previous, copier, settles, (done, total) => call?.progress({ done, total, label: 'Copying photos and files' }));
    const throwIfStopped = () => call?.throwIfStopped();
    // The blobs there now are copied while the database is (blob-copies.ts); the database copy is the point the
    // snapshot is of, so blobs added before that point but after this listing are copied once it is done.
    const listedFirst = await vaultBlobs(ctx.paths.blobs);
    const firstCopies = blobs.copyAll(listedFirst, throwIfStopped);
    // Awaited below; a failure while the database is copied must not count as unhandled.
    firstCopies.catch(() => undefined);
    let stored: Awaited<ReturnType<typeof storeDatabase>>;
    try {
      stored = await storeDatabase(ctx, set, checkpoint?.seq ?? null, copier);
    } catch (err) {
      blobs.stop();
      await firstCopies.catch(() => undefined);
      throw err;
    }
    const database: FileEntry = stored.file;
    call?.progress({ done: 1, total: 1, label: 'Copying the database' });
    await firstCopies;
    const inVault = await vaultBlobs(ctx.paths.blobs);
    const seenFirst = new Set(listedFirst.map((b) => b.path));
    await blobs.copyAll(
      inVault.filter((b) => !seenFirst.has(b.path)),
      throwIfStopped,
    );
    call?.throwIfStopped();

    // The keyring as it is now: only the slots current at this moment open the snapshot.
    const keyring = readKeyring(ctx.paths);
    const keyringEntry = await copyFileDurably(ctx.paths.keyring, `${partial.keyring}.tmp`, partial.keyring, call?.signal);
    const publicInfo = await copyFileDurably(ctx.paths.publicInfo, `${partial.publicInfo}.tmp`, partial.publicInfo, call?.signal);
    await settles.flush();
    // A blob deleted from the vault after it was copied is listed only if the database copy still refers to it
    // (deleted after that point); the set's copy of any other is pruned with the blobs no snapshot lists.
    const stillThere = new Set(inVault.map((b) => b.path));
    const referenced = new Set(stored.referencedBlobs.map((n) => `blobs/${n.slice(0, 2)}/${n}.blob`));
    const listed = [...blobs.entries.values()].filter((b) => stillThere.has(b.path) || referenced.has(b.path)).sort((a, b) => (a.path < b.path ? -1 : 1));
    const newBytes = stored.writtenBytes + keyringEntry.size + publicInfo.size + blobs.newBytes;
    // The blobs' renames must be durable before a manifest that lists them is.
    for (const shard of new Set([...blobs.written].map((sha) => sha.slice(0, 2)))) await fsyncDirectory(join(set.blobs, shard));
    await fsyncDirectory(partial.dir);

    // The destruction ledger goes to the set before the manifest that counts its entries.
    const ledger = await carryLedgerToSet(ctx.db, set, macKey, keyring.vaultId, now);
    if (ledger.replaced) ctx.audit.append({ staffId: ctx.actor.id, action: 'backup.ledger_replaced', detail: { entries: ledger.entries } });

    const manifest = signManifest(
      {
        format: MANIFEST_FORMAT,
        version: MANIFEST_VERSION,
        snapshotId: id,
        vaultId: keyring.vaultId,
        clinicName: ctx.settings.getClinic().clinicName,
        createdAt: now.toISOString(),
        appVersion: input.appVersion,
        schemaVersion: input.schemaVersion,
        databaseKeyVersion: databaseVersions(keyring)[0] ?? 1,
        generation: anchored.generation,
        checkpoint,
        counts,
        openableBy: keyring.slots.map((s) => (s.kind === 'recovery' ? 'recovery key' : (s.username ?? s.staffId ?? 'unknown'))),
        files: { database, keyring: keyringEntry, publicInfo },
        databaseChunks: stored.chunks,
        blobs: listed,
        totalBytes: database.size + keyringEntry.size + publicInfo.size + listed.reduce((t, b) => t + b.size, 0),
        newBytes,
        ledger: { entries: ledger.entries },
      },
      macKey,
    );
    macKey.fill(0);
    // Manifest last, then the folder's final name: only now is this a snapshot.
    await writeSmallFileDurably(partial.manifest, JSON.stringify(manifest));
    await rename(partial.dir, final.dir);
    await fsyncDirectory(set.snapshots);
    // What the database copy's own checks found (the audit chain, the checkpoint, files it refers to).
    const listedPaths = new Set(listed.map((b) => b.path));
    const unlisted = [...referenced].filter((path) => !listedPaths.has(path));
    if (unlisted.length > 0) stored.problems.push(`${unlisted.length} stored file(s) the database refers to are not in the snapshot`);
    return { set, manifest, blobsCopied: blobs.copied, blobsReused: blobs.reused, written: blobs.written, writtenChunks: stored.written, databaseProblems: stored.problems, cleanedUp };
  } catch (err) {
    await settles.abandon();
    await rm(partial.dir, { recursive: true, force: true }).catch(() => undefined);
    await rm(set.tmp, { recursive: true, force: true }).then(() => mkdir(set.tmp, { recursive: true, mode: 0o700 })).catch(() => undefined);
    if (err instanceof SettleFailed) {
      throw new AppError('BACKUP_SNAPSHOT_DAMAGED', `The backup could not be checked after writing: ${err.message}. Check the backup drive, then try again.`);
    }
    throw destinationError(err);
  } finally {
    await copier.close();
  }
}

/**
 * The database into the set as chunks (database-chunks.ts), read once from
 * the live file while raw-copy.ts holds its bytes still; and, on the reader
 * that holds exactly that state, the audit chain walked to its head, the
 * snapshot's checkpoint matched and the stored files it refers to listed.
 * When another reader blocks the checkpoint, a VACUUM INTO copy (on its own
 * thread) is stored and checked the same way instead.
 */
async function storeDatabase(
  ctx: ServiceContext,
  set: SetLayout,
  checkpointSeq: number | null,
  pool: HashPool,
): Promise<StoredDatabase & { problems: string[]; referencedBlobs: string[] }> {
  const signal = ctx.call?.signal;
  const checkedOn = async (path: string, reader: Db) => {
    let stored: StoredDatabase;
    try {
      stored = await storeDatabaseChunks(path, set, { signal, pool });
    } catch (err) {
      if (isChunkCheckFailure(err)) throw new AppError('BACKUP_SNAPSHOT_DAMAGED', `The backup could not be checked after writing: ${err.message}. Check the backup drive, then try again.`);
      throw err;
    }
    const problems: string[] = [];
    ctx.call?.progress({ done: 0, total: 0, label: 'Checking the audit log in the copy' });
    const chain = await walkChain(reader, { signal });
    if ('cancelled' in chain) signal?.throwIfAborted();
    else if (!chain.ok) problems.push(`the audit log in the copy is broken at entry #${chain.firstBrokenSeq}: ${chain.problem}`);
    if (checkpointSeq !== null) {
      const row = reader.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(checkpointSeq) as { hash: string } | undefined;
      const cp = ctx.audit.anchor?.newestInDatabase() ?? null;
      if (!cp || row?.hash !== cp.hash) problems.push(`the audit log in the copy does not match the snapshot’s checkpoint at entry #${checkpointSeq}`);
    }
    const referencedBlobs = reader.prepare('SELECT blob_name FROM files').pluck().all() as string[];
    return { ...stored, problems, referencedBlobs };
  };
  const still = await withStillDatabase(ctx.db, ctx.paths.database, ctx.keys.database, (reader) => checkedOn(ctx.paths.database, reader), signal);
  if (still) return still.value;
  const temp = join(set.tmp, `${randomBytes(8).toString('hex')}.vacuum.db`);
  try {
    await copyDatabase(ctx.paths.database, ctx.keys.database, temp, signal);
    const reader = openDatabase(temp, ctx.keys.database, { readonly: true });
    try {
      return await checkedOn(temp, reader);
    } finally {
      reader.close();
    }
  } finally {
    await rm(temp, { force: true });
  }
}
