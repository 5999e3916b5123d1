/**
 * The one destruction mechanism (docs/erasure-and-restriction.md): "destroy
 * these categories of this client". Erasure (UK GDPR Art 17) calls it with
 * contact, marketing and other; the retention queue (#13) will call it with
 * every category once the clinical record's date has passed.
 *
 * How it leaves no readable trace:
 * - every row goes in ONE transaction, with PRAGMA secure_delete on, so the
 *   freed space in each page and each freed page is overwritten with zeros;
 *   a stop (cancel) between steps rolls it all back: the client is untouched;
 * - the search indexes are cleaned by the same code that keeps them
 *   (unindexClient): both FTS5 indexes run with FTS5's 'secure-delete' option
 *   (migration 0020), so deleting the client's row takes its tokens out of the
 *   index blocks that hold them there and then, at the cost of one client's
 *   tokens, not the clinic's; the name vocabulary drops a word with its last
 *   client (name-index.ts);
 * - files: their rows, which hold their keys, are deleted in the transaction
 *   and their blobs queued (pending_blob_deletions); after the commit the
 *   blobs are removed from disk. A crash between the two leaves blobs whose
 *   keys no longer exist (unreadable); the vault's next opening removes them;
 * - then PRAGMA wal_checkpoint(TRUNCATE): the write-ahead log, whose older
 *   frames still hold the pages as they were before, is copied in and cut to
 *   nothing.
 * The audit log (ids and counts) and the suppression list (salted hashes) are
 * not touched: they hold no name, address, email or phone.
 */
import type { AuditAction } from '../../contract/audit-actions';
import type { Db } from '../db/types';
import { preparedStatement } from '../db/statement-cache';
import { clinicalKeyOf, sealJson } from '../crypto/clinical-seal';
import type { ServiceContext } from '../service/service-context';
import { unindexClient } from '../clients/search-index';
import { requireNoLegalHold } from '../holds/legal-hold';
import { CLINICAL_PURPOSE_CATEGORIES, type DestructionCategory } from './categories';
import { type LedgerEntry, newLedgerId, recordDestruction } from './destruction-ledger';
import {
  clientsInScope,
  clinicalFileIds,
  holdsClinicalRecord,
  marketingFileIds,
  phonesOf,
  phonesOnlyTheirs,
} from './client-scope';

export interface DestructionOptions {
  /** The audit action recorded in the same transaction (ids and counts only). */
  auditAction: AuditAction;
  requestId?: string | null;
  /** The date the kept clinical record is kept until, recorded with the erasure. */
  keptUntil?: string | null;
  /** Runs inside the destruction's transaction, last (a request's history entry): if it throws, nothing is destroyed. */
  alsoInTransaction?: (report: DestructionReport) => void;
  /**
   * False leaves the write-ahead log's truncation to the caller: a retention
   * batch truncates it once per group of clients and when it ends or stops
   * (retention/batch-run.ts), since each TRUNCATE checkpoint costs an fsync.
   */
  truncateWal?: boolean;
  /** A restore re-applying this ledger entry (core/backup/destruction-ledger.ts): recorded under the entry's own id and time. */
  replayOf?: LedgerEntry;
}

export interface DestructionReport {
  clientId: string;
  categories: DestructionCategory[];
  /** Records merged into this one, destroyed with it. */
  mergedRecords: number;
  rowsDeleted: number;
  filesDestroyed: number;
  blobsRemoved: number;
  /** True when nothing was left to keep, so the clients row itself went. */
  clientRemoved: boolean;
}

const CLINICAL = CLINICAL_PURPOSE_CATEGORIES.map((c) => `'${c}'`).join(', ');
const IN_SCOPE = 'IN (SELECT value FROM json_each(?))';

/** The place of the kept identity's sealed value: bound to the client. */
export function retainedIdentityPlace(clientId: string) {
  return { table: 'client_erasures', column: 'identity_sealed', clientId, rowId: clientId };
}

export interface RetainedIdentity {
  firstName: string;
  lastName: string;
  preferredName: string;
  nhsNumber: string;
}

/** Runs a statement whose every parameter is the scope's ids (as JSON). */
function run(db: Db, sql: string, clientIds: readonly string[]): number {
  const uses = sql.split('?').length - 1;
  return preparedStatement(db, sql).run(...Array<string>(uses).fill(JSON.stringify(clientIds))).changes;
}

/**
 * Destroys the categories of the client (and of the records merged into it).
 * Synchronous up to the commit, so one transaction holds it all; the caller's
 * stop is honoured between steps through ctx.call.throwIfStopped().
 */
