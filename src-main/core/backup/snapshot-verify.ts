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
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { SnapshotCheck } from '../../contract/backup-types';
import { walkChain } from '../audit/chain-walk';
import { checkpointSignedBy } from '../audit/checkpoint';
import { openDatabase } from '../db/open-database';
import { scanDatabasePages } from '../db/page-check';
import { wipePageKeys } from '../db/sqlcipher-pages';
import { assembleDatabase, chunkSize, pageKeysForChunks } from './database-chunks';
import { checkStructure } from '../db/structure-check';
import type { Db } from '../db/types';
import { sha256OfFile } from './durable-files';
import { checkSetLedger } from './destruction-ledger';
import { HashPool } from './hash-pool';
import { type FileEntry, type Manifest, manifestAuthentic, manifestKeyOf, readManifest } from './manifest';
import { type StructureChecked, recordCovers } from './verification-record';
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
  /**
   * Chunks and blobs hashed in full during this run, by SHA-256 and size, with what each read found: a set's
   * snapshots share most of them, and the same bytes in the same file need hashing once per run.
   */
  hashed?: Map<string, Promise<FileOutcome>>;
  /** The threads that hash them (one is started and stopped for this call when not given). */
  hashPool?: HashPool;
  /** The set's verification record (verification-record.ts): snapshots whose database passed the whole check before. */
  structureChecked?: ReadonlyMap<string, StructureChecked>;
  /** Only the file checks (a drill checks the database on its restored copy). */
  filesOnly?: boolean;
  /** The blobs the snapshot just wrote (each read back and its SHA-256 checked as it was written, snapshot.ts). */
  writtenBlobs?: ReadonlySet<string>;
  /** Database chunks (sha@index) whose pages were checked earlier in this run (snapshots share most of them). */
  pagesSeen?: Set<string>;
  /** Every page's HMAC was checked already (while the database was rebuilt from its chunks). */
  pagesChecked?: boolean;
  /**
   * Right after a snapshot is written: its database was checked while it was stored (new chunks read back
   * from the drive, the audit chain walked on the state copied); what that found. Its pages and structure are
   * checked after the call (structure-check-after.ts).
   */
  afterWriting?: { writtenChunks: ReadonlySet<string>; databaseProblems: readonly string[] };
  /** The set whose destruction ledger to check with the copy's backup key (a restore checks it itself, with its own error). */
  ledgerSet?: SetLayout;
}

export interface VerifiedSnapshot {
  check: SnapshotCheck;
  manifest: Manifest | null;
  /**
   * 'full': rebuilt, opened with the key and checked whole in this call; 'recorded': its chunks re-hashed and
   * the whole check taken from the verification record; 'none': only its files' SHA-256s (no key, or not asked).
   */
  databaseCheck: 'full' | 'recorded' | 'none';
}

/** What reading one stored file found. */
export type FileOutcome = { ok: true } | { ok: false; kind: 'missing' } | { ok: false; kind: 'size'; size: number } | { ok: false; kind: 'sha' };

interface Item {
  /** How a problem names it. */
  where: string;
  sha256: string;
  size: number;
}

/** Files in flight at once: enough to keep every hashing thread busy while the next file is asked for. */
const HASH_WINDOW = 16;

async function outcomeOf(pool: HashPool, path: string, expected: FileEntry): Promise<FileOutcome> {
  const got = await pool.hash(path);
  if ('missing' in got) return { ok: false, kind: 'missing' };
  if (got.size !== expected.size) return { ok: false, kind: 'size', size: got.size };
  return got.sha256 === expected.sha256 ? { ok: true } : { ok: false, kind: 'sha' };
}

function problemOf(where: string, expected: FileEntry, o: FileOutcome): string | null {
  if (o.ok) return null;
  if (o.kind === 'missing') return `${where} is missing`;
  if (o.kind === 'size') return `${where} has the wrong size (${o.size} bytes, not ${expected.size}): it is damaged`;
  return `${where} is damaged (its SHA-256 does not match the manifest)`;
}

/**
 * Every item's SHA-256, each distinct file once per run (opts.hashed), on the hashing threads with a
 * window of files in flight; the problems in the manifest's order.
 */
