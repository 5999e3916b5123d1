import { join } from 'node:path';

/** Where each part of a vault lives inside its folder. */
export interface VaultPaths {
  dir: string;
  database: string;
  keyring: string;
  /** Public, non-personal facts shown before sign-in (clinic name, vault id). */
  publicInfo: string;
  blobs: string;
  processLock: string;
  /** Failed sign-ins seen while locked, appended to the audit log at the next unlock. */
  pendingAudit: string;
  signInThrottle: string;
  /** The newest signed audit checkpoints, outside the database (docs/audit-anchoring.md). */
  auditAnchor: string;
  /** The database's rollback generation as last written, outside the database (docs/audit-anchoring.md). */
  generationRecord: string;
}

export function vaultPaths(dir: string): VaultPaths {
  return {
    dir,
    database: join(dir, 'vault.db'),
    keyring: join(dir, 'keyring.json'),
    publicInfo: join(dir, 'vault.json'),
    blobs: join(dir, 'blobs'),
    processLock: join(dir, 'vault.lock'),
    pendingAudit: join(dir, 'pending-audit.json'),
    signInThrottle: join(dir, 'signin-throttle.json'),
    auditAnchor: join(dir, 'audit-anchor.json'),
    generationRecord: join(dir, 'vault-generation.json'),
  };
}
