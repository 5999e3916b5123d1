/**
 * The core's state: no vault, locked, or unlocked with one signed-in member of
 * staff. Signing in opens that person's key slot, which yields the vault keys
 * granted to it (docs/key-hierarchy.md), and opens the database; locking closes
 * it and wipes the keys, so a locked app holds no key in memory at all.
 */
import { AppError } from '../contract/errors';
import type { AppStatus, SessionInfo, SetupResult } from '../contract/types';
import { LATEST_VERSION } from './db/migrate';
import { cleanRekeyLeftovers } from './db/rekey';
import { quickCheckDamage, runQuickCheckIfDue } from './vault/quick-check';
import { type Clock, type CoreOptions, type KdfCost, type Logger, type ProgressSink, silentLogger, systemClock } from './platform/ports';
import { PendingAudit } from './session/pending-audit';
import { type Session, isIdleExpired, sessionInfo } from './session/session';
import { SignInThrottle, secondsToWait } from './session/signin-throttle';
import { meetsMinimumCost, newScryptParams } from './vault/kdf';
import { type RotationProgress, finishInterruptedRotation, rotateDatabaseKey } from './vault/key-rotation';
import { type Keyring, type KeySlot, type LegacySlot, findRecoverySlot, findStaffSlotByUsername, keyringExists, readKeyring, removeOldKeyringCopies } from './vault/keyring';
import { convertLegacySlot } from './vault/legacy-conversion';
import type { OpenVault } from './vault/open-vault';
import { resetOwnerWithRecoveryKey } from './vault/recovery-reset';
import { requireSlotNotAltered } from './vault/slot-trust';
import { type UnlockedSlot, decoyUnlock, unlockSlot, wipeUnlocked } from './vault/slots';
import { type ProcessLock, acquireProcessLock } from './vault/process-lock';
import { readPublicInfo, writePublicInfo } from './vault/public-info';
import { normaliseRecoveryKey } from './vault/recovery-key';
import { discardStaleUploads } from './uploads/staging';
import { type SetupInput, createVault, ensureVaultFolder, isUnfinishedSetup, openWithKeys } from './vault/vault-lifecycle';
import { type VaultPaths, vaultPaths } from './platform/vault-paths';
import { ALLOWED_WHILE_ROLLBACK_UNCONFIRMED, type TrustState, VaultTrust, rollbackError } from './vault/vault-trust';

export type LockReason = 'locked' | 'signed_out' | 'auto_locked';

/** How often the idle check runs, so the key leaves memory even if nobody calls. */
const IDLE_CHECK_MS = 15_000;

export class ClinicCore {
  readonly paths: VaultPaths;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly kdfCost: KdfCost;
  readonly appVersion: string;
  readonly progress: ProgressSink;
  private readonly quickCheckAtSignIn: boolean;
  /** The owner's sign-in quick check while it runs (vault/quick-check.ts). */
  private background: Promise<void> = Promise.resolve();
  private readonly processLock: ProcessLock;
  private readonly throttle: SignInThrottle;
  private readonly pending: PendingAudit;
  private vault: OpenVault | null = null;
  private session: Session | null = null;
  private readonly rotationListeners = new Set<(progress: RotationProgress) => void>();
  /** Set while the database key is being rotated: the file must not be opened or closed meanwhile. */
  private rotating = false;
  /** A lock asked for during a rotation, carried out when it ends. */
  private lockAfterRotation: LockReason | null = null;
  private autoLockMinutes = 5;
  /** A problem found while opening (damaged database, newer version) that no retry will fix. */
  private startupError: AppError | null = null;
  private readonly idleTimer: NodeJS.Timeout;
  /** anchor: rollback and audit-anchor checks at unlock and lock (vault/vault-trust.ts). */
  readonly trust: VaultTrust;
  private trustState: TrustState | null = null;

