/**
 * Moving a merged-away record's clinical rows to the kept record: treatments,
 * photos, change history, disputes and (where the kept record has none, or
 * the person chose it) the medical and lifestyle histories.
 *
 * Every clinical value is sealed with its client's id in the AAD
 * (docs/clinical-sealing.md), so a row cannot simply be re-pointed: a value
 * moved that way would no longer open (RECORD_DAMAGED), which is exactly what
 * the sealing is for. Each sealed value is opened at its old place and sealed
 * again at its new one, under the clinical key the merging practitioner or
 * owner holds. Call inside the merge's transaction.
 */
import type { RecordSection } from '../../contract/record-types';
import type { MergeSide } from '../../contract/duplicate-types';
import type { Db } from '../db/types';
import { type SealPlace, SEALED_TEXT_PREFIX, isSealedText, openBytes, recordDamaged, sealBytes } from '../crypto/clinical-seal';
import { photoPlace } from '../photos/photo-rows';
import { treatmentPlace } from '../treatments/treatment-repo';
import { changePlace } from '../clients/change-history';
import { disputePlace } from '../clients/disputes';
import { type HealthSection, sectionPlace } from '../clients/section-store';

type Row = Record<string, unknown>;
const str = (row: Row, column: string) => row[column] as string;

interface SealedColumn {
  name: string;
  kind: 'text' | 'bytes';
  place(row: Row, clientId: string): SealPlace;
}

interface MovedTable {
  table: string;
  /** The row's own key, to address it in the UPDATE. */
  key: string;
  /** The columns the places need, besides the sealed ones. */
  context: string[];
  /** Rows whose sealed columns need re-sealing (the others move as they are). */
  sealedWhere: string;
  columns: SealedColumn[];
}

const changeOf = (r: Row, clientId: string) => ({ id: str(r, 'id'), clientId, section: str(r, 'section') as RecordSection, field: str(r, 'field') });

const MOVED: MovedTable[] = [
  {
    table: 'treatments',
    key: 'id',
    context: ['id'],
    sealedWhere: 'details_sealed IS NOT NULL',
    columns: [{ name: 'details_sealed', kind: 'bytes', place: (r, c) => treatmentPlace(c, str(r, 'id')) }],
  },
  {
    table: 'photos',
    key: 'id',
    context: ['id'],
    sealedWhere: '1',
    columns: (['area', 'consent_reference'] as const).map((name) => ({
      name,
      kind: 'text' as const,
      place: (r: Row, c: string) => photoPlace({ id: str(r, 'id'), client_id: c }, name),
    })),
  },
  {
    table: 'field_changes',
    key: 'id',
    context: ['id', 'section', 'field'],
    sealedWhere: "section <> 'identity'",
    columns: (['old_value', 'new_value', 'reason'] as const).map((name) => ({
      name,
      kind: 'text' as const,
      place: (r: Row, c: string) => changePlace(changeOf(r, c), name),
    })),
  },
  {
    table: 'field_disputes',
    key: 'id',
    context: ['id', 'section', 'field'],
    sealedWhere: "section <> 'identity'",
    columns: [{ name: 'note', kind: 'text', place: (r, c) => disputePlace(changeOf(r, c)) }],
  },
];

/** A sealed value opened where it was and sealed again at `to` (NULL and plain identity values pass through). */
function reseal(key: Buffer, column: SealedColumn, stored: unknown, from: SealPlace, to: SealPlace): unknown {
  if (stored === null || stored === undefined) return stored;
  if (column.kind === 'bytes') {
    const plain = openBytes(key, from, stored as Buffer);
    const again = sealBytes(key, to, plain);
    plain.fill(0);
    return again;
  }
  // Plain text where a sealed value belongs is refused like damage (clinical-seal.ts openText).
  if (!isSealedText(stored as string)) throw recordDamaged();
  const plain = openBytes(key, from, Buffer.from((stored as string).slice(SEALED_TEXT_PREFIX.length), 'base64'));
  const again = SEALED_TEXT_PREFIX + sealBytes(key, to, plain).toString('base64');
  plain.fill(0);
  return again;
}

/** Moves the rows of `fromId` to `toId`; returns how many rows each table moved. */
export function moveClinicalRows(db: Db, key: Buffer, fromId: string, toId: string): Record<string, number> {
  const moved: Record<string, number> = {};
  for (const t of MOVED) {
    const names = t.columns.map((c) => c.name);
    const sealedRows = db
      .prepare(`SELECT ${[...t.context, ...names].join(', ')} FROM ${t.table} WHERE client_id = ? AND ${t.sealedWhere}`)
      .all(fromId) as Row[];
    const update = db.prepare(`UPDATE ${t.table} SET ${names.map((n) => `${n} = @${n}`).join(', ')}, client_id = @toId WHERE ${t.key} = @key`);
    for (const row of sealedRows) {
      const next: Row = { key: row[t.key], toId };
      for (const c of t.columns) next[c.name] = reseal(key, c, row[c.name], c.place(row, fromId), c.place(row, toId));
      update.run(next);
    }
    // What is left has nothing sealed (identity history and disputes, treatments from before sealing).
    const rest = db.prepare(`UPDATE ${t.table} SET client_id = ? WHERE client_id = ?`).run(toId, fromId).changes;
    moved[t.table] = sealedRows.length + rest;
  }
  return moved;
}

interface SectionRow {
  client_id: string;
  section: HealthSection;
  data: string;
  reviewed_on: string | null;
  updated_at: string;
  updated_by: string;
}

/**
 * The medical or lifestyle history after a merge. Where only the merged-away
 * record has one, it moves; where both do, the one chosen goes on the kept
 * record and the other goes to the merged-away record, which keeps it (so
 * neither answer is lost). Returns where the kept record's section came from.
 */
export function moveSection(db: Db, key: Buffer, section: HealthSection, keptId: string, mergedId: string, choice: MergeSide): MergeSide | 'none' {
  const get = db.prepare('SELECT * FROM client_sections WHERE client_id = ? AND section = ?');
  const kept = get.get(keptId, section) as SectionRow | undefined;
  const merged = get.get(mergedId, section) as SectionRow | undefined;
  if (!merged) return kept ? 'kept' : 'none';
  if (kept && choice === 'kept') return 'kept';
  const insert = db.prepare(
    `INSERT INTO client_sections (client_id, section, data, reviewed_on, updated_at, updated_by)
     VALUES (@client_id, @section, @data, @reviewed_on, @updated_at, @updated_by)`,
  );
  const column: SealedColumn = { name: 'data', kind: 'text', place: (_r, c) => sectionPlace(c, section) };
  db.prepare('DELETE FROM client_sections WHERE client_id IN (?, ?) AND section = ?').run(keptId, mergedId, section);
  insert.run({ ...merged, client_id: keptId, data: reseal(key, column, merged.data, sectionPlace(mergedId, section), sectionPlace(keptId, section)) });
  if (kept) {
    insert.run({ ...kept, client_id: mergedId, data: reseal(key, column, kept.data, sectionPlace(keptId, section), sectionPlace(mergedId, section)) });
  }
  return 'merged';
}
