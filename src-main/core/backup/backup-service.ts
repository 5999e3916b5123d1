/**
 * The backup feature's operations for a signed-in call (docs/backups.md):
 * back up now, list, verify, drill, prune, the status and the schedule. Each
 * is audit-logged with ids, counts and codes only.
 */
import { AppError } from '../../contract/errors';
import type {
  BackupCheckAfter,
  BackupChecksResult,
  BackupDrillResult,
  BackupNowResult,
  BackupPruneResult,
  BackupRunResult,
  BackupSettings,
  BackupStatus,
  BackupVerifyResult,
  SnapshotCheck,
  SnapshotSummary,
} from '../../contract/backup-types';
import { formatUkDateTime } from '../../contract/uk-formats';
import type { ServiceContext } from '../service/service-context';
import { databaseVersions, readKeyring } from '../vault/keyring';
import { requireDestination, snapshotIds } from './backup-set';
import { type BackupState, readBackupSettings, readBackupState, updateBackupState, writeBackupSettings } from './backup-store';
import { drillSnapshot } from './drill';
import { type Manifest, manifestKeyOf, readManifest } from './manifest';
import { pruneSet } from './prune';
import { isDailyDue, isDrillDue } from './schedule';
import { setLayout, snapshotFiles } from './set-layout';
import { type SnapshotInput, type WrittenSnapshot, writeSnapshot } from './snapshot';
import { vaultIdOf } from './vault-id';
import { checkSnapshotStructure, checksFinished, finishLater, removeScratchLeftovers, takeFindings } from './structure-check-after';
import { HashPool } from './hash-pool';
import { type VerifyKeys, type VerifyOptions, verifySnapshot } from './snapshot-verify';
import { type StructureChecked, entryFor, readVerificationRecord, writeVerificationRecord } from './verification-record';

export type BackupEnv = Omit<SnapshotInput, 'destination'>;

/** Only one backup at a time per process: a second would copy the same blobs and fight over the set. */
let running = false;

function destinationsOf(settings: BackupSettings, to: string | undefined): string[] {
  if (to) return [to];
  const list = [settings.destination, settings.secondDestination].filter((d): d is string => !!d);
  if (list.length === 0) throw new AppError('BACKUP_NO_DESTINATION');
  return list;
}

function summaryOf(m: Manifest, check: SnapshotCheck | null): SnapshotSummary {
  return {
    id: m.snapshotId,
    createdAt: m.createdAt,
    clinicName: m.clinicName,
    vaultId: m.vaultId,
    appVersion: m.appVersion,
    counts: m.counts,
    totalBytes: m.totalBytes,
    newBytes: m.newBytes,
    databaseKeyVersion: m.databaseKeyVersion,
    openableBy: m.openableBy,
    lastCheck: check,
  };
}

/** The keys this session can check a snapshot with: the database key only if it is the snapshot's. */
function verifyKeysFor(ctx: ServiceContext, m: Manifest | null): VerifyKeys {
  const current = databaseVersions(readKeyring(ctx.paths))[0] ?? 1;
  return {
    database: m && m.databaseKeyVersion === current ? ctx.keys.database : null,
    manifestKey: manifestKeyOf(ctx.db, false),
    auditPublic: ctx.keys.auditPublic,
  };
}

function errorParts(err: unknown): { code: string; message: string } {
  return err instanceof AppError ? { code: err.code, message: err.message } : { code: 'INTERNAL', message: 'The backup failed unexpectedly.' };
}

function isCancel(ctx: ServiceContext, err: unknown): boolean {
  return ctx.call?.signal.aborted === true || (err as Error)?.name === 'AbortError';
}

/**
 * Prunes what the rotation no longer keeps (never a snapshot whose check failed), forgotten in the status and
 * logged: always when the owner asked for it, when it removed something after a snapshot.
 */
async function pruneAndRecord(ctx: ServiceContext, destination: string, settings: BackupSettings, asked: boolean): Promise<BackupPruneResult> {
  const state = readBackupState(ctx.settings);
  const failed = new Set(Object.entries(state.checks).filter(([, c]) => !c.ok).map(([id]) => id));
  const result = await pruneSet(setLayout(destination), settings, ctx.clock.now(), { failed });
  if (asked || result.pruned.length > 0 || result.blobsRemoved > 0) {
    ctx.audit.append({ staffId: ctx.actor.id, action: 'backup.pruned', detail: { snapshots: result.pruned.length, blobsRemoved: result.blobsRemoved, bytesFreed: result.bytesFreed } });
  }
  updateBackupState(ctx.settings, (s) => {
    const checks = { ...s.checks };
    for (const id of result.pruned) delete checks[id];
    return { ...s, checks };
  });
  return result;
}