  constructor(options: CoreOptions) {
    this.paths = vaultPaths(options.vaultDir);
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.kdfCost = options.kdfCost ?? 'production';
    this.appVersion = options.appVersion;
    this.progress = options.progress ?? (() => {});
    this.quickCheckAtSignIn = options.quickCheckAtSignIn ?? false;
    ensureVaultFolder(this.paths);
    // Under the core worker the parent process holds the lock (platform/ports.ts, processLockHeldByParent).
    this.processLock = options.processLockHeldByParent ? { release: () => undefined } : acquireProcessLock(this.paths.processLock);
    this.throttle = new SignInThrottle(this.paths.signInThrottle);
    this.pending = new PendingAudit(this.paths.pendingAudit);
    this.trust = new VaultTrust({ paths: this.paths, stateDir: options.stateDir, clock: this.clock, logger: this.logger });
    this.idleTimer = setInterval(() => this.checkIdle(), IDLE_CHECK_MS);
    this.idleTimer.unref();
  }

  // ---- state -------------------------------------------------------------

  hasVault(): boolean {
    return keyringExists(this.paths);
  }

  status(): AppStatus {
    const info = readPublicInfo(this.paths.publicInfo);
    const state = this.session ? 'unlocked' : this.hasVault() ? 'locked' : 'no-vault';
    let startupError = this.startupError;
    if (!startupError && state === 'locked') startupError = this.problemBeforeSignIn(info?.schemaVersion);
    return {
      state,
      appVersion: this.appVersion,
      clinicName: this.vault ? this.vault.settings.getClinic().clinicName : (info?.clinicName ?? null),
      session: this.session ? sessionInfo(this.session, this.autoLockMinutes, this.trustState?.warnings) : null,
      recoveryKeyPending: this.vault?.settings.getFlag('recovery_key_pending') === 'true',
      startupError: startupError ? { code: startupError.code, message: startupError.message } : null,
      quickCheckDamage: this.vault && this.session?.staff.role === 'owner' ? quickCheckDamage(this.vault) : null,
    };
  }

  /** Settles when background work started by a sign-in (the owner's quick check) has finished. */
  backgroundWork(): Promise<void> {
    return this.background;
  }

  /** Problems visible without the key: a damaged keyring, or a vault from a newer app. */
  private problemBeforeSignIn(schemaVersion: number | undefined): AppError | null {
    if (schemaVersion !== undefined && schemaVersion > LATEST_VERSION) return new AppError('VAULT_FROM_NEWER_VERSION');
    try {
      readKeyring(this.paths);
      return null;
    } catch (err) {
      return err instanceof AppError ? err : new AppError('KEYRING_DAMAGED', undefined, { cause: err });
    }
  }

  /** The open vault and session, or NOT_SIGNED_IN. Locks first if the session has gone idle. */
  requireSession(): { vault: OpenVault; session: Session } {
    this.checkIdle();
    if (!this.vault || !this.session) throw new AppError('NOT_SIGNED_IN');
    return { vault: this.vault, session: this.session };
  }

  // ---- anchor: the rollback gate (vault/vault-trust.ts) --------------------

  /** While an older database waits for the owner, every call but a few is refused. */
  refuseIfRollbackUnconfirmed(method: string): void {
    const rollback = this.trustState?.rollback;
    if (rollback && !ALLOWED_WHILE_ROLLBACK_UNCONFIRMED.has(method)) throw rollbackError(rollback, 'owner');
  }

  /** vault.acceptRollback: the owner confirms the older database. */
  acceptRollback(): SessionInfo {
    const { vault, session } = this.requireSession();
    this.trustState = this.trust.acceptRollback(vault, session.staff, this.trustState);
    return this.currentSessionInfo();
  }

  /** For the backup feature: moves the generation on and checkpoints the audit head. */
  anchorBackup(): { generation: number; checkpointSeq: number | null } {
    const { vault } = this.requireSession();
    return this.trust.anchorBackup(vault, this.trustState);
  }

  touch(): void {
    if (this.session) this.session.lastActivityMs = this.clock.now().getTime();
  }

  setAutoLockMinutes(minutes: number): void {
    this.autoLockMinutes = minutes;
  }

  checkIdle(): void {
    if (this.session && isIdleExpired(this.session, this.clock.now().getTime(), this.autoLockMinutes)) {
      this.lock('auto_locked');
    }
  }

