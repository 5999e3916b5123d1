/**
 * Fills a vault's clients table with synthetic identities for the benchmark.
 * Seeded and deterministic; names in several scripts. (The full synthetic
 * clinic, with histories, treatments and photos, arrives with the records issue.)
 */
import type { Db } from '../src-main/core/db/types';

const FIRST = ['Olivia', 'Amelia', 'Zoë', 'Siobhán', 'Agnieszka', 'Fatima', 'Mei', 'Priya', 'Chloé', 'Aisha', 'Małgorzata', 'Noor', '美玲', 'فاطمة', 'Grace', 'Isla'];
const LAST = ['Smith', 'Jones', 'Williams', 'Nowak', 'Wiśniewska', 'Khan', 'Patel', 'Chen', 'Ó Briain', 'Brown', 'Davies', 'Evans', '王', 'حداد', 'Taylor', 'Wilson'];
const POSTCODES = ['BS1 4DJ', 'SW1A 1AA', 'M1 1AE', 'EH1 1YZ', 'CF10 1EP', 'BT1 5GS', 'LS1 4DY', 'B1 1BB'];

/** A tiny seeded PRNG (mulberry32): the same seed gives the same clinic every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedIdentities(db: Db, count: number, seed = 1): void {
  const rand = seededRandom(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const insert = db.prepare(
    `INSERT INTO clients (id, first_name, last_name, preferred_name, date_of_birth, email, mobile, postcode, created_at, updated_at, last_interaction_at)
     VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const first = pick(FIRST);
      const last = pick(LAST);
      const year = 1950 + Math.floor(rand() * 55);
      const dob = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
      const at = new Date(Date.UTC(2020, 0, 1) + Math.floor(rand() * 6 * 365 * 86400_000)).toISOString();
      insert.run(`cl_bench${String(i).padStart(8, '0')}`, first, last, dob, `client${i}@example.test`, `07700 9${String(i % 100000).padStart(5, '0')}`, pick(POSTCODES), at, at, at);
    }
  })();
}
