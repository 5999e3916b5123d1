/**
 * Re-sealing every clinical value under a new clinical key, for a rotation of
 * the clinical key (when the old one may be known to someone who should no
 * longer read clinical data: a removed practitioner who kept a copy of it).
 * The keyring work decides when to rotate; this moves the data.
 *
 * Like the legacy step (legacy-sealing.ts) it goes in batches, each one
 * transaction, and reads from each value which key it is under (the new key is
 * tried first; GCM tells them apart), so a rotation cut short by a crash is
 * finished by running it again with the same two keys, and a value already
 * under the new key is left alone. A value that opens under neither is left as
 * it is and counted: the rotation does not hide damage, the reading code
 * reports it (RECORD_DAMAGED).
 */
import { changePlace } from '../clients/change-history';
import { disputePlace } from '../clients/disputes';
import type { HealthSection } from '../clients/section-store';
import { sectionPlace } from '../clients/section-store';
import type { Db } from '../db/types';
import { fileKeyPlace } from '../files/file-rows';
import { photoPlace } from '../photos/photo-rows';
import { treatmentPlace } from '../treatments/treatment-repo';
import type { RecordSection } from '../../contract/record-types';
import { type SealPlace, SEALED_TEXT_PREFIX, isSealedText, openBytes, sealBytes } from '../crypto/clinical-seal';

type Row = Record<string, unknown> & { rowid: number };

interface SealedColumn {
  name: string;
  /** 'text': base64 after SEALED_TEXT_PREFIX in a TEXT column; 'bytes': a BLOB. */
  kind: 'text' | 'bytes';
  place(row: Row): SealPlace;
}

interface SealedTable {
  table: string;
  /** Which rows hold sealed values. */
  where: string;
  /** The columns the places need, besides the sealed ones. */
  context: string[];
  columns: SealedColumn[];
}

const str = (row: Row, column: string) => row[column] as string;
const changeOf = (r: Row) => ({ id: str(r, 'id'), clientId: str(r, 'client_id'), section: str(r, 'section') as RecordSection, field: str(r, 'field') });

const TABLES: SealedTable[] = [
  {
    table: 'client_sections',
    where: '1',
    context: ['client_id', 'section'],
    columns: [{ name: 'data', kind: 'text', place: (r) => sectionPlace(str(r, 'client_id'), str(r, 'section') as HealthSection) }],
  },
  {
    table: 'treatments',
    where: 'details_sealed IS NOT NULL',
    context: ['id', 'client_id'],
    columns: [{ name: 'details_sealed', kind: 'bytes', place: (r) => treatmentPlace(str(r, 'client_id'), str(r, 'id')) }],
  },
  {
    table: 'field_changes',
    where: "section <> 'identity'",
    context: ['id', 'client_id', 'section', 'field'],
    columns: (['old_value', 'new_value', 'reason'] as const).map((name) => ({ name, kind: 'text' as const, place: (r: Row) => changePlace(changeOf(r), name) })),
  },
  {
    table: 'field_disputes',
    where: "section <> 'identity'",
    context: ['id', 'client_id', 'section', 'field'],
    columns: [{ name: 'note', kind: 'text', place: (r) => disputePlace(changeOf(r)) }],
  },
  {
    table: 'photos',
    where: '1',
    context: ['id', 'client_id'],
    columns: (['area', 'consent_reference'] as const).map((name) => ({
      name,
      kind: 'text' as const,
      place: (r: Row) => photoPlace({ id: str(r, 'id'), client_id: str(r, 'client_id') }, name),
    })),
  },
  {
    table: 'files',
    where: 'length(file_key) <> 32',
    context: ['id'],
    columns: [{ name: 'file_key', kind: 'bytes', place: (r) => fileKeyPlace(str(r, 'id')) }],
  },
];

export interface ResealReport {
  /** Values moved from the old key to the new one. */
  resealed: number;
  /** Values that opened under neither key (left as they were). */
  unreadable: number;
}

function sealedBytesOf(column: SealedColumn, stored: unknown): Buffer | null {
  if (column.kind === 'bytes') return Buffer.isBuffer(stored) ? stored : null;
  return isSealedText(stored as string | null) ? Buffer.from((stored as string).slice(SEALED_TEXT_PREFIX.length), 'base64') : null;
}

function opensWith(key: Buffer, place: SealPlace, sealed: Buffer): Buffer | null {
  try {
    return openBytes(key, place, sealed);
  } catch {
    return null;
  }
}

export function resealClinicalRows(db: Db, from: Buffer, to: Buffer, opts: { batchSize?: number } = {}): ResealReport {
  const batch = opts.batchSize ?? 2000;
  const report: ResealReport = { resealed: 0, unreadable: 0 };
  for (const t of TABLES) {
    const names = t.columns.map((c) => c.name);
    const select = db.prepare(`SELECT rowid, ${[...t.context, ...names].join(', ')} FROM ${t.table} WHERE ${t.where} AND rowid > ? ORDER BY rowid LIMIT ?`);
    const update = db.prepare(`UPDATE ${t.table} SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE rowid = @rowid`);
    let after = 0;
    for (;;) {
      const rows = db.transaction(() => {
        const found = select.all(after, batch) as Row[];
        for (const row of found) {
          const next: Record<string, unknown> = { rowid: row.rowid };
          let changed = false;
          for (const c of t.columns) {
            next[c.name] = row[c.name];
            const sealed = sealedBytesOf(c, row[c.name]);
            if (!sealed) continue;
            const place = c.place(row);
            if (opensWith(to, place, sealed)) continue;
            const plain = opensWith(from, place, sealed);
            if (!plain) {
              report.unreadable++;
              continue;
            }
            const again = sealBytes(to, place, plain);
            next[c.name] = c.kind === 'bytes' ? again : SEALED_TEXT_PREFIX + again.toString('base64');
            plain.fill(0);
            changed = true;
            report.resealed++;
          }
          if (changed) update.run(next);
        }
        return found;
      })();
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.rowid;
    }
  }
  return report;
}