  // ---- set-up, sign-in, lock ----------------------------------------------

  async setup(input: SetupInput): Promise<SetupResult> {
    if (this.hasVault()) throw new AppError('VAULT_EXISTS');
    if (!isUnfinishedSetup(this.paths) && readPublicInfo(this.paths.publicInfo)) throw new AppError('KEYRING_DAMAGED');
    const created = await createVault(this.paths, input, this.kdfCost, this.clock);
    this.startSession(created.vault, created.owner.id);
    return { recoveryKey: created.recoveryKey, session: this.currentSessionInfo() };
  }

  /**
   * An unknown username, a removed member (their slot is gone) and a wrong
   * password cost the same: one scrypt at a real slot's cost and one unwrap
   * attempt, and none of them opens the database (slots.ts, `decoyUnlock`).
   */
  async signIn(username: string, password: string): Promise<SessionInfo> {
    this.guardBeforeUnlock();
    const keyring = readKeyring(this.paths);
    const slot = findStaffSlotByUsername(keyring, username);
    if (slot) this.requireStrongEnough(slot);
    const unlocked = slot
      ? await unlockSlot(keyring, slot, password)
      : await decoyUnlock(keyring, username, password, newScryptParams(this.kdfCost));
    if (!unlocked) return this.failSignIn(slot?.staffId ?? null, slot ? 'wrong_password' : 'unknown_username');
    this.requireNotAltered(keyring, unlocked);
    let vault = this.openOrRemember(keyring, unlocked);
    const staff = vault.staff.get(unlocked.slot.staffId!);
    if (!staff || staff.removedAt) {
      vault.close();
      return this.failSignIn(unlocked.slot.staffId, 'removed_staff');
    }
    if (unlocked.slot.format === 'legacy-v1') {
      vault = await this.converted(vault, () => convertLegacySlot(this, vault, unlocked.slot as LegacySlot, staff, password));
    }
    this.startSession(vault, staff.id);
    return this.currentSessionInfo();
  }

  /** Resets an owner's password with the recovery key, then signs them in. */
  async recover(username: string, recoveryKey: string, newPassword: string): Promise<SessionInfo> {
    this.guardBeforeUnlock();
    const keyring = readKeyring(this.paths);
    const slot = findRecoverySlot(keyring);
    if (slot) this.requireStrongEnough(slot);
    const normalised = normaliseRecoveryKey(recoveryKey);
    const unlocked = slot && normalised ? await unlockSlot(keyring, slot, normalised) : null;
    if (!unlocked) {
      this.recordFailure(null, 'wrong_recovery_key');
      throw new AppError('RECOVERY_KEY_INVALID');
    }
    this.requireNotAltered(keyring, unlocked);
    let vault = this.openOrRemember(keyring, unlocked);
    const staff = vault.staff.activeByUsername(username);
    if (!staff || staff.role !== 'owner') {
      vault.close();
      throw new AppError('FORBIDDEN', 'The recovery key can reset an owner’s password only. Ask the owner to reset yours.');
    }
    vault = await this.converted(vault, () => resetOwnerWithRecoveryKey(this, vault, staff, newPassword));
    this.startSession(vault, staff.id);
    return this.currentSessionInfo();
  }

  /**
   * Re-encrypts the database under a new key granted to the current slots only
   * (vault/key-rotation.ts). The session stays signed in; its vault is closed
   * while the file is re-encrypted, so other calls are refused until it ends.
   */
  async rotateDatabaseKey(signal?: AbortSignal): Promise<{ version: number }> {
    const { vault, session } = this.requireSession();
    if (session.staff.role !== 'owner') throw new AppError('FORBIDDEN');
    if (this.rotating) throw new AppError('CONFLICT', 'The database key is already being changed.');
    this.rotating = true;
    try {
      const result = await rotateDatabaseKey(vault, {
        clock: this.clock,
        signal,
        staffId: session.staff.id,
        onProgress: (p) => {
          for (const listener of this.rotationListeners) listener(p);
        },
        adopt: (v) => {
          this.vault = v;
        },
      });
      return { version: result.version };
    } catch (err) {
      // The file could not be reopened with either key: nothing is signed in any more.
      if (!this.vault) this.session = null;
      throw err;
    } finally {
      this.rotating = false;
      const pending = this.lockAfterRotation;
      this.lockAfterRotation = null;
      if (pending) this.lock(pending);
    }
  }

