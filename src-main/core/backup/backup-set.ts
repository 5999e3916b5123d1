/**
 * Opening a backup set: the destination must be there and writable, must
 * belong to this vault (or be new), and any snapshot a killed run left half
 * written is cleared away before anything else happens.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../contract/errors';
import { destinationError, writeSmallFileDurably } from './durable-files';
import { PARTIAL_SUFFIX, PRUNING_SUFFIX, SET_HEADER_FORMAT, SET_HEADER_VERSION, SNAPSHOT_ID, type SetLayout, setLayout } from './set-layout';

interface SetHeader {
  format: string;
  version: number;
  vaultId: string;
  createdAt: string;
}

/** The destination must exist (a drive that is not plugged in must not be silently re-created on the system disk). */
export async function requireDestination(dir: string, opts: { writable: boolean }): Promise<void> {
  try {
    const s = await stat(dir);
    if (!s.isDirectory()) throw new AppError('BACKUP_DESTINATION_MISSING', 'The backup folder is a file, not a folder. Choose a folder.');
    if (opts.writable) await probeWrite(dir);
  } catch (err) {
    throw destinationError(err);
  }
}

/**
 * Writes and removes a small file: the only reliable test (permissions,
 * read-only mounts, a share that refuses writes, and an administrator account,
 * for whom access() says yes to everything).
 */
async function probeWrite(dir: string): Promise<void> {
  const probe = join(dir, `.write-test-${randomBytes(4).toString('hex')}`);
  const fh = await open(probe, 'wx', 0o600);
  await fh.close();
  await rm(probe, { force: true });
}

export async function readSetHeader(set: SetLayout): Promise<SetHeader | null> {
  try {
    const h = JSON.parse(await readFile(set.header, 'utf8')) as SetHeader;
    if (h.format !== SET_HEADER_FORMAT || typeof h.vaultId !== 'string') throw new AppError('BACKUP_SNAPSHOT_DAMAGED', 'The backup folder’s description (backup-set.json) is damaged.');
    if (h.version > SET_HEADER_VERSION) throw new AppError('BACKUP_FROM_NEWER_VERSION');
    return h;
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return null;
    if (err instanceof SyntaxError) throw new AppError('BACKUP_SNAPSHOT_DAMAGED', 'The backup folder’s description (backup-set.json) is damaged.');
    throw destinationError(err);
  }
}

/** Opens (or starts) this vault's set in `dir`, refusing another vault's. Removes leftovers and names them. */
export async function openSetForWriting(dir: string, vaultId: string, now: Date): Promise<{ set: SetLayout; cleanedUp: string[] }> {
  await requireDestination(dir, { writable: true });
  const set = setLayout(dir);
  try {
    const header = await readSetHeader(set);
    if (header && header.vaultId !== vaultId) throw new AppError('BACKUP_SET_OTHER_VAULT');
    for (const d of [set.snapshots, set.blobs, set.tmp]) await mkdir(d, { recursive: true, mode: 0o700 });
    if (!header) {
      await writeSmallFileDurably(set.header, JSON.stringify({ format: SET_HEADER_FORMAT, version: SET_HEADER_VERSION, vaultId, createdAt: now.toISOString() }, null, 2));
    }
    return { set, cleanedUp: await cleanLeftovers(set) };
  } catch (err) {
    throw destinationError(err);
  }
}

/** Snapshot folders a killed run left (half written, or half removed), and blob temp files. */
export async function cleanLeftovers(set: SetLayout): Promise<string[]> {
  const cleaned: string[] = [];
  for (const name of await readdir(set.snapshots).catch(() => [] as string[])) {
    if (name.endsWith(PARTIAL_SUFFIX) || name.endsWith(PRUNING_SUFFIX)) {
      await rm(join(set.snapshots, name), { recursive: true, force: true });
      cleaned.push(name);
    }
  }
  await rm(set.tmp, { recursive: true, force: true });
  await mkdir(set.tmp, { recursive: true, mode: 0o700 });
  return cleaned;
}

/**
 * The snapshots, oldest first: folders under a final snapshot name. A run
 * renames its folder to that name only after the manifest is written, so a
 * folder here without a manifest has lost it since (verify names it).
 */
export async function snapshotIds(set: SetLayout): Promise<string[]> {
  try {
    return (await readdir(set.snapshots)).filter((n) => SNAPSHOT_ID.test(n)).sort();
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return [];
    throw destinationError(err);
  }
}
