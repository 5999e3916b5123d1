/**
 * The consent ledger (Art 7(1): the clinic must be able to demonstrate every
 * consent). Append-only: this module inserts and reads, and has no update or
 * delete path; the database triggers of migration 0004 refuse both anyway. A
 * mistake is corrected by a new event naming the one it corrects.
 *
 * consent_current is derived by the insert trigger and only read here.
 */
import type {
  ConsentCurrent,
  ConsentEvent,
  ConsentMethod,
  ConsentPurpose,
  ConsentState,
  MarketingBasis,
  SoftOptIn,
} from '../../contract/consent-types';
import type { Db } from '../db/types';
import { newId } from '../platform/ids';
import { isEvidenceIncomplete } from './consent-rules';
import { clinicNameOf, purposeFromRow } from './purposes';

export interface NewConsentEvent {
  clientId: string;
  purposeId: string;
  treatmentId: string | null;
  state: ConsentState;
  basis: MarketingBasis | null;
  occurredAt: string;
  recordedAt: string;
  recordedBy: string;
  method: ConsentMethod;
  noticeId: string | null;
  wording: string;
  evidenceFileId: string | null;
  softOptIn: SoftOptIn | null;
  tpsCheckedOn: string | null;
  tpsRegistered: boolean | null;
  explicitRegrant: boolean;
  note: string;
  correctsEventId: string | null;
}

/**
 * The id of this wording in consent_wordings (migration 0009: each distinct
 * sentence is stored once), adding it if new; null for no wording.
 */
export function wordingId(db: Db, wording: string): number | null {
  if (wording === '') return null;
  db.prepare('INSERT INTO consent_wordings (text) VALUES (?) ON CONFLICT (text) DO NOTHING').run(wording);
  return (db.prepare('SELECT id FROM consent_wordings WHERE text = ?').get(wording) as { id: number }).id;
}

