/**
 * TPS screenings per phone number and reg 21(4) "does not object to our calls"
 * statements per client and number (PECR reg 21; issue #11 item 1;
 * docs/phones-and-tps.md). Both are append-only (migration 0013's triggers);
 * tps_latest and tps_no_objection_current, kept by triggers, say what is in
 * force. Numbers are E.164, the form the vault stores them in.
 *
 * The audit log gets the client's id and the action only: never the number.
 */
import type { ConsentMethod } from '../../contract/consent-types';
import { AppError, type FieldIssue } from '../../contract/errors';
import { londonToday } from '../../contract/field-schemas';
import type { OtherPhone } from '../../contract/record-types';
import type { ParsedInput } from '../../contract/schemas';
import type { ClientPhoneTps, TpsNoObjection, TpsScreening, TpsSource } from '../../contract/tps-types';
import { formatUkPhone } from '../../contract/uk-formats';
import { requireClient } from '../clients/client-service';
import { recordInteraction } from '../clients/interactions';
import type { Db } from '../db/types';
import type { SignedInContext } from '../handler-types';
import { newId } from '../platform/ids';
import { claimStagedUpload } from '../uploads/staging';
import { resolveOccurredAt } from './consent-rules';
import { mayCall, tpsStanding } from './tps-rules';

function invalid(issues: FieldIssue[]): AppError {
  return new AppError('VALIDATION', issues.map((i) => i.message).join(' '), { issues });
}

/** A client's phone numbers as stored (E.164), mobile first, each once, with the label the record gives it. */
export function clientPhones(row: { mobile: string | null; other_phones: string | null }): { phone: string; label: string }[] {
  const out: { phone: string; label: string }[] = [];
  const add = (phone: string | null | undefined, label: string) => {
    if (phone && phone.trim() !== '' && !out.some((p) => p.phone === phone)) out.push({ phone, label });
  };
  add(row.mobile, 'Mobile');
  // Most clients have no other phone: no parse for them (the telephone list calls this for every granted client).
  if (!row.other_phones || row.other_phones === '[]') return out;
  let others: OtherPhone[] = [];
  try {
    const parsed: unknown = JSON.parse(row.other_phones);
    if (Array.isArray(parsed)) others = parsed as OtherPhone[];
  } catch {
    others = [];
  }
  for (const o of others) add(o?.number, o?.label?.trim() || 'Phone');
  return out;
}

interface ScreeningRow {
  id: string;
  phone: string;
  checked_on: string;
  registered: number;
  source: TpsSource;
  reference: string;
  recorded_at: string;
  recorded_by_name: string | null;
}

const screeningFromRow = (r: ScreeningRow): TpsScreening => ({
  id: r.id,
  phone: r.phone,
  checkedOn: r.checked_on,
  registered: r.registered === 1,
  source: r.source,
  reference: r.reference,
  recordedAt: r.recorded_at,
  recordedByName: r.recorded_by_name ?? '',
});

/** Every screening of a number, newest first. */
export function screeningHistory(db: Db, phone: string): TpsScreening[] {
  const rows = db
    .prepare(
      `SELECT t.*, s.display_name AS recorded_by_name FROM tps_screenings t LEFT JOIN staff s ON s.id = t.recorded_by
        WHERE t.phone = ? ORDER BY t.checked_on DESC, t.seq DESC`,
    )
    .all(phone) as ScreeningRow[];
  return rows.map(screeningFromRow);
}

interface NoObjectionRow {
  id: string;
  client_id: string;
  phone: string;
  state: 'granted' | 'withdrawn';
  occurred_at: string;
  recorded_at: string;
  recorded_by_name: string | null;
  method: ConsentMethod;
  notice_id: string | null;
  notice_version: string | null;
  wording: string;
  evidence_file_id: string | null;
  note: string;
}

/** The reg 21(4) statement in force for this client and number, or null. */
function noObjectionInForce(db: Db, clientId: string, phone: string): TpsNoObjection | null {
  const r = db
    .prepare(
      `SELECT t.*, s.display_name AS recorded_by_name, n.version_label AS notice_version
         FROM tps_no_objection_current cur
         JOIN tps_no_objections t ON t.seq = cur.seq
         LEFT JOIN staff s ON s.id = t.recorded_by
         LEFT JOIN privacy_notices n ON n.id = t.notice_id
        WHERE cur.client_id = ? AND cur.phone = ?`,
    )
    .get(clientId, phone) as NoObjectionRow | undefined;
  if (!r) return null;
  return {
    id: r.id,
    clientId: r.client_id,
    phone: r.phone,
    state: r.state,
    occurredAt: r.occurred_at,
    recordedAt: r.recorded_at,
    recordedByName: r.recorded_by_name ?? '',
    method: r.method,
    noticeId: r.notice_id,
    noticeVersion: r.notice_version,
    wording: r.wording,
    evidenceFileId: r.evidence_file_id,
    note: r.note,
  };
}

