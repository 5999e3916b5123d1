/**
 * Search queries the way people at a front desk type them, built from the
 * generated clients themselves: partial names in either order, names without
 * their accents, phone numbers in four formats, postcodes with and without
 * the space, dates of birth as DD/MM/YYYY, emails. Deterministic, so every
 * run times the same 300 searches.
 */
import { identityFromRow, type ClientRow } from '../src-main/core/clients/client-repo';
import { foldForSearch } from '../src-main/core/clients/search-index';
import type { Db } from '../src-main/core/db/types';
import { Rng } from '../src-main/core/synthetic/random';
import { formatUkDate, normaliseUkPhone } from '../src-main/contract/uk-formats';

export interface BenchQuery {
  query: string;
  form: string;
  /** The client the query was made from (a phone or postcode may match others first). */
  clientId: string;
}

const initial = (s: string, n: number) => [...s].slice(0, n).join('');

/** One query per form in turn, each from a different client. */
const FORMS: readonly (readonly [string, (c: ReturnType<typeof identityFromRow>, rng: Rng) => string | null])[] = [
  ['full name', (c) => `${c.firstName} ${c.lastName}`],
  ['surname first', (c) => `${c.lastName} ${c.firstName}`],
  ['partial names', (c) => `${initial(c.firstName, 3)} ${initial(c.lastName, 4)}`],
  ['partial, surname first', (c) => `${initial(c.lastName, 3)} ${initial(c.firstName, 2)}`],
  ['without accents', (c) => foldForSearch(`${c.firstName} ${c.lastName}`)],
  ['surname only', (c) => c.lastName],
  ['mobile', (c, rng) => {
    const n = c.mobile ? normaliseUkPhone(c.mobile) : null;
    if (!n) return null;
    return rng.pick([n, `${n.slice(0, 5)} ${n.slice(5)}`, `+44 ${n.slice(1, 5)} ${n.slice(5)}`, `(0${n.slice(1, 5)}) ${n.slice(5, 8)} ${n.slice(8)}`]);
  }],
  ['postcode', (c, rng) => (rng.chance(0.5) ? c.postcode : c.postcode.replace(' ', '').toLowerCase())],
  ['date of birth', (c) => formatUkDate(c.dateOfBirth)],
  ['email', (c, rng) => (c.email ? (rng.chance(0.6) ? c.email : c.email.split('@')[0]!) : null)],
];

export function buildQueries(db: Db, count: number, seed = 99): BenchQuery[] {
  const rng = new Rng(seed);
  const total = (db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
  const byRowid = db.prepare('SELECT rowid, * FROM clients WHERE rowid = ?');
  const queries: BenchQuery[] = [];
  for (let i = 0; queries.length < count && i < count * 3; i++) {
    const row = byRowid.get(rng.int(1, total)) as ClientRow | undefined;
    if (!row) continue;
    const [form, make] = FORMS[queries.length % FORMS.length]!;
    const query = make(identityFromRow(row), rng);
    if (query) queries.push({ query, form, clientId: row.id });
  }
  return queries;
}

export interface Timings {
  p50Ms: number;
  p95Ms: number;
  meanMs: number;
}

export function percentile(sortedMs: number[], q: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.max(0, Math.ceil(q * sortedMs.length) - 1))]!;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

export function summarise(ms: number[]): Timings {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50Ms: round(percentile(sorted, 0.5)), p95Ms: round(percentile(sorted, 0.95)), meanMs: round(ms.reduce((a, b) => a + b, 0) / ms.length) };
}

export type Searcher = (query: string) => Promise<string[]> | string[];

/**
 * Runs every query once on each searcher to warm caches and JIT (a front desk
 * searches all day), then times `rounds` passes, taking the searchers in turn
 * so neither gains from going second. Also counts how many queries had their
 * client among the results.
 */
export async function timeSearches<K extends string>(
  queries: BenchQuery[],
  searchers: Record<K, Searcher>,
  rounds = 3,
): Promise<Record<K, Timings & { found: number; queries: number }>> {
  const names = Object.keys(searchers) as K[];
  const found = {} as Record<K, number>;
  const times = {} as Record<K, number[]>;
  for (const name of names) {
    found[name] = 0;
    times[name] = [];
    for (const q of queries) if ((await searchers[name](q.query)).includes(q.clientId)) found[name]++;
  }
  for (let r = 0; r < rounds; r++) {
    for (const name of names) {
      for (const q of queries) {
        const t = performance.now();
        await searchers[name](q.query);
        times[name].push(performance.now() - t);
      }
    }
  }
  const out = {} as Record<K, Timings & { found: number; queries: number }>;
  for (const name of names) out[name] = { ...summarise(times[name]), found: found[name], queries: queries.length };
  return out;
}
