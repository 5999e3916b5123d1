/**
 * Versions of the clinic's privacy notice. Each is kept exactly as published
 * (the table's triggers refuse edits), so every consent can show what the
 * client was told (Art 7(1), Art 13). When a new version is published, the
 * owner sees whose granted consents rest on an older one, to tell them: a
 * count, pages of 100 and a CSV, each its own call (consent/notice-affected.ts),
 * so publishing itself is one insert however large the clinic.
 */
import type { NoticeAffectedCount, NoticeAffectedPage, PrivacyNotice } from '../../contract/consent-types';
import { AppError } from '../../contract/errors';
import type { ParsedInput } from '../../contract/schemas';
import type { Db } from '../db/types';
import type { CallContext } from '../platform/ports';
import type { SignedInContext } from '../handler-types';
import { newId } from '../platform/ids';
import { type StreamOptions, streamToFileAtomically } from '../export/stream-to-file';
import { csvRow, CSV_BOM } from '../export/csv';
import { affectedPage, countAffected, eachAffected } from './notice-affected';

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

export function publishNotice(ctx: SignedInContext, input: ParsedInput<'notices.publish'>): { notice: PrivacyNotice } {
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
    // The affected clients are not looked at here: the page asks for them next (notices.affectedCount).
    vault.audit.append({ staffId: session.staff.id, action: 'notice.published', detail: { noticeId: id } });
    return { notice: getNotice(vault.db, id)! };
  })();
}

function requireNotice(db: Db, noticeId: string): PrivacyNotice {
  const notice = getNotice(db, noticeId);
  if (!notice) throw new AppError('NOT_FOUND', 'That privacy notice could not be found.');
  return notice;
}

export function noticeAffectedCount(ctx: SignedInContext, noticeId: string): NoticeAffectedCount {
  return countAffected(ctx.vault.db, requireNotice(ctx.vault.db, noticeId));
}

/** One page of 100, audited as viewed (ids and counts only). */
export function noticeAffected(ctx: SignedInContext, noticeId: string, after?: string): NoticeAffectedPage {
  const page = affectedPage(ctx.vault.db, requireNotice(ctx.vault.db, noticeId), after);
  ctx.vault.audit.append({
    staffId: ctx.session.staff.id,
    action: 'notice.affected_viewed',
    detail: { noticeId, count: page.clients.length },
  });
  return page;
}

const AFFECTED_HEADERS = ['Client', 'Consents', 'Version they were given'];

/** Rows between progress reports and stop checks. */
const CSV_STEP_ROWS = 1_000;

/**
 * The CSV's text, piece by piece: BOM and header, then a row per affected
 * client (CRLF after each). With a call, progress counts towards the affected
 * total and a cancel stops between steps, so the caller keeps nothing.
 */
export function* affectedCsvPieces(db: Db, notice: PrivacyNotice, call?: CallContext): Generator<string> {
  const total = call ? countAffected(db, notice).total : 0;
  let done = 0;
  const step = () => {
    call?.throwIfStopped();
    call?.progress({ done, total, label: 'Making the list of clients to tell' });
  };
  step();
  yield `${CSV_BOM}${csvRow(AFFECTED_HEADERS)}\r\n`;
  for (const c of eachAffected(db, notice)) {
    if (++done % CSV_STEP_ROWS === 0) step();
    yield `${csvRow([c.name, c.purposes.join(', '), c.noticeVersion || 'none recorded'])}\r\n`;
  }
  step();
}

function auditExport(ctx: SignedInContext, noticeId: string, rows: number): void {
  ctx.vault.audit.append({ staffId: ctx.session.staff.id, action: 'notice.affected_exported', detail: { noticeId, rows } });
}

/** The whole list as CSV text, for the window to save (the browser download). */
export function noticeAffectedCsv(ctx: SignedInContext, noticeId: string): { csv: string; rows: number } {
  const notice = requireNotice(ctx.vault.db, noticeId);
  const pieces = [...affectedCsvPieces(ctx.vault.db, notice, ctx.call)];
  auditExport(ctx, noticeId, pieces.length - 1);
  return { csv: pieces.join(''), rows: pieces.length - 1 };
}

/**
 * The list streamed to a file (docs/consent-scale.md): whole or not at all,
 * never the full list in memory; a cancel leaves no file. Audited once written.
 */
export async function writeNoticeAffectedCsv(ctx: SignedInContext, noticeId: string, file: string, opts: StreamOptions = {}): Promise<{ rows: number; bytes: number }> {
  const notice = requireNotice(ctx.vault.db, noticeId);
  let rows = -1;
  const counted = function* () {
    for (const piece of affectedCsvPieces(ctx.vault.db, notice, ctx.call)) {
      rows++;
      yield piece;
    }
  };
  const bytes = await streamToFileAtomically(file, counted(), opts);
  auditExport(ctx, noticeId, rows);
  return { rows, bytes };
}
