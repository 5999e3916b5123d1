/**
 * Versions of the clinic's privacy notice. Each is kept exactly as published
 * (the table's triggers refuse edits), so every consent can show what the
 * client was told (Art 7(1), Art 13). When a new version is published, the
 * owner sees whose granted consents rest on an older one, to tell them.
 */
import type { NoticeAffectedClient, PrivacyNotice } from '../../shared/consent-types';
import { AppError } from '../../shared/errors';
import type { ParsedInput } from '../../shared/schemas';
import type { Db } from '../db/types';
import type { SignedInContext } from '../handler-types';
import { newId } from '../ids';

interface NoticeRow {
  id: string;
  version_label: string;
  effective_on: string;
  text: string;
  created_at: string;
  created_by_name: string | null;
}

const NOTICE_SELECT = `SELECT n.*, s.display_name AS created_by_name FROM privacy_notices n LEFT JOIN staff s ON s.id = n.created_by`;

function noticeFromRow(r: NoticeRow): PrivacyNotice {
  return {
    id: r.id,
    versionLabel: r.version_label,
    effectiveOn: r.effective_on,
    text: r.text,
    createdAt: r.created_at,
    createdByName: r.created_by_name ?? '',
  };
}

export function listNotices(db: Db): PrivacyNotice[] {
  return (db.prepare(`${NOTICE_SELECT} ORDER BY n.effective_on DESC, n.created_at DESC`).all() as NoticeRow[]).map(noticeFromRow);
}

function getNotice(db: Db, id: string): PrivacyNotice | null {
  const row = db.prepare(`${NOTICE_SELECT} WHERE n.id = ?`).get(id) as NoticeRow | undefined;
  return row ? noticeFromRow(row) : null;
}

interface AffectedRow {
  client_id: string;
  first_name: string;
  last_name: string;
  purpose_label: string;
  version_label: string | null;
  effective_on: string | null;
}

/**
 * Clients with a currently granted consent that rests on an older notice than
 * this one (earlier effective date, or the same date published earlier), or on
 * no recorded notice at all.
 */
function affectedBy(db: Db, notice: PrivacyNotice): NoticeAffectedClient[] {
  const rows = db
    .prepare(
      `SELECT c.id AS client_id, c.first_name, c.last_name, p.label AS purpose_label, n.version_label, n.effective_on
       FROM consent_current cc
       JOIN consent_events e ON e.seq = cc.event_seq
       JOIN consent_purposes p ON p.id = cc.purpose_id
       JOIN clients c ON c.id = cc.client_id
       LEFT JOIN privacy_notices n ON n.id = e.notice_id
       WHERE cc.state = 'granted'
         AND (n.id IS NULL OR (n.id <> @id AND (n.effective_on < @on OR (n.effective_on = @on AND n.created_at < @created))))
       ORDER BY c.last_name, c.first_name, c.id, p.sort_order`,
    )
    .all({ id: notice.id, on: notice.effectiveOn, created: notice.createdAt }) as AffectedRow[];
  const byClient = new Map<string, NoticeAffectedClient & { oldest: string }>();
  for (const r of rows) {
    let entry = byClient.get(r.client_id);
    if (!entry) {
      entry = { clientId: r.client_id, name: `${r.first_name} ${r.last_name}`, purposes: [], noticeVersion: '', oldest: '\uffff' };
      byClient.set(r.client_id, entry);
    }
    if (!entry.purposes.includes(r.purpose_label)) entry.purposes.push(r.purpose_label);
    // The oldest notice any of their consents rests on; '' when one rests on none.
    const on = r.effective_on ?? '';
    if (on < entry.oldest) {
      entry.oldest = on;
      entry.noticeVersion = r.version_label ?? '';
    }
  }
  return [...byClient.values()].map(({ oldest: _oldest, ...c }) => c);
}

export function publishNotice(ctx: SignedInContext, input: ParsedInput<'notices.publish'>): { notice: PrivacyNotice; affectedCount: number } {
  const { vault, session, core } = ctx;
  const id = newId('pn');
  const versionLabel = input.versionLabel.normalize('NFC');
  return vault.db.transaction(() => {
    if (vault.db.prepare('SELECT 1 FROM privacy_notices WHERE version_label = ?').get(versionLabel)) {
      throw new AppError('CONFLICT', 'A privacy notice with that version label has already been published. Give this one a new label.', {
        issues: [{ field: 'versionLabel', message: 'That version label is already used.' }],
      });
    }
    vault.db
      .prepare('INSERT INTO privacy_notices (id, version_label, effective_on, text, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, versionLabel, input.effectiveOn, input.text.normalize('NFC'), core.clock.now().toISOString(), session.staff.id);
    const notice = getNotice(vault.db, id)!;
    const affectedCount = affectedBy(vault.db, notice).length;
    vault.audit.append({ staffId: session.staff.id, action: 'notice.published', detail: { noticeId: id, affected: affectedCount } });
    return { notice, affectedCount };
  })();
}

export function noticeAffected(ctx: SignedInContext, noticeId: string): NoticeAffectedClient[] {
  const notice = getNotice(ctx.vault.db, noticeId);
  if (!notice) throw new AppError('NOT_FOUND', 'That privacy notice could not be found.');
  const affected = affectedBy(ctx.vault.db, notice);
  ctx.vault.audit.append({
    staffId: ctx.session.staff.id,
    action: 'notice.affected_viewed',
    detail: { noticeId, count: affected.length },
  });
  return affected;
}