  /** Progress of a key rotation, for the CLI (and, with issue #9, a progress bar over IPC). */
  onRotationProgress(listener: (progress: RotationProgress) => void): () => void {
    this.rotationListeners.add(listener);
    return () => this.rotationListeners.delete(listener);
  }

  lock(reason: LockReason): void {
    if (this.rotating) {
      this.lockAfterRotation = reason;
      return;
    }
    if (!this.vault) return;
    const action = reason === 'locked' ? 'session.locked' : reason === 'auto_locked' ? 'session.auto_locked' : 'session.signed_out';
    try {
      this.vault.audit.append({ staffId: this.session?.staff.id ?? null, action });
    } catch (err) {
      this.logger.error('could not record lock in audit log', { code: (err as { code?: string }).code });
    }
    this.trust.onLock(this.vault, this.session?.staff ?? null, this.trustState); // anchor
    this.discardAllStagedUploads(this.vault);
    this.vault.close();
    this.vault = null;
    this.session = null;
    this.trustState = null;
  }

  close(): void {
    clearInterval(this.idleTimer);
    this.lock('signed_out');
    this.processLock.release();
  }

  // ---- helpers -------------------------------------------------------------

  private guardBeforeUnlock(): void {
    if (!this.hasVault()) throw new AppError('VAULT_NOT_FOUND');
    if (this.startupError) throw this.startupError;
    const early = this.problemBeforeSignIn(readPublicInfo(this.paths.publicInfo)?.schemaVersion);
    if (early) throw early;
    if (this.rotating) throw new AppError('CONFLICT', 'The database key is being changed. Wait until it has finished, then sign in.');
    const wait = secondsToWait(this.throttle.read(), this.clock.now());
    if (wait > 0) throw throttled(wait);
    // Signing in while someone else is signed in is "switch user".
    if (this.vault) this.lock('signed_out');
  }

  /**
   * A slot whose endorsement fails (slot-trust.ts) is a damaged keyring for
   * this person only: it is not remembered as the vault's startup error, so
   * everyone else still signs in. The attempt is recorded as a failed sign-in.
   */
  private requireNotAltered(keyring: Keyring, unlocked: UnlockedSlot): void {
    try {
      requireSlotNotAltered(keyring, unlocked);
    } catch (err) {
      wipeUnlocked(unlocked);
      this.recordFailure(unlocked.slot.staffId, 'key_slot_altered');
      throw err;
    }
  }

  /** A production core refuses slots cheaper than the production scrypt cost (kdf.ts). */
  private requireStrongEnough(slot: KeySlot): void {
    if (!meetsMinimumCost(slot.kdf, this.kdfCost)) throw new AppError('WEAK_KEY_SLOT');
  }

  /**
   * Opens the database with what the slot unlocked (wiping it), finishes a key
   * rotation a crash interrupted, and deletes old keyring copies and the
   * re-encryption's leftover temp file.
   */
  private openOrRemember(keyring: Keyring, unlocked: UnlockedSlot): OpenVault {
    let opened: { vault: OpenVault; databaseVersion: number };
    try {
      opened = openWithKeys(this.paths, keyring, unlocked, this.clock);
    } catch (err) {
      if (err instanceof AppError && (err.code === 'DATABASE_DAMAGED' || err.code === 'VAULT_FROM_NEWER_VERSION' || err.code === 'KEYRING_DAMAGED')) {
        this.startupError = err;
      }
      throw err;
    } finally {
      wipeUnlocked(unlocked);
    }
    try {
      finishInterruptedRotation(opened.vault, keyring, opened.databaseVersion);
      removeOldKeyringCopies(this.paths);
      // A rotation killed mid-re-encryption leaves its part-written copy behind (db/rekey.ts); no rotation runs while anyone signs in.
      cleanRekeyLeftovers(this.paths.database);
    } catch (err) {
      opened.vault.close();
      throw err;
    }
    return opened.vault;
  }

