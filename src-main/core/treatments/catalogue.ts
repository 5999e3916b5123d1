/**
 * The treatment catalogue: what the clinic offers, and for each whether it is
 * an injectable (product, batch and expiry required for recalls) and whether
 * it is toxin or filler (the under-18 rule applies; catalogue-rules.ts). Types are never deleted:
 * past treatments point at them, so a type the clinic stops offering is made
 * inactive instead.
 */
import type { TreatmentType } from '../../contract/record-types';
import type { Db } from '../db/types';
import { BUILT_IN_TYPES } from './catalogue-rules';

interface TypeRow {
  id: string;
  name: string;
  injectable: number;
  toxin_or_filler: number;
  toxin_or_filler_answered: number;
  active: number;
}

function toType(r: TypeRow): TreatmentType {
  return {
    id: r.id,
    name: r.name,
    injectable: r.injectable === 1,
    toxinOrFiller: r.toxin_or_filler === 1,
    toxinOrFillerAnswered: r.toxin_or_filler_answered === 1,
    builtIn: Object.hasOwn(BUILT_IN_TYPES, r.id),
    active: r.active === 1,
  };
}

export class TreatmentTypeRepo {
  private readonly listStmt;
  private readonly getStmt;

  constructor(private readonly db: Db) {
    this.listStmt = db.prepare('SELECT * FROM treatment_types ORDER BY sort_order, name');
    this.getStmt = db.prepare('SELECT * FROM treatment_types WHERE id = ?');
  }

  list(): TreatmentType[] {
    return (this.listStmt.all() as TypeRow[]).map(toType);
  }

  get(id: string): TreatmentType | undefined {
    const row = this.getStmt.get(id) as TypeRow | undefined;
    return row && toType(row);
  }

  insert(t: TreatmentType): void {
    // New types go after the existing ones, so the seeded order stays as it was.
    this.db
      .prepare(
        `INSERT INTO treatment_types (id, name, injectable, toxin_or_filler, toxin_or_filler_answered, active, sort_order)
         VALUES (?, ?, ?, ?, ?, ?, (SELECT coalesce(max(sort_order), 0) + 10 FROM treatment_types))`,
      )
      .run(t.id, t.name, +t.injectable, +t.toxinOrFiller, +t.toxinOrFillerAnswered, +t.active);
  }

  update(t: TreatmentType): void {
    this.db
      .prepare('UPDATE treatment_types SET name = ?, injectable = ?, toxin_or_filler = ?, toxin_or_filler_answered = ?, active = ? WHERE id = ?')
      .run(t.name, +t.injectable, +t.toxinOrFiller, +t.toxinOrFillerAnswered, +t.active, t.id);
  }
}

/** "Dermal  Filler" and "dermal filler" are one treatment: compare without case or extra spaces. */
export function sameTypeName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');
  return norm(a) === norm(b);
}
