/**
 * Checking a snapshot as it now lies in the set (docs/backups.md):
 *
 *  - the manifest is there and well formed;
 *  - every file it lists (the database, the keyring, vault.json and each blob)
 *    is there with its size and SHA-256, read back in full;
 *  - when the database key of the snapshot is at hand: the copy opens with it,
 *    the manifest's HMAC checks against the backup key inside it, every page's
 *    SQLCipher HMAC checks (the vault check's page check), SQLite's structural
 *    check passes, the audit chain walks clean to its head and holds the
 *    snapshot's signed checkpoint, and every file the database refers to is listed.
 *
 * A snapshot taken before a database-key rotation does not open with today's
 * key; its SHA-256s still prove it is byte for byte what was checked when it
 * was written, and that is said. Each problem names the file or check.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { SnapshotCheck } from '../../contract/backup-types';
import { walkChain } from '../audit/chain-walk';
import { checkpointSignedBy } from '../audit/checkpoint';
import { openDatabase } from '../db/open-database';
import { scanDatabasePages } from '../db/page-check';
import { SALT_SIZE, pageKeys, wipePageKeys } from '../db/sqlcipher-pages';
import { CHUNK_BYTES, assembleDatabase } from './database-chunks';
import { checkStructure } from '../db/structure-check';
import type { Db } from '../db/types';
import { sha256OfFile } from './durable-files';
import { checkSetLedger } from './destruction-ledger';
import { type BlobEntry, type FileEntry, type Manifest, manifestAuthentic, manifestKeyOf, readManifest } from './manifest';
import { type SetLayout, blobInSet, snapshotFiles } from './set-layout';

export interface VerifyKeys {
  /** The snapshot's database key, when this session holds it (null after a rotation). */
  database: Buffer | null;
  /** The backup key to check the manifest with when the database cannot be opened. */
  manifestKey: Buffer | null;
  /** The vault's audit public key, for the checkpoint's signature. */
  auditPublic: KeyObject | null;
}

export interface VerifyOptions {
  signal?: AbortSignal;
  onProgress?(done: number, total: number, label: string): void;
  /** Blobs already read in full during this run (a set's snapshots share most of them). */
  blobsSeen?: Map<string, boolean>;
  /** Only the file checks (a drill checks the database on its restored copy). */
  filesOnly?: boolean;
  /** The blobs the snapshot just wrote (each read back and its SHA-256 checked as it was written, snapshot.ts). */
  writtenBlobs?: ReadonlySet<string>;
  /** Database chunks (sha@index) whose pages were checked earlier in this run (snapshots share most of them). */
  pagesSeen?: Set<string>;
  /** Every page's HMAC was checked already (while the database was rebuilt from its chunks). */
  pagesChecked?: boolean;
  /**
   * Right after a snapshot is written: its database was checked while it was stored (new chunks read
   * back with every page checked, the audit chain walked on the state copied); what that found.
   */
  afterWriting?: { writtenChunks: ReadonlySet<string>; databaseProblems: readonly string[] };
  /** The set whose destruction ledger to check with the copy's backup key (a restore checks it itself, with its own error). */
  ledgerSet?: SetLayout;
}

export interface VerifiedSnapshot {
  check: SnapshotCheck;
  manifest: Manifest | null;
  /** The database could be opened and checked with the key given. */
  databaseChecked: boolean;
}

async function fileProblem(path: string, name: string, expected: FileEntry, signal?: AbortSignal): Promise<string | null> {
  try {
    const s = await stat(path);
    if (s.size !== expected.size) return `${name} has the wrong size (${s.size} bytes, not ${expected.size}): it is damaged`;
    const { sha256 } = await sha256OfFile(path, signal);
    return sha256 === expected.sha256 ? null : `${name} is damaged (its SHA-256 does not match the manifest)`;
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return `${name} is missing`;
    throw err;
  }
}