async function hashItems(set: SetLayout, items: readonly Item[], opts: VerifyOptions): Promise<string[]> {
  const pool = opts.hashPool ?? new HashPool();
  const hashed = opts.hashed ?? new Map<string, Promise<FileOutcome>>();
  try {
    const outcomes: Promise<FileOutcome>[] = [];
    for (const [i, item] of items.entries()) {
      opts.signal?.throwIfAborted();
      if (i % 50 === 0) opts.onProgress?.(i, items.length, 'Checking photos and files');
      const key = `${item.sha256}:${item.size}`;
      let o = hashed.get(key);
      if (!o) {
        o = outcomeOf(pool, blobInSet(set, item.sha256), item);
        // Awaited below, in order; until then a failure must not count as unhandled.
        o.catch(() => undefined);
        hashed.set(key, o);
      }
      outcomes.push(o);
      if (i >= HASH_WINDOW) await outcomes[i - HASH_WINDOW];
    }
    const problems: string[] = [];
    for (const [i, o] of outcomes.entries()) {
      const p = problemOf(items[i]!.where, items[i]!, await o);
      if (p) problems.push(p);
    }
    opts.onProgress?.(items.length, items.length, 'Checking photos and files');
    return problems;
  } finally {
    if (!opts.hashPool) await pool.close();
  }
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
  const done = (manifest: Manifest | null, databaseCheck: VerifiedSnapshot['databaseCheck']): VerifiedSnapshot => ({
    check: { at: at.toISOString(), ok: problems.length === 0, problems },
    manifest,
    databaseCheck,
  });
  let manifest: Manifest;
  try {
    manifest = await readManifest(files.manifest);
  } catch (err) {
    problems.push(`${id}/manifest.json: ${(err as Error).message}`);
    return done(null, 'none');
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
  // The manifest's HMAC under the live vault's backup key (the same key as inside every copy: it never changes).
  const authentic = keys.manifestKey ? manifestAuthentic(manifest, keys.manifestKey) : null;
  // A database the set's verification record says passed the whole check, with this very manifest: its chunks
  // are re-hashed (below), which proves the bytes are the ones that passed; it is not rebuilt and checked again.
  const vouched = chunks !== undefined && authentic === true && recordCovers(opts.structureChecked?.get(id), manifest);
  // The database's chunks are read in full when it is rebuilt below (with every page checked); they are
  // hashed here as stored files when it will not be (vouched for, no key, a restore's first pass, right after writing).
  const rebuild = chunks !== undefined && keys.database !== null && !opts.filesOnly && !opts.afterWriting && !vouched;
  const chunkEntries: Item[] = (rebuild ? [] : (chunks ?? [])).map((sha, i) => ({
    where: `blobs/${sha.slice(0, 2)}/${sha}.blob (piece ${i + 1} of the database)`,
    sha256: sha,
    size: chunkSize(manifest, i),
  }));
  const checked = opts.afterWriting?.writtenChunks;
  const items: Item[] = [
    ...chunkEntries.filter((c) => !checked?.has(c.sha256)),
    ...manifest.blobs.map((b) => ({ where: `${b.path} (blobs/${b.sha256.slice(0, 2)}/${b.sha256}.blob)`, sha256: b.sha256, size: b.size })),
  ];
  if (opts.afterWriting) {
    // Right after writing: what this run wrote was read back and checked as it was written (snapshot.ts), the rest when
    // it was written and by every full verify and drill: here each is checked for presence and size.
    for (const item of items) {
      opts.signal?.throwIfAborted();
      const present = await stat(blobInSet(set, item.sha256)).then((st) => st.size === item.size, () => false);
      if (!present) problems.push(`${item.where} is damaged or missing`);
    }
  } else {
    problems.push(...(await hashItems(set, items, opts)));
  }
  if (opts.filesOnly) return done(manifest, 'none');
  if (opts.afterWriting) {
    // The database was checked while it was written (database-chunks.ts, snapshot.ts): what that found, and the manifest's HMAC.
    // Its pages and structure follow the call (structure-check-after.ts).
    problems.push(...opts.afterWriting.databaseProblems);
    if (authentic === false) problems.push(`${id}/manifest.json has been changed since the backup was made`);
    return done(manifest, 'none');
  }
  if (vouched) {
    // What does not depend on the database's bytes is checked again: the checkpoint's signature and the set's ledger.
    const cp = manifest.checkpoint;
    if (cp && (!keys.auditPublic || !checkpointSignedBy(cp, manifest.vaultId, keys.auditPublic))) problems.push('the snapshot’s audit checkpoint is not validly signed');
    await checkSetLedger(set, keys.manifestKey!, manifest.vaultId, manifest.ledger?.entries ?? 0).catch((err: unknown) => problems.push((err as Error).message));
    return done(manifest, 'recorded');
  }

  const databaseIntact = !problems.some((p) => p.startsWith(`${id}/vault.db`) || p.includes('of the database)'));
  if (!keys.database || !databaseIntact) {
    if (authentic === false) problems.push(`${id}/manifest.json has been changed since the backup was made`);
    return done(manifest, 'none');
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
      const pageKeysOf = await pageKeysForChunks(set, chunks, keys.database);
      opts.onProgress?.(0, 0, 'Checking the database copy');
      const ok = await assembleDatabase(set, chunks, manifest.files.database, path, { signal: opts.signal, keys: pageKeysOf, problems, pagesSeen: opts.pagesSeen, durable: false }).finally(() => pageKeysOf && wipePageKeys(pageKeysOf));
      if (!ok) return done(manifest, 'none');
      pagesChecked = true;
      // Every chunk was read in full and matched its SHA-256 on the way: later snapshots of this run that share one need not read it again.
      for (const [i, sha] of chunks.entries()) {
        const size = chunkSize(manifest, i);
        if (!opts.hashed?.has(`${sha}:${size}`)) opts.hashed?.set(`${sha}:${size}`, Promise.resolve({ ok: true }));
      }
    }
    try {
      db = openDatabase(path, keys.database, { readonly: true });
    } catch {
      // Made under an earlier database key (before a rotation): the SHA-256 above is what can be checked today.
      if (keys.manifestKey && !manifestAuthentic(manifest, keys.manifestKey)) problems.push(`${id}/manifest.json has been changed since the backup was made`);
      return done(manifest, 'none');
    }
    const macKey = manifestKeyOf(db, false);
    if (!macKey || !manifestAuthentic(manifest, macKey)) problems.push(`${id}/manifest.json has been changed since the backup was made`);
    macKey?.fill(0);
    await checkDatabaseCopy(db, path, keys, manifest, problems, { ...opts, ledgerSet: set, pagesChecked });
    return done(manifest, 'full');
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
