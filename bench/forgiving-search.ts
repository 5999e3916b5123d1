/**
 * Forgiving search (issue #10 item 9, docs/forgiving-search.md): the
 * phone-call queries the old search missed (typos, the middle of a surname,
 * name plus a year or part of a date of birth, apostrophes and spaces), timed
 * through the core on the encrypted vault and with the same search code on an
 * unencrypted copy of the same clinic. The existing 300 front-desk queries
 * (bench/records-search.ts) are timed again on the same two databases, since
 * every name query now has more phases behind it.
 *
 * Targets: p95 ≤ 10 ms at 50,000 clients (issue #10) and at 200,000 (issue
 * #9), encrypted ≤ 1.5x plain at p95.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../src-main/core/app';
import { identityFromRow, type ClientRow } from '../src-main/core/clients/client-repo';
import { ClientSearch } from '../src-main/core/clients/client-search';
import { foldForSearch, wordsOf } from '../src-main/core/clients/search-index';
import { generateClinic } from '../src-main/core/synthetic/generate-clinic';
import { type PlainStaff, openPlainClinicDatabase } from '../src-main/core/synthetic/plain-database';
import { Rng } from '../src-main/core/synthetic/random';
import { DEMO_STAFF, createSyntheticVault } from '../src-main/core/synthetic-vault';
import { openRawDatabase } from '../src-main/core/test-support/raw-database';
import type { Db } from '../src-main/core/db/types';
import { stateDirFor } from '../src-main/core/vault/state-dir';
import { londonToday } from '../src-main/contract/field-schemas';
import { buildQueries, summarise, timeSearches, type BenchQuery, type Searcher } from './records-search';

const SEED = 2026;
const loadAverage = () => Math.round(loadavg()[0]! * 10) / 10;
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

type Identity = ReturnType<typeof identityFromRow>;
const letters = (w: string) => [...w];

/** One typo of each kind, in the middle of the word where it hurts most. */
const TYPOS: readonly (readonly [string, (w: string[], i: number) => string[]])[] = [
  ['swap', (w, i) => [...w.slice(0, i), w[i + 1]!, w[i]!, ...w.slice(i + 2)]],
  ['dropped letter', (w, i) => [...w.slice(0, i), ...w.slice(i + 1)]],
  ['extra letter', (w, i) => [...w.slice(0, i + 1), w[i]!, ...w.slice(i + 1)]],
  ['changed letter', (w, i) => [...w.slice(0, i), w[i] === 'e' ? 'a' : 'e', ...w.slice(i + 1)]],
];

/** The longest folded word of the surname, if it has five letters or more. */
function surnameWord(c: Identity): string[] | null {
  const w = wordsOf(foldForSearch(c.lastName)).sort((a, b) => b.length - a.length)[0];
  return w && letters(w).length >= 5 ? letters(w) : null;
}

const year = (c: Identity) => c.dateOfBirth.slice(0, 4);
const monthYear = (c: Identity) => `${c.dateOfBirth.slice(5, 7)}/${year(c)}`;