  /** Runs a step that may replace the vault (legacy conversion, recovery); closes it if the step fails. */
  private async converted(vault: OpenVault, step: () => Promise<OpenVault>): Promise<OpenVault> {
    try {
      return await step();
    } catch (err) {
      try {
        vault.close();
      } catch {
        // already closed by the step
      }
      throw err;
    }
  }

  private recordFailure(staffId: string | null, reason: string): number {
    const now = this.clock.now();
    const state = this.throttle.recordFailure(now);
    this.pending.add({ staffId, action: 'session.sign_in_failed', detail: { reason }, at: now.toISOString() });
    return secondsToWait(state, now);
  }

  private failSignIn(staffId: string | null, reason: string): never {
    const wait = this.recordFailure(staffId, reason);
    if (wait > 0) throw throttled(wait, true);
    throw new AppError('WRONG_CREDENTIALS');
  }

  private startSession(vault: OpenVault, staffId: string): void {
    const staff = vault.staff.get(staffId);
    if (!staff) throw new AppError('INTERNAL');
    const now = this.clock.now();
    let found;
    try {
      found = this.trust.beforeSession(vault, staff); // anchor: rollback and audit checks; only the owner may open an older database
    } catch (err) {
      vault.close();
      throw err;
    }
    // Failed attempts seen while locked join the audit log now that it is open.
    const pending = this.pending.read();
    vault.db.transaction(() => {
      for (const event of pending) vault.audit.append(event);
      vault.audit.append({ staffId, action: 'session.signed_in' });
    })();
    const trustState = this.trust.afterSignIn(vault, staff, found); // anchor: audit checkpoints and generation
    this.pending.clear();
    this.throttle.reset();
    this.discardAllStagedUploads(vault);
    const clinic = vault.settings.getClinic();
    this.autoLockMinutes = clinic.autoLockMinutes;
    const info = readPublicInfo(this.paths.publicInfo);
    if (!info || info.clinicName !== clinic.clinicName || info.schemaVersion !== LATEST_VERSION) {
      writePublicInfo(this.paths.publicInfo, {
        vaultId: vault.vaultId,
        clinicName: clinic.clinicName,
        createdAt: info?.createdAt ?? now.toISOString(),
        schemaVersion: LATEST_VERSION,
      });
    }
    this.vault = vault;
    this.session = { staff, signedInAt: now.toISOString(), lastActivityMs: now.getTime() };
    this.trustState = trustState;
    if (this.quickCheckAtSignIn && staff.role === 'owner') {
      // After sign-in has answered: the check works in steps and stops if the vault locks.
      this.background = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
        runQuickCheckIfDue(vault, staff.id, this.clock, this.logger),
      );
    }
  }

  /**
   * Staged uploads belong to the session that made them: at sign-in any left are
   * from a session that ended abruptly, and at lock nobody will claim them.
   * (Their database rows go at once; the blobs follow, so the vault may close.)
   */
  private discardAllStagedUploads(vault: OpenVault): void {
    try {
      discardStaleUploads(vault, new Date(this.clock.now().getTime() + 1).toISOString()).catch((err: unknown) =>
        this.logger.warn('staged upload clean-up failed', { code: (err as { code?: string }).code }),
      );
    } catch (err) {
      this.logger.warn('staged upload clean-up failed', { code: (err as { code?: string }).code });
    }
  }

  private currentSessionInfo(): SessionInfo {
    if (!this.session) throw new AppError('NOT_SIGNED_IN');
    return sessionInfo(this.session, this.autoLockMinutes, this.trustState?.warnings);
  }
}

/** The message leaves the number out: the UI counts down from retryAfterSeconds beside it. */
function throttled(seconds: number, afterWrongPassword = false): AppError {
  const message = afterWrongPassword
    ? 'That username and password do not match. Too many failed attempts: wait a moment before trying again.'
    : undefined;
  return new AppError('SIGNIN_THROTTLED', message, { retryAfterSeconds: seconds });
}
