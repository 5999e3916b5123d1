/**
 * Owner-only permissions for everything in the vault folder (docs/text-hygiene.md,
 * "File permissions"): files 0600, folders 0700, whatever the process umask.
 * The database and its -wal and -shm are made by SQLite, which creates them
 * 0644 under the usual umask, so they are tightened right after it makes them;
 * an existing vault (from a build before this) is tightened each time it opens.
 * On Windows there are no POSIX modes: the folder's ACL (the user's profile) applies.
 */
import { type Dirent, chmodSync, readdirSync, statSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export const OWNER_ONLY_FILE = 0o600;
export const OWNER_ONLY_DIR = 0o700;

const POSIX = process.platform !== 'win32';

/**
 * Sets the mode if it differs. Best effort: a file that is gone, or one on a
 * drive without permissions (FAT) or owned by someone else, is left as it is
 * rather than stopping the vault from opening.
 */
export function restrictToOwner(path: string, mode: number): void {
  if (!POSIX) return;
  try {
    if ((statSync(path).mode & 0o777) !== mode) chmodSync(path, mode);
  } catch {
    // see above: tightening never blocks the vault
  }
}

/**
 * The database and the files SQLite keeps beside it. SQLite gives a new -wal
 * and -shm the database file's own mode, so calling this as soon as the
 * database file exists covers them too; it also tightens any left from before.
 */
export function restrictDatabaseFiles(databasePath: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) restrictToOwner(`${databasePath}${suffix}`, OWNER_ONLY_FILE);
}

/**
 * mkdir -p with every folder it makes owner-only. The mode given to mkdir is
 * masked by the umask, so each new folder is chmodded to exactly 0700 as well.
 * Returns true if it made any folder.
 */
export async function mkdirOwnerOnly(dir: string): Promise<boolean> {
  const first = await mkdir(dir, { recursive: true, mode: OWNER_ONLY_DIR });
  if (first === undefined) return false;
  if (POSIX) {
    let at = first;
    await chmod(at, OWNER_ONLY_DIR);
    for (const part of relative(first, dir).split(sep).filter(Boolean)) {
      at = join(at, part);
      await chmod(at, OWNER_ONLY_DIR);
    }
  }
  return true;
}

/** Each entry of a folder owner-only: files 0600, folders 0700. Returns the folders. */
function tightenEntries(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return []; // not made yet
  }
  const folders: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      restrictToOwner(path, OWNER_ONLY_DIR);
      folders.push(path);
    } else if (e.isFile()) restrictToOwner(path, OWNER_ONLY_FILE);
  }
  return folders;
}

/**
 * Tightens an existing vault when it opens: the folder, every file in it (the
 * database and its -wal and -shm, the keyring, vault.json), and the blob folders
 * (blobs/, its shard folders and tmp/). Blob files were always written 0600, and
 * there can be many, so they are not walked. A few hundred stats at most.
 */
export function tightenVaultFolder(paths: { dir: string; blobs: string }): void {
  if (!POSIX) return;
  restrictToOwner(paths.dir, OWNER_ONLY_DIR);
  tightenEntries(paths.dir);
  for (const folder of tightenEntries(paths.blobs)) restrictToOwner(folder, OWNER_ONLY_DIR);
}