/** Each of the client's numbers with its screening, its reg 21(4) statement and whether it may be called today. */
export function clientTpsStatus(ctx: SignedInContext, clientId: string): ClientPhoneTps[] {
  const { db } = ctx.vault;
  const row = requireClient(ctx, clientId);
  const today = londonToday(ctx.core.clock.now());
  return clientPhones(row).map(({ phone, label }) => {
    const history = screeningHistory(db, phone);
    const latest = history[0] ?? null;
    const standing = tpsStanding(latest, today);
    const noObjection = noObjectionInForce(db, clientId, phone);
    return { phone, label, standing, latest, noObjection, callable: mayCall(standing, noObjection?.state === 'granted'), history };
  });
}

/** The number must be one of this client's, as stored now: a screening is of a number the clinic would call. */
function requireClientsNumber(row: { mobile: string | null; other_phones: string | null }, phone: string): void {
  if (!clientPhones(row).some((p) => p.phone === phone)) {
    throw invalid([
      { field: 'phone', message: `${formatUkPhone(phone)} is not one of this client’s phone numbers. Add it to their contact details first.` },
    ]);
  }
}

/** Records a screening of one of the client's numbers against the TPS. */
export function recordTpsScreening(ctx: SignedInContext, input: ParsedInput<'tps.screen'>): ClientPhoneTps[] {
  const { vault, session, core } = ctx;
  const row = requireClient(ctx, input.clientId);
  requireClientsNumber(row, input.phone);
  const now = core.clock.now();
  if (input.checkedOn > londonToday(now)) {
    throw invalid([{ field: 'checkedOn', message: 'The TPS check date cannot be in the future.' }]);
  }
  vault.db.transaction(() => {
    const id = newId('tps');
    vault.db
      .prepare(
        `INSERT INTO tps_screenings (id, phone, checked_on, registered, source, reference, recorded_at, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, input.phone, input.checkedOn, input.registered ? 1 : 0, input.source, input.reference.normalize('NFC'), now.toISOString(), session.staff.id);
    vault.audit.append({
      staffId: session.staff.id,
      action: 'tps.screened',
      subjectType: 'client',
      subjectId: row.id,
      detail: { screeningId: id, registered: input.registered ? 1 : 0 },
    });
  })();
  return clientTpsStatus(ctx, row.id);
}

function linkIssues(db: Db, input: ParsedInput<'tps.noObjection'>): FieldIssue[] {
  if (input.noticeId !== null && !db.prepare('SELECT 1 FROM privacy_notices WHERE id = ?').get(input.noticeId)) {
    return [{ field: 'noticeId', message: 'Choose one of the privacy notices the clinic has published.' }];
  }
  return [];
}

/**
 * reg 21(4): records that the client told the clinic they do not object to its
 * marketing calls on this number (state 'granted'), or that they now do
 * ('withdrawn'), with the evidence a consent carries.
 */
export function recordTpsNoObjection(ctx: SignedInContext, input: ParsedInput<'tps.noObjection'>): ClientPhoneTps[] {
  const { vault, session, core } = ctx;
  const row = requireClient(ctx, input.clientId);
  // Withdrawing is always honoured, even for a number no longer on the record.
  if (input.state === 'granted') requireClientsNumber(row, input.phone);
  const now = core.clock.now();
  const occurred = resolveOccurredAt(input.occurredAt, now);
  const issues = [...('issue' in occurred ? [occurred.issue] : []), ...linkIssues(vault.db, input)];
  if (issues.length > 0) throw invalid(issues);
  const occurredAt = 'at' in occurred ? occurred.at : now.toISOString();
  const recordedAt = now.toISOString();
  vault.db.transaction(() => {
    const evidence = input.evidenceUploadId
      ? claimStagedUpload(ctx, input.evidenceUploadId, { allow: ['pdf', 'image'], field: 'evidenceUploadId', clinical: false })
      : null;
    const id = newId('tno');
    vault.db
      .prepare(
        `INSERT INTO tps_no_objections (id, client_id, phone, state, occurred_at, recorded_at, recorded_by, method, notice_id,
           wording, evidence_file_id, note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        row.id,
        input.phone,
        input.state,
        occurredAt,
        recordedAt,
        session.staff.id,
        input.method,
        input.noticeId,
        input.wording.normalize('NFC'),
        evidence?.fileId ?? null,
        input.note.normalize('NFC'),
      );
    recordInteraction(vault.db, row.id, recordedAt);
    vault.audit.append({
      staffId: session.staff.id,
      action: 'tps.no-objection-recorded',
      subjectType: 'client',
      subjectId: row.id,
      detail: { statementId: id, state: input.state },
    });
  })();
  return clientTpsStatus(ctx, row.id);
}