/**
 * The snapshot's database checked page by page and by SQLite, in the background (structure-check-after.ts). Once it
 * has finished: passed, the snapshot goes into the set's verification record (its database has then had the whole
 * check: pages, structure, audit chain, checkpoint, files referred to), and only then are older snapshots pruned;
 * failed, its check is marked failed in the status and logged, and nothing is pruned. The keys are taken now, while
 * the call runs.
 */
function finishStructureCheck(ctx: ServiceContext, written: WrittenSnapshot, destination: string, settings: BackupSettings): void {
  const m = written.manifest;
  const backupKey = manifestKeyOf(ctx.db, false);
  // Copied now: the session's keys are wiped if it locks before the check is done.
  const databaseKey = Buffer.from(ctx.keys.database);
  finishLater(ctx.db, async (): Promise<BackupCheckAfter> => {
    const outcome = { destination, snapshotId: m.snapshotId, finished: true, ok: true, problems: [] as string[], pruned: [] as string[] };
    try {
      const problems = await checkSnapshotStructure(written.set, m, databaseKey);
      if (problems.length === 0) {
        if (backupKey) {
          const record = await readVerificationRecord(written.set, backupKey, m.vaultId);
          const entries = new Map(record.entries).set(m.snapshotId, entryFor(m, ctx.clock.now()));
          await writeVerificationRecord(written.set, backupKey, m.vaultId, entries.values());
        }
        // Older snapshots go only once this one has had the whole check.
        return { ...outcome, pruned: (await pruneAndRecord(ctx, destination, settings, false)).pruned };
      }
      const check = { at: ctx.clock.now().toISOString(), ok: false, problems };
      ctx.audit.append({ staffId: ctx.actor.id, action: 'backup.verified', detail: { snapshotId: m.snapshotId, ok: false, problems: problems.length } });
      updateBackupState(ctx.settings, (s) => ({
        ...s,
        checks: { ...s.checks, [m.snapshotId]: check },
        lastFailure: { at: check.at, code: 'BACKUP_SNAPSHOT_DAMAGED', message: problems[0]!, destination },
      }));
      return { ...outcome, ok: false, problems };
    } catch (err) {
      // The vault closed first, or the set could not be read or written: only more checking follows (the next
      // verify checks this snapshot in full).
      const code = (err as { code?: string }).code ?? (err as Error).name ?? 'error';
      ctx.logger.warn('backup structure check not finished', { code });
      return { ...outcome, finished: false, ok: false, problems: [`the check after the snapshot did not finish (${code}); the next verify checks it in full`] };
    } finally {
      backupKey?.fill(0);
      databaseKey.fill(0);
    }
  });
}

async function runOne(ctx: ServiceContext, destination: string, env: BackupEnv, settings: BackupSettings): Promise<BackupRunResult> {
  const written = await writeSnapshot(ctx, { ...env, destination });
  const m = written.manifest;
  ctx.audit.append({
    staffId: ctx.actor.id,
    action: 'backup.snapshot_created',
    detail: { snapshotId: m.snapshotId, blobsCopied: written.blobsCopied, blobsReused: written.blobsReused, newBytes: m.newBytes, checkpointSeq: m.checkpoint?.seq ?? null },
  });
  ctx.call?.progress({ done: 0, total: 0, label: 'Checking the backup' });
  const verified = await verifySnapshot(written.set, m.snapshotId, verifyKeysFor(ctx, m), ctx.clock.now(), {
    signal: ctx.call?.signal,
    writtenBlobs: written.written,
    afterWriting: { writtenChunks: written.writtenChunks, databaseProblems: written.databaseProblems },
    onProgress: (done, total, label) => ctx.call?.progress({ done, total, label }),
  });
  ctx.audit.append({ staffId: ctx.actor.id, action: 'backup.verified', detail: { snapshotId: m.snapshotId, ok: verified.check.ok, problems: verified.check.problems.length } });
  updateBackupState(ctx.settings, (s) => {
    const checks = { ...s.checks, [m.snapshotId]: verified.check };
    return verified.check.ok
      ? { ...s, checks, lastSuccess: { at: verified.check.at, snapshotId: m.snapshotId, destination } }
      : { ...s, checks, lastFailure: { at: verified.check.at, code: 'BACKUP_SNAPSHOT_DAMAGED', message: verified.check.problems[0] ?? '', destination } };
  });
  // The database page by page and by SQLite, then the rotation, after this call (structure-check-after.ts).
  if (verified.check.ok) finishStructureCheck(ctx, written, destination, settings);
  return { destination, snapshot: summaryOf(m, verified.check), verification: verified.check, blobsCopied: written.blobsCopied, blobsReused: written.blobsReused, cleanedUp: written.cleanedUp };
}

