/**
 * `clinic-vault status` without opening the vault: it must answer while the app
 * (or another command) has the vault open and holds its lock (vault.lock), so it
 * reads only what is public before sign-in: vault.json (clinic name, vault id,
 * schema version), keyring.json's outline (is it whole? from a newer app?) and
 * who holds the lock. It takes no lock, writes nothing, creates no folder, and
 * needs no key. The checks are those the core makes before sign-in
 * (src-main/core/clinic-core.ts, problemBeforeSignIn).
 */
import { existsSync } from 'node:fs';
import { LATEST_VERSION } from '../core/db/migrate';
import { keyringExists, readKeyring } from '../core/vault/keyring';
import { lockHolder } from '../core/vault/process-lock';
import { readPublicInfo } from '../core/vault/public-info';
import { vaultPaths } from '../core/platform/vault-paths';
import { AppError } from '../contract/errors';

export interface VaultStatus {
  /** 'no-vault': nothing set up in that folder yet; 'locked': a vault, nobody signed in here. */
  state: 'no-vault' | 'locked';
  clinicName: string | null;
  vaultId: string | null;
  appVersion: string;
  /** The program that has the vault open now, if any (the app, the browser host or a command). */
  openBy: { pid: number; host: string; since: string; thisComputer: boolean } | null;
  /** A lock file left by a program that stopped without closing the vault; the next to open it clears it. */
  staleLock: boolean;
  startupError: { code: string; message: string } | null;
}

export function readVaultStatus(vaultDir: string, appVersion: string): VaultStatus {
  const paths = vaultPaths(vaultDir);
  const set = existsSync(paths.dir) && keyringExists(paths);
  const info = set ? readPublicInfo(paths.publicInfo) : null;
  const holder = existsSync(paths.processLock) ? lockHolder(paths.processLock) : null;
  const held = holder !== null && holder.alive !== false;
  return {
    state: set ? 'locked' : 'no-vault',
    clinicName: info?.clinicName ?? null,
    vaultId: info?.vaultId ?? null,
    appVersion,
    openBy: held ? { pid: holder.pid, host: holder.host, since: holder.since, thisComputer: holder.alive !== null } : null,
    staleLock: holder !== null && holder.alive === false,
    startupError: set ? problemBeforeSignIn(paths, info?.schemaVersion) : null,
  };
}

function problemBeforeSignIn(paths: ReturnType<typeof vaultPaths>, schemaVersion: number | undefined): VaultStatus['startupError'] {
  let problem: AppError | null = null;
  if (schemaVersion !== undefined && schemaVersion > LATEST_VERSION) problem = new AppError('VAULT_FROM_NEWER_VERSION');
  else {
    try {
      readKeyring(paths);
    } catch (err) {
      problem = err instanceof AppError ? err : new AppError('KEYRING_DAMAGED');
    }
  }
  return problem ? { code: problem.code, message: problem.message } : null;
}
