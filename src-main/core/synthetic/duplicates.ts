/**
 * A few realistic duplicate records in the synthetic clinic (issue #10 item 2,
 * docs/duplicates.md), for the demo, the e2e tests and the benchmark: the
 * same person registered again at the desk, with the same date of birth and
 * mobile, but the name typed another way (the accent dropped, a space or an
 * apostrophe added or left out, in capitals), no email and nothing else, as a
 * hurried walk-in would be. About one client in 500 gets one.
 *
 * Written like the rest of the clinic (the clients table and the search index
 * only), inside the generator's transaction. Same seed → same duplicates.
 */
import type { ClientIdentity } from '../../contract/record-types';
import { identityFromRow, type ClientRow } from '../clients/client-repo';
import { indexClient, searchDocumentFor } from '../clients/search-index';
import type { Db } from '../db/types';
import { isoStamp } from './calendar';
import { Rng } from './random';

/** One duplicate per this many clients (none for a clinic smaller than this). */
export const CLIENTS_PER_DUPLICATE = 500;

/** A stream of its own, apart from the per-client streams (random.ts). */
const DUPLICATE_SEED_MIX = 0x0d0b_1e55;

const dropAccents = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');

/** Names with an accent, a space, an apostrophe or a hyphen: where a second typing goes astray. */
const isTricky = (name: string) => dropAccents(name) !== name || /[ '’-]/.test(name);
/** Names in Latin letters, which a receptionist retypes in these ways (capitals, accents). */
const LATIN_NAME = /^[\p{Script=Latin} '’-]+$/u;

/** The name as someone else typed it: the accents dropped, the spaces and apostrophes changed, or in capitals. */
export function retypedName(name: string, variant: number): string {
  const plain = dropAccents(name);
  if (variant % 3 === 0 && plain !== name) return plain;
  if (variant % 3 === 1 && /[ '’-]/.test(name)) return name.includes(' ') ? name.replace(/ /g, '') : name.replace(/['’-]/g, ' ');
  if (plain !== name) return plain;
  return name.toUpperCase();
}

interface CandidateRow extends ClientRow {
  rowid: number;
}

/**
 * Adds the duplicates for a clinic of `clients` clients already written to `db`;
 * returns their ids (each with the id of the record it duplicates).
 */
export function addSyntheticDuplicates(db: Db, opts: { seed: number; clients: number; today: number }): { id: string; of: string }[] {
  const wanted = Math.floor(opts.clients / CLIENTS_PER_DUPLICATE);
  if (wanted === 0) return [];
  const rng = new Rng((opts.seed ^ DUPLICATE_SEED_MIX) >>> 0, 0);
  const rows = db
    .prepare("SELECT rowid, * FROM clients WHERE mobile <> '' AND date_of_birth IS NOT NULL AND deceased_on IS NULL ORDER BY rowid")
    .all() as CandidateRow[];
  const latin = rows.filter((r) => LATIN_NAME.test(r.first_name) && LATIN_NAME.test(r.last_name));
  const tricky = latin.filter((r) => isTricky(r.last_name) || isTricky(r.first_name));
  const pool = tricky.length >= wanted ? tricky : latin;
  const step = Math.max(1, Math.floor(pool.length / wanted));
  const insert = db.prepare(
    `INSERT INTO clients (id, first_name, last_name, preferred_name, date_of_birth, gender, address_lines, postcode, email, mobile,
       other_phones, nhs_number, occupation, treatment_interests, gp, notes, created_at, updated_at, last_interaction_at)
     VALUES (@id, @firstName, @lastName, '', @dateOfBirth, @gender, '[]', @postcode, '', @mobile, '[]', '', '', '[]', NULL, '', @at, @at, @at)`,
  );
  const made: { id: string; of: string }[] = [];
  for (let n = 0; n < wanted && n * step < pool.length; n++) {
    const original = pool[n * step]!;
    const identity: ClientIdentity = identityFromRow(original);
    const twin: ClientIdentity = {
      ...identity,
      firstName: isTricky(identity.lastName) || !isTricky(identity.firstName) ? identity.firstName : retypedName(identity.firstName, n),
      lastName: isTricky(identity.lastName) || !isTricky(identity.firstName) ? retypedName(identity.lastName, n) : identity.lastName,
      preferredName: '',
      email: '',
      addressLines: [],
      otherPhones: [],
      nhsNumber: '',
      occupation: '',
      treatmentInterests: [],
      gp: null,
      notes: '',
    };
    const id = rng.id('cl');
    // Registered again within the last year, during opening hours.
    const at = isoStamp(opts.today - rng.int(1, 365), 9 * 3600 + rng.int(0, 8 * 3600));
    const info = insert.run({ id, ...twin, at });
    indexClient(db, info.lastInsertRowid, searchDocumentFor(twin));
    made.push({ id, of: original.id });
  }
  return made;
}
