/**
 * The real parts behind the access pack's ports (ports.ts): the request
 * register, the record of processing, restriction, the statement of
 * disagreement, the clinic's letterhead and the PDF builder.
 */
import { AppError } from '../../contract/errors';
import { getSubjectRequest, readRequests, recordOnRequest, requestHistory, todayFor } from '../requests/request-store';
import { isProcessingRestricted } from '../requests/restriction';
import { rectificationFor } from '../rectification/rectification-store';
import { PdfBuilder, clinicLetterhead, scaleImageForPrint } from '../pdf';
import { readProcessingRecord } from '../processing-record/processing-record';
import type { AccessPackPorts } from './ports';

/** The request's history in the person's words (the register's kinds are codes). */
const HISTORY_TEXT: Record<string, string> = {
  logged: 'Your request was logged',
  updated: 'Your request was updated',
  'letter.made': 'We wrote to you',
  'redaction.added': 'An item was withheld from this response',
  'redaction.removed': 'A withheld item was released',
  'pack.exported': 'This response was prepared',
  'client.merged': 'Two records we held for you were joined into one',
};

function historyText(kind: string): string {
  return HISTORY_TEXT[kind] ?? kind.replace(/[._]/g, ' ');
}

const PAGE_PHOTO_LONG_SIDE_PX = 1000;

export const accessPackPorts: AccessPackPorts = {
  // The CLI takes the reference the owner sees on letters (DSR-2026-0007) as well as the id.
  getRequest: (ctx, idOrReference) => {
    if (!/^DSR-\d{4}-\d+$/.test(idOrReference)) return getSubjectRequest(ctx, idOrReference);
    const [byReference] = readRequests(ctx, 'r.reference = ?', [idOrReference], todayFor(ctx));
    if (!byReference) throw new AppError('REQUEST_NOT_FOUND');
    return byReference;
  },
  recordOnRequest,
  requestHistory: (ctx, id) => requestHistory(ctx.db, id).map((h) => ({ id: String(h.seq), at: h.at, what: historyText(h.kind) })),
  processingRecord: (ctx) => readProcessingRecord(ctx),
  isRestricted: (ctx, clientId) => isProcessingRestricted(ctx.db, clientId),
  // Every statement the client made (Art 16 with Art 18(1)(a)), oldest first, under the latest one's id and date.
  statementOfDisagreement: (ctx, clientId) => {
    const statements = [...rectificationFor(ctx, clientId).statements].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
    const latest = statements.at(-1);
    if (!latest) return null;
    return {
      id: latest.id,
      text: statements.map((s) => `${s.field} (${s.section}): ${s.statement}`).join('\n'),
      recordedOn: latest.recordedAt.slice(0, 10),
    };
  },
  letterhead: (ctx) => clinicLetterhead(ctx.settings),
  newPdf: (options) => new PdfBuilder(options),
  // A photo is drawn at most 481 x 360 pt (6.7 x 5 in), so 1000 px is 150 dpi: enough for a record, and a
  // 4000 px camera JPEG decodes at a quarter of its size (libjpeg's shrink-on-load), several times faster
  // than for 1600 px. The ZIP keeps the original.
  scaleForPage: async (image) => (await scaleImageForPrint(image, PAGE_PHOTO_LONG_SIDE_PX)).data,
};
