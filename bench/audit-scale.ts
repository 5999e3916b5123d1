/**
 * Issue #9 items 5 and 2 (docs/audit-filters.md): the audit viewer's filters
 * on a 2,000,000-entry encrypted log, the append rate on the same log (each
 * append its own transaction, as in use), for each candidate set of indexes;
 * and verify's chain walk: its total time and the longest the event loop
 * waited while it ran.
 *
 *   node --import tsx bench/audit-scale.ts [--quick] [--entries N] [--clients N]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { AuditLog, type AuditFilter } from '../src-main/core/audit/audit-log';
import { GENESIS_HASH, entryHash } from '../src-main/core/audit/entry-hash';
import { migrate } from '../src-main/core/db/migrate';
import { createDatabase } from '../src-main/core/db/open-database';
import type { Db } from '../src-main/core/db/types';
import { systemClock } from '../src-main/core/platform/ports';

const round1 = (x: number) => Math.round(x * 10) / 10;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

/** Made-up actions with a busy clinic's mix: mostly record views, a few rare ones. */
const ACTIONS: [string, number][] = [
  ['client.viewed', 40], ['client.updated', 8], ['client.created', 2], ['client.searched', 10],
  ['consent.granted', 6], ['consent.withdrawn', 1], ['treatment.recorded', 8], ['treatment.viewed', 6],
  ['photo.added', 3], ['photo.viewed', 4], ['session.signed_in', 4], ['session.locked', 4],
  ['session.auto_locked', 2], ['session.sign_in_failed', 0.5], ['marketing.exported', 0.2],
  ['notice.published', 0.02], ['staff.added', 0.02], ['settings.updated', 0.05], ['vault.verified', 0.02],
];
const STAFF = ['st_owner', 'st_prac1', 'st_prac2', 'st_prac3', 'st_recep1', 'st_recep2', 'st_locum1', 'st_locum2'];
const STAFF_WEIGHTS = [10, 25, 20, 15, 15, 10, 4, 1];

function picker(items: [string, number][]) {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let acc = 0;
  const cum = items.map(([name, w]) => [name, (acc += w) / total] as const);
  return (r: number) => cum.find(([, c]) => r < c)?.[0] ?? cum.at(-1)![0];
}

/** A deterministic generator, so every run builds the same log. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Bulk test data (also bench/audit-names.ts): the chain computed in JS, inserted in big transactions, the indexes built once at the end. */
export function buildLog(db: Db, entries: number, clients: number): { firstAt: string; lastAt: string } {
  const rand = rng(7);
  const action = picker(ACTIONS);
  const staff = picker(STAFF.map((s, i) => [s, STAFF_WEIGHTS[i]!]));
  const indexes = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log' AND sql IS NOT NULL").all() as { sql: string }[];
  for (const { sql } of indexes) db.exec(`DROP INDEX ${/INDEX (?:IF NOT EXISTS )?(\w+)/.exec(sql)![1]}`);
  const insert = db.prepare('INSERT INTO audit_log (seq, at, staff_id, action, subject_type, subject_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  // About five years, ending now, a steady step per entry; one entry in 5,000 dated up to a day earlier (a failed sign-in seen at unlock).
  const end = Date.now();
  const start = end - 5 * 365 * 86_400_000;
  const step = (end - start) / entries;
  let prev = GENESIS_HASH;
  const batch = 100_000;
  for (let from = 1; from <= entries; from += batch) {
    db.transaction(() => {
      for (let seq = from; seq < from + batch && seq <= entries; seq++) {
        const a = action(rand());
        const backdated = rand() < 1 / 5000 ? rand() * 86_400_000 : 0;
        const onClient = a.startsWith('client.') || a.startsWith('consent.') || a.startsWith('treatment.') || a.startsWith('photo.');
        const fields = {
          seq,
          at: new Date(start + seq * step - backdated).toISOString(),
          staffId: staff(rand()),
          action: a,
          subjectType: onClient ? 'client' : null,
          subjectId: onClient ? `cl_${Math.floor(rand() * clients).toString(36).padStart(6, '0')}` : null,
          detail: null,
        };
        const hash = entryHash(prev, fields);
        insert.run(fields.seq, fields.at, fields.staffId, fields.action, fields.subjectType, fields.subjectId, fields.detail, prev, hash);
        prev = hash;
      }
    })();
  }
  for (const { sql } of indexes) db.exec(sql);
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { firstAt: new Date(start).toISOString(), lastAt: new Date(end).toISOString() };
}

/** London date (YYYY-MM-DD) of an instant. */
const londonDay = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(ms));

