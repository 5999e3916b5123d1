/**
 * What happens at every unlock, lock and backup to make tampering and
 * rollback visible (docs/audit-anchoring.md):
 *
 * - sign-in: is the database older than a record outside it (generation.ts)?
 *   If so only the owner gets in, into a session where everything but status,
 *   lock/sign-out and vault.acceptRollback is refused. Then the audit log is
 *   checked against its signed checkpoints (audit/audit-anchor.ts); tampering
 *   is logged and shown to the owner but does not block sign-in. Then the
 *   generation moves on and, for the owner, the head is checkpointed.
 * - lock and backup: the generation moves on (and the owner's head is
 *   checkpointed), unless an older database is still waiting to be accepted.
 *
 * Nothing here stops a lock or sign-in for a write that fails outside the
 * database: it is logged, and the next bump writes the records again.
 */
import { AppError } from '../../contract/errors';
import type { SessionWarning, StaffMember } from '../../contract/types';
import { formatUkInstantDate } from '../../contract/uk-formats';
import { type AnchorReport, summariseFindings } from '../audit/audit-anchor';
import type { AuditCheckpoint } from '../audit/checkpoint';
import { durableTransaction } from '../db/durable-transaction';
import type { Clock, Logger } from '../platform/ports';
import { type RollbackFinding, bumpGenerationInTransaction, detectRollback, generationPlaces, recordedCheckpoints, writeGenerationRecords } from '../audit/generation';
import type { OpenVault } from './open-vault';
import type { VaultPaths } from '../platform/vault-paths';

/** What the unlock found, held for the session's lifetime. */
export interface TrustState {
  /** Set until the owner accepts the older database. */
  rollback: RollbackFinding | null;
  /** The audit log did not match its checkpoints at unlock (so no new checkpoint is signed over it). */
  tampered: boolean;
  /** Shown to the owner; empty for everyone else. */
  warnings: SessionWarning[];
}

/** What is checked before the session's first audit entry, so that entry cannot refill a removed seq. */
export interface UnlockFindings {
  rollback: RollbackFinding | null;
  audit: AnchorReport | null;
}

/** The calls an owner may make while an older database waits to be accepted. */
export const ALLOWED_WHILE_ROLLBACK_UNCONFIRMED: ReadonlySet<string> = new Set([
  'app.status',
  'session.signOut',
  'session.lock',
  'vault.acceptRollback',
]);

export function rollbackMessage(finding: RollbackFinding, audience: 'owner' | 'staff'): string {
  const older = `This database is older than the last one used on ${formatUkInstantDate(finding.recordAt)}: it may have been restored or replaced.`;
  return audience === 'owner'
    ? `${older} The owner must confirm it before anyone can use it.`
    : `${older} Ask the clinic owner to sign in and confirm it before anyone can use it.`;
}

export function rollbackError(finding: RollbackFinding, audience: 'owner' | 'staff'): AppError {
  return new AppError('ROLLBACK_UNCONFIRMED', rollbackMessage(finding, audience));
}

const rollbackDetail = (f: RollbackFinding) => ({
  databaseGeneration: f.databaseGeneration,
  recordGeneration: f.recordGeneration,
  source: f.source,
});

export class VaultTrust {
  constructor(
    private readonly opts: { paths: VaultPaths; stateDir: string; clock: Clock; logger: Logger },
  ) {}

  private places(vault: OpenVault) {
    return generationPlaces(this.opts.paths, this.opts.stateDir, vault.vaultId);
  }

  /**
   * Before the session writes anything. An older database lets only the owner
   * in: anyone else is refused (and that is logged), since only the owner can
   * judge whether a restore was meant. The audit log is checked here too,
   * before the sign-in's own entry could take the place of a removed one.
   */
  beforeSession(vault: OpenVault, staff: StaffMember): UnlockFindings {
    const rollback = detectRollback(vault.db, vault.vaultId, this.places(vault), this.opts.logger);
    if (rollback && staff.role !== 'owner') {
      vault.audit.append({ staffId: staff.id, action: 'vault.rollback_detected', detail: { ...rollbackDetail(rollback), signInRefused: true } });
      throw rollbackError(rollback, 'staff');
    }
    // With an older database found, the newer checkpoints outside it are expected not to match: the rollback warning covers them.
    const alsoOutside = recordedCheckpoints(vault.vaultId, this.places(vault));
    return { rollback, audit: vault.audit.anchor?.check('quick', { withOutside: !rollback, alsoOutside }) ?? null };
  }

