/**
 * What a domain service needs of a signed-in call, and nothing more
 * (docs/architecture.md, "Service context"): the database, the audit log, the
 * file store, the settings, the keys this session holds, the vault's paths,
 * the clock, the logger, who is acting, and the call's progress and stop.
 *
 * Services take this instead of the whole ClinicCore, so a service cannot
 * lock the app, sign someone in or rotate a key, and a test can build one
 * from an open vault without a core.
 */
import type { StaffMember } from '../../contract/types';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/types';
import type { FileStore } from '../files/file-store';
import type { CallContext, Clock, Logger } from '../platform/ports';
import type { SettingsRepo } from '../settings/settings-repo';
import type { VaultKeys } from '../crypto/vault-keys';
import type { VaultPaths } from '../platform/vault-paths';

export interface ServiceContext {
  readonly db: Db;
  readonly audit: AuditLog;
  readonly files: FileStore;
  readonly settings: SettingsRepo;
  readonly keys: VaultKeys;
  readonly paths: VaultPaths;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The member of staff signed in: every audit entry a service writes names them. */
  readonly actor: StaffMember;
  /** The call's progress and stop signal, when the dispatcher made the call. */
  readonly call?: CallContext;
}

/** The parts of a signed-in call a service context is made from (handler-types.ts's SignedInContext fits). */
export interface ServiceContextSource {
  core: { clock: Clock; logger: Logger };
  vault: { db: Db; audit: AuditLog; files: FileStore; settings: SettingsRepo; keys: VaultKeys; paths: VaultPaths };
  session: { staff: StaffMember };
  call?: CallContext;
}

export function serviceContext(source: ServiceContextSource): ServiceContext {
  const { core, vault, session, call } = source;
  return {
    db: vault.db,
    audit: vault.audit,
    files: vault.files,
    settings: vault.settings,
    keys: vault.keys,
    paths: vault.paths,
    clock: core.clock,
    logger: core.logger,
    actor: session.staff,
    call,
  };
}
