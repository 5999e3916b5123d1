/**
 * The consent ledger through a merge. The ledger is append-only (migration
 * 0004's triggers refuse any update), so an entry cannot be re-pointed at the
 * kept record. Instead, in the merge's transaction:
 *
 *  1. every entry of the merged-away record is appended again to the kept
 *     record, in its original order, with everything that demonstrates the
 *     consent unchanged (what, when it happened, when and by whom it was
 *     recorded, how, the notice and exact wording, evidence, soft opt-in, TPS
 *     check, explicit re-grant) and a note naming the entry it was moved from.
 *     A copied correction names the copy of the entry it corrects. The ledger's
 *     own trigger then derives the kept record's current state, the latest
 *     entry by when it happened winning, as for any entry;
 *  2. the original entries stay on the merged-away record (nothing is lost),
 *     and for each purpose it still shows as given, refused or withdrawn, one
 *     'unknown' entry is appended saying the consent now lives on the kept
 *     record. So the merged-away record holds no live consent: it is never in
 *     a marketing list, and privacy-notice counts see the person once.
 *
 * The objection to marketing (Art 21(3)) is a property of the person: the kept
 * record takes the later of the two objection times (suppression.ts explains
 * why the latest one counts), and the suppression list is applied to the
 * contact details it ends up with.
 */
import type { Db } from '../db/types';
import { newId } from '../platform/ids';

interface EventRow {
  seq: number;
  id: string;
  purpose_id: string;
  treatment_id: string | null;
  state: string;
  basis: string | null;
  occurred_at: string;
  recorded_at: string;
  recorded_by: string;
  method: string;
  notice_id: string | null;
  wording_id: number | null;
  evidence_file_id: string | null;
  soft_opt_in: string | null;
  tps_checked_on: string | null;
  tps_registered: number | null;
  explicit_regrant: number;
  note: string;
  corrects_event_id: string | null;
}

/** The note on a copied entry: where it came from, then the entry's own note. */
export function movedNote(originalId: string, note: string): string {
  const origin = `Moved from a merged duplicate record (entry ${originalId})`;
  return note ? `${origin}: ${note}` : origin;
}

export const MERGED_AWAY_NOTE = 'Record merged into another: this consent is now recorded on the kept record';

/** Copies the ledger of `fromId` onto `toId` and closes `fromId`'s consents; returns how many entries were copied. */
export function moveConsentLedger(db: Db, fromId: string, toId: string, staffId: string, at: string): number {
  const events = db.prepare('SELECT * FROM consent_events WHERE client_id = ? ORDER BY seq').all(fromId) as EventRow[];
  const insert = db.prepare(
    `INSERT INTO consent_events (id, client_id, purpose_id, treatment_id, state, basis, occurred_at, recorded_at,
       recorded_by, method, notice_id, wording_id, evidence_file_id, soft_opt_in, tps_checked_on, tps_registered,
       explicit_regrant, note, corrects_event_id)
     VALUES (@id, @clientId, @purpose_id, @treatment_id, @state, @basis, @occurred_at, @recorded_at,
       @recorded_by, @method, @notice_id, @wording_id, @evidence_file_id, @soft_opt_in, @tps_checked_on, @tps_registered,
       @explicit_regrant, @note, @corrects_event_id)`,
  );
  const copyOf = new Map<string, string>();
  for (const { seq: _seq, ...e } of events) {
    const id = newId('ce');
    copyOf.set(e.id, id);
    insert.run({
      ...e,
      id,
      clientId: toId,
      note: movedNote(e.id, e.note),
      corrects_event_id: e.corrects_event_id ? (copyOf.get(e.corrects_event_id) ?? e.corrects_event_id) : null,
    });
  }

  // Close what the merged-away record still shows, one 'unknown' entry per purpose (and treatment).
  const live = db
    .prepare("SELECT purpose_id, scope_key, occurred_at FROM consent_current WHERE client_id = ? AND state <> 'unknown'")
    .all(fromId) as { purpose_id: string; scope_key: string; occurred_at: string }[];
  for (const c of live) {
    insert.run({
      id: newId('ce'),
      clientId: fromId,
      purpose_id: c.purpose_id,
      treatment_id: c.scope_key === '' ? null : c.scope_key,
      state: 'unknown',
      basis: null,
      // Never earlier than the entry in force, or the trigger would keep that one current.
      occurred_at: c.occurred_at > at ? c.occurred_at : at,
      recorded_at: at,
      recorded_by: staffId,
      method: 'imported',
      notice_id: null,
      wording_id: null,
      evidence_file_id: null,
      soft_opt_in: null,
      tps_checked_on: null,
      tps_registered: null,
      explicit_regrant: 0,
      note: MERGED_AWAY_NOTE,
      corrects_event_id: null,
    });
  }

  // The later objection wins on the kept record (Art 21(3)).
  db.prepare(
    `UPDATE clients SET marketing_objection_at = (
       SELECT max(marketing_objection_at) FROM clients WHERE id IN (@toId, @fromId))
     WHERE id = @toId AND (SELECT max(marketing_objection_at) FROM clients WHERE id IN (@toId, @fromId)) IS NOT NULL`,
  ).run({ toId, fromId });
  return events.length;
}