/** Waits for the checks after the snapshots made so far, and answers what each found (once). */
export async function waitForChecks(ctx: ServiceContext): Promise<BackupChecksResult> {
  await checksFinished(ctx.db);
  return { checks: takeFindings(ctx.db) };
}

export async function backupNow(ctx: ServiceContext, input: { to?: string }, env: BackupEnv): Promise<BackupNowResult> {
  const settings = readBackupSettings(ctx.settings);
  const destinations = destinationsOf(settings, input.to);
  if (running) throw new AppError('BACKUP_BUSY');
  running = true;
  try {
    // The last snapshot's structure check first (it writes the set's record), then its leftovers, if the app closed during one.
    await checksFinished(ctx.db);
    await removeScratchLeftovers(vaultIdOf(ctx.db)!);
    const result: BackupNowResult = { runs: [], failures: [] };
    let firstError: unknown = null;
    for (const destination of destinations) {
      try {
        result.runs.push(await runOne(ctx, destination, env, settings));
      } catch (err) {
        if (isCancel(ctx, err)) throw err;
        firstError ??= err;
        const { code, message } = errorParts(err);
        ctx.logger.warn('backup failed', { code });
        ctx.audit.append({ staffId: ctx.actor.id, action: 'backup.failed', detail: { code } });
        updateBackupState(ctx.settings, (s) => ({ ...s, lastFailure: { at: ctx.clock.now().toISOString(), code, message, destination } }));
        result.failures.push({ destination, code, message });
      }
    }
    if (result.runs.length === 0) throw firstError;
    return result;
  } finally {
    running = false;
  }
}

async function manifestsIn(dir: string): Promise<{ id: string; manifest: Manifest | null; error: string | null }[]> {
  const set = setLayout(dir);
  const out = [];
  for (const id of await snapshotIds(set)) {
    try {
      out.push({ id, manifest: await readManifest(snapshotFiles(set, id).manifest), error: null });
    } catch (err) {
      out.push({ id, manifest: null, error: (err as Error).message });
    }
  }
  return out;
}

/** The snapshots in a set, newest first, with the last check this vault made of each. */
export async function listSnapshots(ctx: ServiceContext, input: { to?: string }): Promise<{ destination: string; snapshots: SnapshotSummary[] }> {
  const destination = destinationsOf(readBackupSettings(ctx.settings), input.to)[0]!;
  await requireDestination(destination, { writable: false });
  const checks = readBackupState(ctx.settings).checks;
  const snapshots = (await manifestsIn(destination)).filter((e) => e.manifest).map((e) => summaryOf(e.manifest!, checks[e.id] ?? null));
  return { destination, snapshots: snapshots.reverse() };
}

/** Anyone may list a set's snapshots before signing in (the restore screen); the details are not authenticated until a key opens one. */
export async function listForRestore(from: string): Promise<{ from: string; snapshots: SnapshotSummary[] }> {
  await requireDestination(from, { writable: false });
  const snapshots = (await manifestsIn(from)).filter((e) => e.manifest).map((e) => summaryOf(e.manifest!, null));
  return { from, snapshots: snapshots.reverse() };
}

