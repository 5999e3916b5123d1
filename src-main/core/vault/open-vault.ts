/**
 * An unlocked vault: the open database and the services built on it. It exists
 * only while someone is signed in; locking closes it and wipes the key.
 */
import { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/types';
import { FileStore } from '../files/file-store';
import { tightenVaultFolder } from '../platform/fs-permissions';
import { StagedPhotoPreviews } from '../photos/staged-photo-previews';
import { sealLegacyClinicalData } from '../sealing/legacy-sealing';
import type { Clock } from '../platform/ports';
import { SettingsRepo } from '../settings/settings-repo';
import { StaffRepo } from '../session/staff-repo';
import type { VaultPaths } from '../platform/vault-paths';
import { type VaultKeys, wipeKeys } from '../crypto/vault-keys';

export class OpenVault {
  readonly audit: AuditLog;
  readonly staff: StaffRepo;
  readonly settings: SettingsRepo;
  readonly files: FileStore;
  /** Photos decoded while staged, for photos.import to claim (gone with the vault when it locks). */
  readonly stagedPreviews = new StagedPhotoPreviews();
  /** The keys this session holds (vault-keys.ts): what it may decrypt is decided by its slot. */
  readonly keys: VaultKeys;

  constructor(
    readonly db: Db,
    /** The same Buffer as keys.database (kept for callers written before vault-keys.ts). */
    readonly databaseKey: Buffer,
    readonly vaultId: string,
    readonly paths: VaultPaths,
    clock: Clock,
    keys: VaultKeys,
  ) {
    this.keys = keys;
    // Clinical values left in the clear by earlier builds are sealed by the first session that can (docs/clinical-sealing.md).
    if (this.keys.clinical) sealLegacyClinicalData(db, this.keys.clinical);
    this.audit = new AuditLog(db, clock, {
      vaultId,
      publicKey: this.keys.auditPublic,
      signingKey: this.keys.auditSigning,
      anchorFile: paths.auditAnchor,
    });
    this.staff = new StaffRepo(db);
    this.settings = new SettingsRepo(db);
    this.files = new FileStore({ db, vaultDir: paths.dir, clock, keys: this.keys });
    // A vault made by an older build may have 0755 folders: owner-only from now on.
    tightenVaultFolder(paths);
    // Temp files from a write cut short by a crash hold nothing readable (their keys were never stored).
    void this.files.cleanTemp().catch(() => undefined);
  }

  close(): void {
    try {
      // Fold the write-ahead log back in so the vault is one tidy file at rest.
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // a failed checkpoint loses nothing: the WAL is replayed on next open
    }
    this.db.close();
    wipeKeys(this.keys);
    this.databaseKey.fill(0);
  }
}