const FORMS: readonly (readonly [string, (c: Identity, rng: Rng) => string | null])[] = [
  ...TYPOS.map(([kind, make]) => [`typo (${kind})`, (c: Identity, rng: Rng) => {
    const w = surnameWord(c);
    return w ? make(w, rng.int(1, w.length - 3)).join('') : null;
  }] as const),
  ['middle of the surname', (c, rng) => {
    const w = surnameWord(c);
    if (!w) return null;
    const from = rng.int(1, w.length - 3);
    return w.slice(from, from + rng.int(3, Math.min(5, w.length - from))).join('');
  }],
  ['name and year of birth', (c) => `${c.firstName} ${c.lastName} ${year(c)}`],
  ['surname and month/year of birth', (c) => `${c.lastName} ${monthYear(c)}`],
  ['first name, typo in surname, year', (c, rng) => {
    const w = surnameWord(c);
    return w ? `${c.firstName} ${TYPOS[0]![1](w, rng.int(1, w.length - 3)).join('')} ${year(c)}` : null;
  }],
  ['month/year of birth alone', (c) => monthYear(c)],
  ['surname run together or spaced', (c) => {
    const w = wordsOf(foldForSearch(c.lastName.replace(/['’]/g, ' ')));
    if (w.length < 2) return null;
    // "Ó Briain" typed "obriain", "O'Brien" typed "o brien".
    return /['’]/.test(c.lastName) ? w.join(' ') : w.join('');
  }],
];

function buildForgivingQueries(db: Db, count: number, seed = 7): BenchQuery[] {
  const rng = new Rng(seed);
  const total = (db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
  const byRowid = db.prepare('SELECT rowid, * FROM clients WHERE rowid = ?');
  const queries: BenchQuery[] = [];
  for (let i = 0; queries.length < count && i < count * 50; i++) {
    const row = byRowid.get(rng.int(1, total)) as ClientRow | undefined;
    if (!row) continue;
    const [form, make] = FORMS[queries.length % FORMS.length]!;
    const query = make(identityFromRow(row), rng);
    if (query) queries.push({ query, form, clientId: row.id });
  }
  return queries;
}

/**
 * CPU time of each search (this process, all threads), beside the wall time:
 * on two cores shared with other work, a search that waits for a core is slow
 * by the clock but not by its own work. The targets are wall time; this
 * figure says how much of a slow run was the machine.
 */
async function cpuTimes(queries: BenchQuery[], search: Searcher, rounds = 3) {
  const ms: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const before = process.cpuUsage();
      await search(q.query);
      const used = process.cpuUsage(before);
      ms.push((used.user + used.system) / 1000);
    }
  }
  return summarise(ms);
}

/**
 * Each query's best wall time of `rounds`, then p50/p95 over the queries: what
 * the search itself costs, with the moments it sat waiting for a core on a
 * busy machine taken out. Reported beside (not instead of) the plain p95.
 */
async function bestOfTimes(queries: BenchQuery[], search: Searcher, rounds = 3) {
  const best: number[] = [];
  for (const q of queries) {
    let min = Infinity;
    for (let r = 0; r < rounds; r++) {
      const t = performance.now();
      await search(q.query);
      min = Math.min(min, performance.now() - t);
    }
    best.push(min);
  }
  return summarise(best);
}

/** p50/p95 of each form on its own, encrypted: which kind of query is the slow one. */
async function byForm(queries: BenchQuery[], search: (q: string) => Promise<string[]>) {
  const out: Record<string, { p95Ms: number; bestOf3P95Ms: number; cpuP95Ms: number; queries: number }> = {};
  for (const form of new Set(queries.map((q) => q.form))) {
    const mine = queries.filter((q) => q.form === form);
    const t = await timeSearches(mine, { encrypted: search }, 3);
    out[form] = { p95Ms: t.encrypted.p95Ms, bestOf3P95Ms: (await bestOfTimes(mine, search)).p95Ms, cpuP95Ms: (await cpuTimes(mine, search)).p95Ms, queries: mine.length };
  }
  return out;
}

export async function benchForgivingSearch(opts: { quick: boolean; clients?: number }) {
  const clients = opts.clients ?? (opts.quick ? 5_000 : 50_000);
  const work = mkdtempSync(join(tmpdir(), 'cv-bench-forgiving-'));
  try {
    const today = londonToday();
    const vaultDir = join(work, 'vault');
    const made = await createSyntheticVault(vaultDir, { clients, seed: SEED, today, kdfCost: 'production' });
    const raw = await openRawDatabase(vaultDir, made.recoveryKey);
    const staff = raw.prepare('SELECT id, username, role FROM staff').all() as PlainStaff[];
    raw.close();
    const plain = openPlainClinicDatabase(join(work, 'plain.db'), staff);
    const plainClinic = await generateClinic(plain, { clients, seed: SEED, today }, { ownerId: made.staffIds.owner, practitionerIds: made.staffIds.practitioners });
    plain.pragma('wal_checkpoint(TRUNCATE)');
    const vocabularyWords = (plain.prepare('SELECT count(*) AS n FROM name_words').get() as { n: number }).n;
    // What the forgiving indexes add to the file, beside client_search itself (SQLite's dbstat).
    const mbOf = (like: string) =>
      Math.round(((plain.prepare('SELECT coalesce(sum(pgsize), 0) AS b FROM dbstat WHERE name LIKE ?').get(like) as { b: number }).b / 1e6) * 10) / 10;
    const sizeMB = {
      clientSearch: mbOf('client_search%'),
      trigramIndex: mbOf('client_name_grams%'),
      vocabulary: Math.round((mbOf('name_word%') + mbOf('client_name_words%')) * 10) / 10,
    };

    const account = DEMO_STAFF.find((s) => s.role === 'reception')!;
    const desk = openCore({ vaultDir, stateDir: stateDirFor(vaultDir), appVersion: 'bench', kdfCost: 'production' });
    await desk.call('session.signIn', { username: account.username, password: account.password });
    const plainSearch = new ClientSearch(plain);
    const searchers = (limit: number) => ({
      encrypted: async (q: string) => (await desk.call('clients.search', { query: q, limit })).results.map((h) => h.id),
      plain: (q: string) => plainSearch.search(q, limit).map((h) => h.id),
    });

    const forgivingQueries = buildForgivingQueries(plain, 300);
    const existingQueries = buildQueries(plain, 300);
    const loadBefore = loadAverage();
    const figures = (t: Awaited<ReturnType<typeof timeSearches<'encrypted' | 'plain'>>>) => {
      const ratioP95 = ratio(t.encrypted.p95Ms, t.plain.p95Ms);
      return {
        encrypted: t.encrypted,
        plain: t.plain,
        ratioP50: ratio(t.encrypted.p50Ms, t.plain.p50Ms),
        ratioP95,
        targetP95Ms: 10,
        targetRatioP95: 1.5,
        met: t.encrypted.p95Ms <= 10 && ratioP95 <= 1.5,
      };
    };
    const forgiving = figures(await timeSearches(forgivingQueries, searchers(20)));
    // The client list asks for 50: more of the later phases run to fill it.
    const forgivingListPage = figures(await timeSearches(forgivingQueries, searchers(50)));
    const existing = figures(await timeSearches(existingQueries, searchers(20)));
    const forms = await byForm(forgivingQueries, searchers(20).encrypted);
    const cpu = {
      forgiving: { encrypted: await cpuTimes(forgivingQueries, searchers(20).encrypted), plain: await cpuTimes(forgivingQueries, searchers(20).plain) },
      existing: { encrypted: await cpuTimes(existingQueries, searchers(20).encrypted), plain: await cpuTimes(existingQueries, searchers(20).plain) },
    };
    const bestOf3 = {
      forgiving: { encrypted: await bestOfTimes(forgivingQueries, searchers(20).encrypted), plain: await bestOfTimes(forgivingQueries, searchers(20).plain) },
      existing: { encrypted: await bestOfTimes(existingQueries, searchers(20).encrypted), plain: await bestOfTimes(existingQueries, searchers(20).plain) },
    };
    desk.close();
    plain.close();
    return {
      clients,
      generateSeconds: { encrypted: made.clinic.seconds, plain: plainClinic.seconds },
      vocabularyWords,
      sizeMB,
      forgiving,
      forgivingListPage,
      existing,
      forgivingByForm: forms,
      cpuTime: cpu,
      bestOf3,
      loadAverage: { before: loadBefore, after: loadAverage() },
      met: forgiving.met && forgivingListPage.met && existing.met,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// Run alone: node --import tsx bench/forgiving-search.ts [--quick] [clients]
if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes('--quick');
  const n = process.argv.slice(2).find((a) => /^\d+$/.test(a));
  benchForgivingSearch({ quick, ...(n ? { clients: Number(n) } : {}) }).then(
    (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exit(1);
    },
  );
}