/** Appends one event and returns its id. Call inside the caller's transaction. */
export function appendConsentEvent(db: Db, e: NewConsentEvent): string {
  const id = newId('ce');
  db.prepare(
    `INSERT INTO consent_events (id, client_id, purpose_id, treatment_id, state, basis, occurred_at, recorded_at,
       recorded_by, method, notice_id, wording_id, evidence_file_id, soft_opt_in, tps_checked_on, tps_registered,
       explicit_regrant, note, corrects_event_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    e.clientId,
    e.purposeId,
    e.treatmentId,
    e.state,
    e.basis,
    e.occurredAt,
    e.recordedAt,
    e.recordedBy,
    e.method,
    e.noticeId,
    wordingId(db, e.wording),
    e.evidenceFileId,
    e.softOptIn ? JSON.stringify(e.softOptIn) : null,
    e.tpsCheckedOn,
    e.tpsRegistered === null ? null : e.tpsRegistered ? 1 : 0,
    e.explicitRegrant ? 1 : 0,
    e.note,
    e.correctsEventId,
  );
  return id;
}

interface EventRow {
  id: string;
  client_id: string;
  purpose_id: string;
  purpose_label: string;
  treatment_id: string | null;
  state: ConsentState;
  basis: MarketingBasis | null;
  occurred_at: string;
  recorded_at: string;
  recorded_by_name: string | null;
  method: ConsentMethod;
  notice_id: string | null;
  notice_version: string | null;
  wording: string;
  evidence_file_id: string | null;
  soft_opt_in: string | null;
  tps_checked_on: string | null;
  tps_registered: number | null;
  explicit_regrant: number;
  note: string;
  corrects_event_id: string | null;
}

const EVENT_SELECT = `
  SELECT e.*, coalesce(w.text, '') AS wording, p.label AS purpose_label, s.display_name AS recorded_by_name,
         n.version_label AS notice_version
  FROM consent_events e
  JOIN consent_purposes p ON p.id = e.purpose_id
  LEFT JOIN consent_wordings w ON w.id = e.wording_id
  LEFT JOIN staff s ON s.id = e.recorded_by
  LEFT JOIN privacy_notices n ON n.id = e.notice_id`;

function eventFromRow(r: EventRow): ConsentEvent {
  const event: Omit<ConsentEvent, 'evidenceIncomplete'> = {
    id: r.id,
    clientId: r.client_id,
    purposeId: r.purpose_id,
    purposeLabel: r.purpose_label,
    state: r.state,
    basis: r.basis,
    occurredAt: r.occurred_at,
    recordedAt: r.recorded_at,
    recordedByName: r.recorded_by_name ?? '',
    method: r.method,
    noticeId: r.notice_id,
    noticeVersion: r.notice_version,
    wording: r.wording,
    evidenceFileId: r.evidence_file_id,
    treatmentId: r.treatment_id,
    softOptIn: r.soft_opt_in ? (JSON.parse(r.soft_opt_in) as SoftOptIn) : null,
    tpsCheckedOn: r.tps_checked_on,
    tpsRegistered: r.tps_registered === null ? null : r.tps_registered === 1,
    explicitRegrant: r.explicit_regrant === 1,
    note: r.note,
    correctsEventId: r.corrects_event_id,
  };
  return { ...event, evidenceIncomplete: isEvidenceIncomplete(event) };
}

export function getConsentEvent(db: Db, id: string): ConsentEvent | null {
  const row = db.prepare(`${EVENT_SELECT} WHERE e.id = ?`).get(id) as EventRow | undefined;
  return row ? eventFromRow(row) : null;
}

/** A client's timeline, newest first (by when it happened, then by when it was recorded). */
export function listConsentEvents(db: Db, clientId: string, purposeId?: string): ConsentEvent[] {
  const rows = (
    purposeId === undefined
      ? db.prepare(`${EVENT_SELECT} WHERE e.client_id = ? ORDER BY e.occurred_at DESC, e.seq DESC`).all(clientId)
      : db
          .prepare(`${EVENT_SELECT} WHERE e.client_id = ? AND e.purpose_id = ? ORDER BY e.occurred_at DESC, e.seq DESC`)
          .all(clientId, purposeId)
  ) as EventRow[];
  return rows.map(eventFromRow);
}

interface CurrentRow {
  id: string;
  label: string;
  category: ConsentPurpose['category'];
  channel: ConsentPurpose['channel'];
  built_in: number;
  active: number;
  scope_key: string | null;
  state: ConsentState | null;
  occurred_at: string | null;
  event_id: string | null;
  basis: MarketingBasis | null;
  notice_id: string | null;
  wording_id: number | null;
  notice_version: string | null;
  standard_wording: string;
}

/**
 * Every active purpose with the client's current state: one row per purpose
 * (per treatment for consent to treatment), 'unknown' where nothing was ever
 * recorded. Primary-key lookups on consent_current and consent_events only.
 */
export function currentConsents(db: Db, clientId: string): ConsentCurrent[] {
  const rows = db
    .prepare(
      `SELECT p.*, cc.scope_key, cc.state, cc.occurred_at, e.id AS event_id, e.basis, e.notice_id, e.wording_id,
              n.version_label AS notice_version
       FROM consent_purposes p
       LEFT JOIN consent_current cc ON cc.client_id = ? AND cc.purpose_id = p.id
       LEFT JOIN consent_events e ON e.seq = cc.event_seq
       LEFT JOIN privacy_notices n ON n.id = e.notice_id
       WHERE p.active = 1
       ORDER BY p.sort_order, p.id, cc.scope_key`,
    )
    .all(clientId) as CurrentRow[];
  const clinic = clinicNameOf(db);
  return rows.map((r) => ({
    purpose: purposeFromRow(r, clinic),
    state: r.state ?? 'unknown',
    since: r.occurred_at,
    basis: r.state === 'granted' ? r.basis : null,
    eventId: r.event_id,
    noticeVersion: r.notice_version,
    treatmentId: r.scope_key ? r.scope_key : null,
    evidenceIncomplete: r.state === 'granted' && (r.notice_id === null || r.wording_id === null),
  }));
}