  /** After session.signed_in is in the log: records what was found, then moves the generation on. */
  afterSignIn(vault: OpenVault, staff: StaffMember, found: UnlockFindings): TrustState {
    const { rollback } = found;
    const isOwner = staff.role === 'owner';
    const warnings: SessionWarning[] = [];
    if (rollback) {
      vault.audit.append({ staffId: staff.id, action: 'vault.rollback_detected', detail: rollbackDetail(rollback) });
      warnings.push({ kind: 'rollback_unconfirmed', message: rollbackMessage(rollback, 'owner'), lastUsedAt: rollback.recordAt });
    }
    const tamper = this.reportTampering(vault, staff, found.audit);
    if (tamper && isOwner) warnings.push(tamper);
    if (!rollback) {
      try {
        this.advance(vault, { checkpoint: isOwner && !tamper });
      } catch (err) {
        // A full disk should not keep anyone out; the next sign-in or lock moves it on instead.
        this.opts.logger.error('could not move the rollback generation on at sign-in', { code: (err as { code?: string }).code });
      }
    }
    return { rollback, tampered: tamper !== null, warnings };
  }

  /** Locking moves the generation on, so a copy taken while signed in is older than what follows. */
  onLock(vault: OpenVault, staff: StaffMember | null, state: TrustState | null): void {
    if (state?.rollback) return; // nothing moves on until the owner accepts
    try {
      this.advance(vault, { checkpoint: staff?.role === 'owner' && !state?.tampered });
    } catch (err) {
      this.opts.logger.error('could not move the rollback generation on at lock', { code: (err as { code?: string }).code });
    }
  }

  /** The owner accepts the older database: logged, and the generation moves past the record. */
  acceptRollback(vault: OpenVault, staff: StaffMember, state: TrustState | null): TrustState {
    const rollback = state?.rollback;
    if (!rollback) throw new AppError('CONFLICT', 'There is no older database waiting to be confirmed.');
    // Checkpoints in audit-anchor.json from the newer database that was replaced can never match this one.
    const droppedCheckpointSeq = vault.audit.anchor?.resetOutsideToDatabase() ?? null;
    vault.audit.append({
      staffId: staff.id,
      action: 'vault.rollback_accepted',
      detail: { ...rollbackDetail(rollback), droppedCheckpointSeq },
    });
    const tamper = this.reportTampering(vault, staff, vault.audit.anchor?.check('quick') ?? null);
    this.advance(vault, { checkpoint: !tamper, atLeast: rollback.recordGeneration });
    return { rollback: null, tampered: tamper !== null, warnings: tamper ? [tamper] : [] };
  }

  /** For the backup feature: the generation moves on and the head is checkpointed, so the backup is a known point. */
  anchorBackup(vault: OpenVault, state: TrustState | null): { generation: number; checkpointSeq: number | null } {
    if (state?.rollback) throw rollbackError(state.rollback, 'owner');
    const { generation, checkpoint } = this.advance(vault, { checkpoint: !state?.tampered });
    return { generation, checkpointSeq: checkpoint?.seq ?? null };
  }

  /** Logs tampering (audit.tamper_detected) and returns the owner's warning for it. */
  private reportTampering(vault: OpenVault, staff: StaffMember, report: AnchorReport | null): SessionWarning | null {
    if (!report || report.ok) return null;
    const { firstBrokenSeq, problem } = summariseFindings(report.findings);
    vault.audit.append({
      staffId: staff.id,
      action: 'audit.tamper_detected',
      detail: { firstBrokenSeq, checkpointSeq: report.anchor?.seq ?? null, problems: report.findings.length },
    });
    this.opts.logger.warn('audit log tampering detected at unlock', { firstBrokenSeq });
    const where = firstBrokenSeq === null ? '' : ` from entry #${firstBrokenSeq}`;
    return {
      kind: 'audit_tampered',
      firstBrokenSeq,
      message: `The audit log has been tampered with${where}. ${problem ?? ''} Run a vault check, and restore from a backup if you did not expect this.`.trim(),
    };
  }

  /**
   * The order is what makes a crash err safe: first the database commits the
   * new generation (and checkpoint) durably, then the records outside it are
   * written. A crash in between leaves the outside records behind the
   * database, which is never an alarm; the next bump rewrites them. The other
   * order would leave a record ahead of the database: a false rollback alarm.
   */
  private advance(vault: OpenVault, opts: { checkpoint: boolean; atLeast?: number }): { generation: number; checkpoint: AuditCheckpoint | null } {
    const anchor = opts.checkpoint ? vault.audit.anchor : null;
    let checkpoint: AuditCheckpoint | null = null;
    const generation = durableTransaction(vault.db, () => {
      const g = bumpGenerationInTransaction(vault.db, opts.atLeast);
      checkpoint = anchor?.checkpointHeadInTransaction(g) ?? null;
      return g;
    });
    const at = this.opts.clock.now().toISOString();
    const auditCheckpoint = checkpoint ?? vault.audit.anchor?.newestInDatabase() ?? null;
    writeGenerationRecords(vault.db, vault.vaultId, this.places(vault), { generation, at, auditCheckpoint }, this.opts.logger);
    if (checkpoint && anchor) {
      try {
        anchor.saveOutside(checkpoint);
      } catch (err) {
        this.opts.logger.warn('could not write the audit anchor file', { code: (err as { code?: string }).code });
      }
    }
    return { generation, checkpoint };
  }
}