export async function verifyBackups(ctx: ServiceContext, input: { to?: string; snapshotId?: string }): Promise<BackupVerifyResult> {
  // A snapshot's structure check still running finishes first: it writes the set's verification record.
  await checksFinished(ctx.db);
  const destination = destinationsOf(readBackupSettings(ctx.settings), input.to)[0]!;
  await requireDestination(destination, { writable: false });
  const set = setLayout(destination);
  const ids = input.snapshotId ? [input.snapshotId] : await snapshotIds(set);
  if (input.snapshotId && !(await snapshotIds(set)).includes(input.snapshotId)) throw new AppError('BACKUP_SNAPSHOT_NOT_FOUND');
  const hashed: VerifyOptions['hashed'] = new Map();
  const pagesSeen = new Set<string>();
  const hashPool = new HashPool();
  const backupKey = manifestKeyOf(ctx.db, false);
  const vaultId = vaultIdOf(ctx.db)!;
  // Which snapshots' databases passed the whole check at an earlier verify (verification-record.ts).
  const record = backupKey ? await readVerificationRecord(set, backupKey, vaultId) : { entries: new Map<string, StructureChecked>(), ignored: false };
  if (record.ignored) ctx.logger.warn('backup verification record ignored: it does not authenticate; every snapshot is checked in full');
  const passed = new Map(record.entries);
  const checked: BackupVerifyResult['checked'] = [];
  let checkedInFull = 0;
  try {
    for (const [i, id] of ids.entries()) {
      ctx.call?.throwIfStopped();
      ctx.call?.progress({ done: i, total: ids.length, label: `Checking backup ${i + 1} of ${ids.length}` });
      const manifest = await readManifest(snapshotFiles(set, id).manifest).catch(() => null);
      const v = await verifySnapshot(set, id, verifyKeysFor(ctx, manifest), ctx.clock.now(), { signal: ctx.call?.signal, hashed, hashPool, pagesSeen, structureChecked: record.entries });
      checked.push({ id, check: v.check });
      if (v.databaseCheck === 'full') checkedInFull++;
      if (v.databaseCheck === 'full' && v.check.ok && v.manifest) passed.set(id, entryFor(v.manifest, ctx.clock.now()));
      // A snapshot that fails now loses its entry: it is checked in full again once repaired or replaced.
      if (!v.check.ok) passed.delete(id);
    }
  } finally {
    await hashPool.close();
  }
  if (backupKey) {
    // A set on a read-only drive can still be verified; the next verify then checks those snapshots in full again.
    await writeVerificationRecord(set, backupKey, vaultId, passed.values()).catch((err: unknown) => ctx.logger.warn('backup verification record not written', { code: (err as { code?: string }).code ?? 'error' }));
    backupKey.fill(0);
  }
  const ok = checked.every((c) => c.check.ok);
  ctx.audit.append({ staffId: ctx.actor.id, action: 'backup.verified', detail: { snapshots: checked.length, ok, failed: checked.filter((c) => !c.check.ok).length, checkedInFull } });
  updateBackupState(ctx.settings, (s) => ({ ...s, checks: { ...s.checks, ...Object.fromEntries(checked.map((c) => [c.id, c.check])) } }));
  return { destination, checked, ok };
}

export async function drillBackups(ctx: ServiceContext, input: { to?: string }): Promise<BackupDrillResult> {
  // A snapshot's structure check still running finishes first: it writes the set's verification record.
  await checksFinished(ctx.db);
  const destination = destinationsOf(readBackupSettings(ctx.settings), input.to)[0]!;
  await requireDestination(destination, { writable: false });
  const set = setLayout(destination);
  const newest = (await snapshotIds(set)).at(-1);
  if (!newest) throw new AppError('BACKUP_SNAPSHOT_NOT_FOUND', 'There is no backup in that folder to practise restoring yet. Back up first.');
  const manifest = await readManifest(snapshotFiles(set, newest).manifest).catch(() => null);
  const result = await drillSnapshot(set, newest, verifyKeysFor(ctx, manifest), {
    signal: ctx.call?.signal,
    onProgress: (done, total, label) => ctx.call?.progress({ done, total, label }),
    now: () => ctx.clock.now(),
  });
  ctx.audit.append({ staffId: ctx.actor.id, action: 'backup.drill', detail: { snapshotId: newest, ok: result.ok, problems: result.problems.length } });
  updateBackupState(ctx.settings, (s) => ({ ...s, lastDrill: { at: ctx.clock.now().toISOString(), ok: result.ok, snapshotId: newest, problems: result.problems } }));
  return result;
}

