/**
 * The redactions recorded on one subject-access request (migration 0020). The
 * reason in words is sealed under the clinical key, bound to its request and
 * item, like other free text about a client's record (docs/clinical-sealing.md).
 */
import type { RedactionRecord, WithheldReason } from '../../contract/access-pack-schemas';
import type { Db } from '../db/types';
import { type ClinicalKeyHolder, type SealPlace, clinicalKeyOf, openNullableText, sealNullableText } from '../crypto/clinical-seal';

interface RedactionRow {
  item_id: string;
  reason: WithheldReason;
  reason_text: string | null;
  recorded_at: string;
  recorded_by_name: string | null;
}

function place(clientId: string, requestId: string, itemId: string): SealPlace {
  return { table: 'access_pack_redactions', column: 'reason_text', clientId, rowId: `${requestId}/${itemId}` };
}

export class RedactionStore {
  constructor(
    private readonly db: Db,
    private readonly keys: ClinicalKeyHolder,
  ) {}

  list(requestId: string, clientId: string): RedactionRecord[] {
    const rows = this.db
      .prepare(
        `SELECT r.item_id, r.reason, r.reason_text, r.recorded_at, s.display_name AS recorded_by_name
           FROM access_pack_redactions r LEFT JOIN staff s ON s.id = r.recorded_by
          WHERE r.request_id = ? ORDER BY r.recorded_at, r.item_id`,
      )
      .all(requestId) as RedactionRow[];
    const key = rows.some((r) => r.reason_text !== null) ? clinicalKeyOf(this.keys) : null;
    return rows.map((r) => ({
      itemId: r.item_id,
      reason: r.reason,
      reasonText: key ? openNullableText(key, place(clientId, requestId, r.item_id), r.reason_text) : null,
      recordedAt: r.recorded_at,
      recordedBy: r.recorded_by_name ?? '',
    }));
  }

  /** Adds or replaces the redaction of one item. */
  put(r: { requestId: string; clientId: string; itemId: string; reason: WithheldReason; reasonText: string | null; at: string; staffId: string }): void {
    const sealed = r.reasonText === null ? null : sealNullableText(clinicalKeyOf(this.keys), place(r.clientId, r.requestId, r.itemId), r.reasonText);
    this.db
      .prepare(
        `INSERT INTO access_pack_redactions (request_id, item_id, reason, reason_text, recorded_at, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (request_id, item_id) DO UPDATE SET reason = excluded.reason, reason_text = excluded.reason_text,
           recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by`,
      )
      .run(r.requestId, r.itemId, r.reason, sealed, r.at, r.staffId);
  }

  remove(requestId: string, itemId: string): boolean {
    return this.db.prepare('DELETE FROM access_pack_redactions WHERE request_id = ? AND item_id = ?').run(requestId, itemId).changes > 0;
  }
}