export async function verifySnapshot(set: SetLayout, id: string, keys: VerifyKeys, at: Date, opts: VerifyOptions = {}): Promise<VerifiedSnapshot> {
  const files = snapshotFiles(set, id);
  const problems: string[] = [];
  const done = (manifest: Manifest | null, databaseChecked: boolean): VerifiedSnapshot => ({
    check: { at: at.toISOString(), ok: problems.length === 0, problems },
    manifest,
    databaseChecked,
  });
  let manifest: Manifest;
  try {
    manifest = await readManifest(files.manifest);
  } catch (err) {
    problems.push(`${id}/manifest.json: ${(err as Error).message}`);
    return done(null, false);
  }
  if (manifest.snapshotId !== id) problems.push(`${id}/manifest.json names a different snapshot (${manifest.snapshotId}): it has been moved or edited`);
  const chunks = manifest.databaseChunks;

  for (const [name, path, entry] of [
    ...(chunks ? [] : ([['vault.db', files.database, manifest.files.database]] as const)),
    ['keyring.json', files.keyring, manifest.files.keyring],
    ['vault.json', files.publicInfo, manifest.files.publicInfo],
  ] as const) {
    const p = await fileProblem(path, `${id}/${name}`, entry, opts.signal);
    if (p) problems.push(p);
  }
  // The database's chunks are read in full when it is rebuilt below (with every page checked); they
  // are checked here as stored files only when it will not be (no key, a restore's first pass, or right after writing).
  const rebuild = chunks !== undefined && keys.database !== null && !opts.filesOnly && !opts.afterWriting;
  const chunkEntries: BlobEntry[] = (rebuild ? [] : (chunks ?? [])).map((sha, i) => ({
    path: `vault.db piece ${i + 1}`,
    sha256: sha,
    size: i < chunks!.length - 1 ? CHUNK_BYTES : manifest.files.database.size - CHUNK_BYTES * (chunks!.length - 1),
  }));
  const checked = opts.afterWriting?.writtenChunks;
  const items = [...chunkEntries.filter((c) => !checked?.has(c.sha256)), ...manifest.blobs];
  const total = items.length;
  for (const [i, blob] of items.entries()) {
    opts.signal?.throwIfAborted();
    if (i % 50 === 0) opts.onProgress?.(i, total, 'Checking photos and files');
    const seen = opts.blobsSeen?.get(blob.sha256);
    if (seen === true) continue;
    const where = `${blob.path} (blobs/${blob.sha256.slice(0, 2)}/${blob.sha256}.blob)`;
    if (opts.afterWriting) {
      // Right after writing: what this run wrote was read back and checked as it was written (snapshot.ts), the rest when
      // it was written and by every full verify and drill: here each is checked for presence and size.
      const present = await stat(blobInSet(set, blob.sha256)).then((s) => s.size === blob.size, () => false);
      if (!present) problems.push(`${where} is damaged or missing`);
      continue;
    }
    const p = seen === false ? `${where} is damaged or missing` : await fileProblem(blobInSet(set, blob.sha256), where, blob, opts.signal);
    opts.blobsSeen?.set(blob.sha256, p === null);
    if (p) problems.push(p);
  }
  opts.onProgress?.(total, total, 'Checking photos and files');
  if (opts.filesOnly) return done(manifest, false);
  if (opts.afterWriting) {
    // The database was checked while it was written (database-chunks.ts, snapshot.ts): what that found, and the manifest's HMAC.
    problems.push(...opts.afterWriting.databaseProblems);
    if (keys.manifestKey && !manifestAuthentic(manifest, keys.manifestKey)) problems.push(`${id}/manifest.json has been changed since the backup was made`);
    return done(manifest, false);
  }

  const databaseIntact = !problems.some((p) => p.startsWith(`${id}/vault.db`) || p.startsWith('vault.db piece'));
  if (!keys.database || !databaseIntact) {
    if (keys.manifestKey && !manifestAuthentic(manifest, keys.manifestKey)) problems.push(`${id}/manifest.json has been changed since the backup was made`);
    return done(manifest, false);
  }
  let db: Db | null = null;
  let scratch: string | null = null;
  try {
    let path = files.database;
    let pagesChecked = false;
    if (chunks) {
      // Rebuilt byte for byte in a private temporary folder (still encrypted), every chunk's SHA-256 and every page's HMAC checked on the way.
      scratch = await mkdtemp(join(tmpdir(), 'clinic-vault-verify-'));
      path = join(scratch, 'vault.db');
      const first = chunks.length > 0 ? await readFile(blobInSet(set, chunks[0]!)).catch(() => null) : null;
      const pageKeysOf = first && first.length >= SALT_SIZE ? pageKeys(keys.database, first.subarray(0, SALT_SIZE)) : undefined;
      opts.onProgress?.(0, 0, 'Checking the database copy');
      const ok = await assembleDatabase(set, chunks, manifest.files.database, path, { signal: opts.signal, keys: pageKeysOf, problems, pagesSeen: opts.pagesSeen, durable: false }).finally(() => pageKeysOf && wipePageKeys(pageKeysOf));
      if (!ok) return done(manifest, false);
      pagesChecked = true;
    }
    try {
      db = openDatabase(path, keys.database, { readonly: true });
    } catch {
      // Made under an earlier database key (before a rotation): the SHA-256 above is what can be checked today.
      if (keys.manifestKey && !manifestAuthentic(manifest, keys.manifestKey)) problems.push(`${id}/manifest.json has been changed since the backup was made`);
      return done(manifest, false);
    }
    const macKey = manifestKeyOf(db, false);
    if (!macKey || !manifestAuthentic(manifest, macKey)) problems.push(`${id}/manifest.json has been changed since the backup was made`);
    macKey?.fill(0);
    await checkDatabaseCopy(db, path, keys, manifest, problems, { ...opts, ledgerSet: set, pagesChecked });
    return done(manifest, true);
  } finally {
    db?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

/** The page check, SQLite's structure check, the audit chain and checkpoint, and the files the database refers to. */
export async function checkDatabaseCopy(db: Db, path: string, keys: VerifyKeys, manifest: Manifest, problems: string[], opts: VerifyOptions): Promise<void> {
  opts.onProgress?.(0, 0, 'Checking the database copy');
  if (!opts.pagesChecked) {
    const scan = await scanDatabasePages(path, keys.database!, { signal: opts.signal });
    if (scan.damaged.length > 0) problems.push(`vault.db: ${scan.damaged.length} damaged page(s), first page ${scan.damaged[0]}`);
  }
  const structure = await checkStructure(path, keys.database!, { maxProblems: 5, signal: opts.signal });
  for (const p of structure.problems) problems.push(`vault.db: ${p}`);
  opts.onProgress?.(0, 0, 'Checking the audit log in the copy');
  const chain = await walkChain(db, { signal: opts.signal });
  if ('cancelled' in chain) opts.signal?.throwIfAborted();
  else if (!chain.ok) problems.push(`the audit log in the copy is broken at entry #${chain.firstBrokenSeq}: ${chain.problem}`);
  const cp = manifest.checkpoint;
  if (cp) {
    if (!keys.auditPublic || !checkpointSignedBy(cp, manifest.vaultId, keys.auditPublic)) problems.push('the snapshot’s audit checkpoint is not validly signed');
    const row = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(cp.seq) as { hash: string } | undefined;
    if (row?.hash !== cp.hash) problems.push(`the audit log in the copy does not match the snapshot’s checkpoint at entry #${cp.seq}`);
  }
  if (opts.ledgerSet) {
    // The set's destruction ledger, checked with the backup key inside this copy: what a restore of it would re-apply.
    const macKey = manifestKeyOf(db, false);
    if (macKey) {
      await checkSetLedger(opts.ledgerSet, macKey, manifest.vaultId, manifest.ledger?.entries ?? 0).catch((err: unknown) => problems.push((err as Error).message));
      macKey.fill(0);
    }
  }
  const listed = new Set(manifest.blobs.map((b) => b.path));
  const unlisted = (db.prepare('SELECT blob_name FROM files').pluck().all() as string[]).filter((n) => !listed.has(`blobs/${n.slice(0, 2)}/${n}.blob`));
  if (unlisted.length > 0) problems.push(`${unlisted.length} stored file(s) the database refers to are not in the snapshot`);
}
