/**
 * The vault folder itself, before anything in it is opened. Its own small file
 * so that the main process (which only routes calls to the core worker, see
 * docs/core-worker.md) can check the folder without loading the core.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../contract/errors';
import { toFsAppError } from '../platform/fs-errors';
import type { VaultPaths } from '../platform/vault-paths';

/**
 * Makes sure the vault folder exists and can be written. The folder itself is
 * created if missing, but not its parent: a parent that is gone usually means
 * an unplugged drive, and a new empty vault there would hide the real one.
 */
export function ensureVaultFolder(paths: VaultPaths): void {
  try {
    if (!existsSync(paths.dir)) {
      if (!existsSync(dirname(paths.dir))) throw new AppError('VAULT_FOLDER_MISSING');
      mkdirSync(paths.dir, { mode: 0o700 });
    }
    const probe = `${paths.dir}/.write-test-${process.pid}`;
    rmSync(probe, { force: true });
    mkdirSync(probe);
    rmSync(probe, { recursive: true, force: true });
  } catch (err) {
    throw toFsAppError(err);
  }
}