export function destroyClientData(
  ctx: ServiceContext,
  clientId: string,
  categories: readonly DestructionCategory[],
  options: DestructionOptions,
): DestructionReport {
  const db = ctx.db;
  // A held client is never destroyed, whichever path asks (docs/retention.md, "Legal holds").
  // A restore re-applying a destruction the live vault already made is the exception: any hold
  // the older snapshot still shows was released before that destruction could happen.
  if (!options.replayOf) requireNoLegalHold(db, clientId);
  const wanted = new Set(categories);
  const steps = ['Preparing', 'Marketing preferences', 'Contact details', 'Other data', 'Clinical records', 'Files', 'Finishing'];
  let step = 0;
  const next = () => {
    ctx.call?.throwIfStopped();
    ctx.call?.progress({ done: step, total: steps.length, label: `Erasing: ${steps[step]!.toLowerCase()}` });
    step += 1;
  };

  const wasSecure = db.pragma('secure_delete', { simple: true });
  db.pragma('secure_delete = ON');
  let report: DestructionReport;
  try {
    report = db.transaction((): DestructionReport => {
      next();
      const scope = clientsInScope(db, clientId);
      const scopeJson = JSON.stringify(scope);
      const removeWhole =
        wanted.has('clinical') || (wanted.has('contact') && wanted.has('marketing') && wanted.has('other') && !holdsClinicalRecord(db, scope));
      const mark = preparedStatement(db, 'INSERT OR IGNORE INTO destruction_in_progress (client_id) VALUES (?)');
      for (const id of scope) mark.run(id);
      const files: string[] = [];
      let rows = 0;

      next();
      if (wanted.has('marketing') || removeWhole) {
        files.push(...marketingFileIds(db, scope));
        rows += run(
          db,
          `DELETE FROM consent_events WHERE client_id ${IN_SCOPE}
             AND purpose_id IN (SELECT id FROM consent_purposes WHERE category NOT IN (${CLINICAL}))`,
          scope,
        );
        rows += run(db, `DELETE FROM tps_no_objection_current WHERE client_id ${IN_SCOPE}`, scope);
        rows += run(db, `DELETE FROM tps_no_objections WHERE client_id ${IN_SCOPE}`, scope);
      }

      next();
      if (wanted.has('contact') || removeWhole) {
        const phones = phonesOnlyTheirs(db, scope, phonesOf(db, scope));
        const phonesJson = JSON.stringify(phones);
        rows += preparedStatement(db, 'DELETE FROM tps_screenings WHERE phone IN (SELECT value FROM json_each(?))').run(phonesJson).changes;
        rows += preparedStatement(db, 'DELETE FROM tps_latest WHERE phone IN (SELECT value FROM json_each(?))').run(phonesJson).changes;
        rows += run(db, `DELETE FROM field_changes WHERE section = 'identity' AND client_id ${IN_SCOPE}`, scope);
        rows += run(db, `DELETE FROM field_disputes WHERE section = 'identity' AND client_id ${IN_SCOPE}`, scope);
        rows += run(db, `DELETE FROM rectification_decisions WHERE section = 'identity' AND client_id ${IN_SCOPE}`, scope);
        rows += run(db, `DELETE FROM client_statements WHERE section = 'identity' AND client_id ${IN_SCOPE}`, scope);
        const rowids = preparedStatement(db, `SELECT rowid AS r FROM clients WHERE id ${IN_SCOPE}`).all(scopeJson) as { r: number }[];
        for (const { r } of rowids) unindexClient(db, r);
        // Records merged into this one are erased with it; the kept identity is the kept record's.
        if (!removeWhole) keepIdentitySealed(ctx, clientId, categories, options);
        rows += run(
          db,
          `UPDATE clients SET first_name = '', last_name = '', preferred_name = NULL, email = '', mobile = '', postcode = '',
             gender = '', address_lines = '[]', other_phones = '[]', messenger_handle = '', nhs_number = '', occupation = '',
             treatment_interests = '[]', notes = '', updated_at = '${ctx.clock.now().toISOString()}'
           WHERE id ${IN_SCOPE}`,
          scope,
        );
      }

      next();
      if (wanted.has('other') || removeWhole) {
        rows += run(db, `DELETE FROM client_distinct_pairs WHERE first_id ${IN_SCOPE} OR second_id ${IN_SCOPE}`, scope);
        rows += run(db, `UPDATE client_restrictions SET detail = '' WHERE detail <> '' AND client_id ${IN_SCOPE}`, scope);
      }

      next();
      if (removeWhole) {
        files.push(...clinicalFileIds(db, scope));
        rows += run(db, `DELETE FROM photos WHERE client_id ${IN_SCOPE}`, scope);
        rows += run(db, `DELETE FROM treatments WHERE client_id ${IN_SCOPE}`, scope);
        rows += run(db, `DELETE FROM client_sections WHERE client_id ${IN_SCOPE}`, scope);
        rows += run(db, `DELETE FROM consent_events WHERE client_id ${IN_SCOPE}`, scope);
        rows += run(db, `DELETE FROM field_changes WHERE client_id ${IN_SCOPE}`, scope);
        rows += run(db, `DELETE FROM field_disputes WHERE client_id ${IN_SCOPE}`, scope);
        rows += run(db, `DELETE FROM client_merges WHERE merged_id ${IN_SCOPE} OR kept_id ${IN_SCOPE}`, scope);
        rows += run(db, `DELETE FROM client_erasures WHERE client_id ${IN_SCOPE}`, scope);
        // Merged-away rows first: nothing references them once client_merges is gone.
        for (const id of [...scope].reverse()) rows += preparedStatement(db, 'DELETE FROM clients WHERE id = ?').run(id).changes;
      }

      next();
      const unique = [...new Set(files)];
      ctx.files.destroyFiles(unique);

      next();
      for (const id of scope) preparedStatement(db, 'DELETE FROM destruction_in_progress WHERE client_id = ?').run(id);
      ctx.audit.append({
        staffId: ctx.actor.id,
        action: options.auditAction,
        subjectType: 'client',
        subjectId: clientId,
        detail: {
          categories: categories.join(','),
          merged: scope.length - 1,
          rows,
          files: unique.length,
          removed: removeWhole,
          ...(options.requestId ? { requestId: options.requestId } : {}),
        },
      });
      const done: DestructionReport = {
        clientId,
        categories: [...categories],
        mergedRecords: scope.length - 1,
        rowsDeleted: rows,
        filesDestroyed: unique.length,
        blobsRemoved: 0,
        clientRemoved: removeWhole,
      };
      options.alsoInTransaction?.(done);
      // The destruction ledger (issue #14): ids only, in this transaction, so a restore can destroy it again.
      const at = ctx.clock.now().toISOString();
      recordDestruction(db, options.replayOf ?? { id: newLedgerId(), clientId, scope, categories: [...categories], destroyedAt: at }, options.replayOf ? at : null);
      return done;
    })();
  } finally {
    db.pragma(`secure_delete = ${wasSecure === 1 ? 'ON' : wasSecure === -1 || wasSecure === 2 ? 'FAST' : 'OFF'}`);
  }
  // After the commit: the blobs (already unreadable, their keys gone), then the WAL.
  report.blobsRemoved = ctx.files.removeQueuedBlobs();
  if (options.truncateWal !== false) db.pragma('wal_checkpoint(TRUNCATE)');
  ctx.call?.progress({ done: steps.length, total: steps.length, label: 'Erased' });
  return report;
}