export async function pruneBackups(ctx: ServiceContext, input: { to?: string }): Promise<BackupPruneResult> {
  // A snapshot's structure check still running finishes first: it writes the set's verification record.
  await checksFinished(ctx.db);
  const settings = readBackupSettings(ctx.settings);
  const destination = destinationsOf(settings, input.to)[0]!;
  await requireDestination(destination, { writable: true });
  return pruneAndRecord(ctx, destination, settings, true);
}

export function getBackupSettings(ctx: ServiceContext): BackupSettings {
  return readBackupSettings(ctx.settings);
}

export function saveBackupSettings(ctx: ServiceContext, next: BackupSettings): BackupSettings {
  const before = readBackupSettings(ctx.settings);
  const changed = (Object.keys(next) as (keyof BackupSettings)[]).filter((k) => next[k] !== before[k]);
  ctx.db.transaction(() => {
    writeBackupSettings(ctx.settings, next);
    ctx.audit.append({ staffId: ctx.actor.id, action: 'backup.settings_changed', detail: { fields: changed.join(',') } });
  })();
  return next;
}

export function backupStatus(ctx: ServiceContext): BackupStatus {
  const settings = readBackupSettings(ctx.settings);
  const state = readBackupState(ctx.settings);
  return statusFrom(settings, state, ctx.clock.now());
}

export function statusFrom(settings: BackupSettings, state: BackupState, now: Date): BackupStatus {
  const last = state.lastSuccess?.at ?? null;
  const failedLast = state.lastFailure !== null && (!last || state.lastFailure.at > last);
  const stale = !last || now.getTime() - new Date(last).getTime() > settings.staleAfterDays * 86_400_000;
  const configured = settings.destination !== null;
  let message: string;
  if (!configured) message = 'Backups are not set up yet. Choose a backup folder in Settings, Backups.';
  else if (failedLast) message = `The last backup failed: ${state.lastFailure!.message}`;
  else if (!last) message = 'No backup has been made yet.';
  else message = `Last verified backup ${formatUkDateTime(last)}.`;
  return {
    configured,
    destination: settings.destination,
    lastVerifiedAt: last,
    lastFailure: state.lastFailure ? { at: state.lastFailure.at, code: state.lastFailure.code, message: state.lastFailure.message } : null,
    attention: stale || failedLast,
    message,
    due: configured && isDailyDue(settings, state, now),
  };
}

/**
 * What the schedule asks for (the shell calls it every few minutes and when
 * the app closes): a snapshot when the daily time has passed and none was
 * made since (or always when closing), else a drill when one is due. A
 * destination that is missing is recorded as the last failure and tried again
 * at the next call: the status says so meanwhile.
 */
export async function runScheduled(ctx: ServiceContext, reason: 'daily' | 'closing', env: BackupEnv): Promise<{ ran: 'snapshot' | 'drill' | null; result: BackupNowResult | BackupDrillResult | null }> {
  const settings = readBackupSettings(ctx.settings);
  if (!settings.destination) return { ran: null, result: null };
  const state = readBackupState(ctx.settings);
  const now = ctx.clock.now();
  if ((reason === 'closing' && settings.onClose) || (reason === 'daily' && isDailyDue(settings, state, now))) {
    updateBackupState(ctx.settings, (s) => ({ ...s, lastScheduledAt: now.toISOString() }));
    try {
      const result = await backupNow(ctx, {}, env);
      // The app quits once this returns: the snapshot's structure check finishes first, or it would be cut short
      // and the snapshot left out of the set's record until a verify checks it in full.
      if (reason === 'closing') await checksFinished(ctx.db);
      return { ran: 'snapshot', result };
    } catch (err) {
      if (isCancel(ctx, err)) throw err;
      return { ran: 'snapshot', result: { runs: [], failures: [{ destination: settings.destination, ...errorParts(err) }] } };
    }
  }
  if (reason === 'daily' && isDrillDue(settings, state, now)) {
    try {
      return { ran: 'drill', result: await drillBackups(ctx, {}) };
    } catch (err) {
      if (isCancel(ctx, err)) throw err;
      return { ran: null, result: null };
    }
  }
  return { ran: null, result: null };
}