interface Candidate {
  name: string;
  /** Indexes added to the as-migrated schema for this candidate. */
  add: string[];
  /** Indexes of the as-migrated schema left out for this candidate. */
  drop: string[];
}

export async function benchAuditScale(opts: { quick: boolean; entries?: number; clients?: number }) {
  const entries = opts.entries ?? (opts.quick ? 200_000 : 2_000_000);
  const clients = opts.clients ?? (opts.quick ? 20_000 : 200_000);
  const appends = opts.quick ? 3_000 : 10_000;
  const pages = opts.quick ? 5 : 9;
  const work = mkdtempSync(join(tmpdir(), 'cv-bench-audit-'));
  try {
    const db = createDatabase(join(work, 'vault.db'), randomBytes(32));
    migrate(db);
    let t = performance.now();
    const span = buildLog(db, entries, clients);
    const buildSeconds = round1((performance.now() - t) / 1000);
    const log = new AuditLog(db, systemClock);
    const endMs = Date.parse(span.lastAt);
    const startMs = Date.parse(span.firstAt);
    const someSubject = (db.prepare("SELECT subject_id AS s FROM audit_log WHERE subject_id IS NOT NULL AND seq > ? LIMIT 1").get(Math.floor(entries / 2)) as { s: string }).s;
    const filters: Record<string, Omit<AuditFilter, 'limit'>> = {
      none: {},
      staff: { staffId: 'st_prac2' },
      staffRare: { staffId: 'st_locum2' },
      subject: { subjectId: someSubject },
      action: { action: 'client.viewed' },
      actionRare: { action: 'notice.published' },
      group: { action: 'session.' },
      groupRare: { action: 'staff.' },
      dayRecent: { from: londonDay(endMs - 3 * 86_400_000), to: londonDay(endMs - 3 * 86_400_000) },
      dayOld: { from: londonDay(startMs + 200 * 86_400_000), to: londonDay(startMs + 200 * 86_400_000) },
      monthOld: { from: londonDay(startMs + 400 * 86_400_000), to: londonDay(startMs + 430 * 86_400_000) },
      yearOld: { from: londonDay(startMs + 400 * 86_400_000), to: londonDay(startMs + 765 * 86_400_000) },
      sinceTwoYears: { from: londonDay(endMs - 730 * 86_400_000) },
      staffAndAction: { staffId: 'st_recep1', action: 'consent.withdrawn' },
      rareStaffCommonAction: { staffId: 'st_locum2', action: 'client.viewed' },
      staffAndDayOld: { staffId: 'st_prac2', from: londonDay(startMs + 200 * 86_400_000), to: londonDay(startMs + 200 * 86_400_000) },
      actionAndMonthOld: { action: 'client.updated', from: londonDay(startMs + 400 * 86_400_000), to: londonDay(startMs + 430 * 86_400_000) },
      groupAndStaff: { action: 'session.', staffId: 'st_locum1' },
      subjectAndGroup: { subjectId: someSubject, action: 'client.' },
    };
    /** The first page and the pages after it, by the viewer's cursor; each timed. */
    const time = (filter: Omit<AuditFilter, 'limit'>, pageCount = pages) => {
      const runs: number[] = [];
      let beforeSeq: number | undefined;
      for (let i = 0; i < pageCount; i++) {
        const s = performance.now();
        const page = log.list({ ...filter, limit: 100, ...(beforeSeq ? { beforeSeq } : {}) });
        runs.push(performance.now() - s);
        beforeSeq = page.nextBeforeSeq ?? undefined;
        if (!beforeSeq) beforeSeq = undefined;
      }
      return { p50Ms: round1(pct(runs, 0.5)), p95Ms: round1(pct(runs, 0.95)) };
    };
    const appendRate = () => {
      const s = performance.now();
      for (let i = 0; i < appends; i++) log.append({ staffId: 'st_prac1', action: 'client.viewed', subjectType: 'client', subjectId: `cl_${(i % clients).toString(36).padStart(6, '0')}` });
      return Math.round(appends / ((performance.now() - s) / 1000));
    };

    const candidates: Candidate[] = [
      { name: 'no action index (0001 staff and subject, 0006 seq-only)', add: [], drop: ['audit_by_action'] },
      { name: 'as migrated (0010: action index, out-of-order list for dates)', add: [], drop: [] },
      { name: 'as migrated plus a time index (at), the first design', add: ['CREATE INDEX bench_by_at ON audit_log (at)'], drop: [] },
    ];
    const shipped = new Map((db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log' AND sql IS NOT NULL").all() as { name: string; sql: string }[]).map((r) => [r.name, r.sql]));
    const withIndexes = <T>(c: Candidate, run: () => T): T => {
      for (const name of c.drop) db.exec(`DROP INDEX IF EXISTS ${name}`);
      for (const sql of c.add) db.exec(sql);
      try {
        return run();
      } finally {
        for (const sql of c.add) db.exec(`DROP INDEX ${/INDEX (\w+)/.exec(sql)![1]}`);
        for (const name of c.drop) if (shipped.has(name)) db.exec(shipped.get(name)!);
      }
    };
    const results = candidates.map((c) =>
      withIndexes(c, () => {
        const filterTimes: Record<string, { p50Ms: number; p95Ms: number }> = {};
        const slowWithout = c.drop.includes('audit_by_action') ? ['group', 'groupRare', 'groupAndStaff', 'subjectAndGroup', 'rareStaffCommonAction'] : [];
        // The shipped set is timed over every page, warmed; the others on three pages (without the action index some scan most of the log).
        const full = c.drop.length === 0 && c.add.length === 0;
        for (const [name, f] of Object.entries(filters)) {
          // Without the action index a group's skip-scan becomes one full scan per action: not worth timing.
          if (slowWithout.includes(name)) continue;
          if (full) time(f); // warm the statement and the pages the first page reads
          filterTimes[name] = time(f, full ? pages : 3);
        }
        const worst = Math.max(...Object.values(filterTimes).map((x) => x.p95Ms));
        return { candidate: c.name, filters: filterTimes, worstP95Ms: worst, appendsPerSecond: [appendRate()] };
      }),
    );
    // Appends again in the reverse order, so a machine getting busier or quieter affects every candidate alike.
    for (const [i, c] of [...candidates.entries()].reverse()) results[i]!.appendsPerSecond.push(withIndexes(c, appendRate));

    // The chain walk, as verify does it, with the event loop watched.
    const delay = monitorEventLoopDelay({ resolution: 10 });
    let progressCalls = 0;
    delay.enable();
    t = performance.now();
    const walk = await log.verify({ onProgress: () => progressCalls++ });
    const walkMs = Math.round(performance.now() - t);
    delay.disable();
    if (!walk.ok) throw new Error(`walk failed on an untouched log: ${walk.problem}`);
    const stallMs = round1(delay.max / 1e6);
    const stallP99Ms = round1(delay.percentile(99) / 1e6);
    db.close();

    const shippedResult = results[1]!;
    const shippedRate = Math.round((shippedResult.appendsPerSecond[0]! + shippedResult.appendsPerSecond[1]!) / 2);
    return {
      log: { entries, clients, buildSeconds, loadAverage: loadavg().map(round1) },
      candidates: results,
      filters: { worstP95Ms: shippedResult.worstP95Ms, targetMs: 100, met: shippedResult.worstP95Ms <= 100 },
      appends: { perSecond: shippedRate, target: 5000, met: shippedRate >= 5000 },
      walk: { entriesChecked: walk.entriesChecked, totalMs: walkMs, progressCalls, longestStallMs: stallMs, p99StallMs: stallP99Ms, targetStallMs: 200, met: stallMs <= 200 },
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, entries: { type: 'string' }, clients: { type: 'string' } } });
  benchAuditScale({
    quick: values.quick,
    ...(values.entries ? { entries: Number(values.entries) } : {}),
    ...(values.clients ? { clients: Number(values.clients) } : {}),
  }).then(
    (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