/**
 * Contact data goes but the clinical record stays (Art 17(3)): the names and
 * NHS number that identify whose record it is are kept, sealed under the
 * clinical key, so they sit in no readable column and no index.
 */
function keepIdentitySealed(
  ctx: ServiceContext,
  clientId: string,
  categories: readonly DestructionCategory[],
  options: DestructionOptions,
): void {
  const db = ctx.db;
  const row = db.prepare('SELECT first_name, last_name, preferred_name, nhs_number FROM clients WHERE id = ?').get(clientId) as {
    first_name: string;
    last_name: string;
    preferred_name: string | null;
    nhs_number: string;
  };
  const existing = db.prepare('SELECT identity_sealed FROM client_erasures WHERE client_id = ?').get(clientId) as
    | { identity_sealed: string | null }
    | undefined;
  // A second pass over an already-blanked row must not seal the blanks over the kept names.
  const sealed =
    existing?.identity_sealed ??
    sealJson(clinicalKeyOf(ctx.keys), retainedIdentityPlace(clientId), {
      firstName: row.first_name,
      lastName: row.last_name,
      preferredName: row.preferred_name ?? '',
      nhsNumber: row.nhs_number,
    } satisfies RetainedIdentity);
  db.prepare(
    `INSERT INTO client_erasures (client_id, erased_at, erased_by, request_id, categories, kept_until, identity_sealed)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (client_id) DO UPDATE SET erased_at = excluded.erased_at, erased_by = excluded.erased_by,
       request_id = excluded.request_id, categories = excluded.categories, kept_until = excluded.kept_until`,
  ).run(clientId, ctx.clock.now().toISOString(), ctx.actor.id, options.requestId ?? null, JSON.stringify(categories), options.keptUntil ?? null, sealed);
}
