/**
 * Issue #10 item 6 (docs/audit-viewer.md): an audit viewer page of 100 entries
 * with its client and staff names, as `audit.list` returns it, on a
 * 1,000,000-entry encrypted log (bench/audit-scale.ts builds it) whose
 * subjects are real client rows. Also the History tab's "who has opened this
 * record" page and one piece of the CSV export.
 *
 *   node --import tsx bench/audit-names.ts [--quick] [--entries N] [--clients N]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AuditLog, type AuditFilter } from '../src-main/core/audit/audit-log';
import { pageWithNames } from '../src-main/core/audit-viewer/audit-names';
import { auditCsvLine } from '../src-main/core/audit-viewer/audit-csv';
import { RECORD_OPENING_ACTIONS } from '../src-main/contract/audit-actions';
import { AUDIT_CSV_CHUNK } from '../src-main/contract/audit-schemas';
import { migrate } from '../src-main/core/db/migrate';
import { createDatabase } from '../src-main/core/db/open-database';
import type { Db } from '../src-main/core/db/types';
import { systemClock } from '../src-main/core/platform/ports';
import type { Session } from '../src-main/core/session/session';
import { buildLog } from './audit-scale';

const round1 = (x: number) => Math.round(x * 10) / 10;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const TARGET_MS = 50;

const FIRST = ['Laura', 'Tom', 'Aisha', 'Zoë', 'Priya', 'Sean', 'Mei', 'Olu', 'Anna', 'Rhys'];
const LAST = ['Ó Briain', 'Ashworth', 'Khan', 'Hartley', 'Smith', 'Nowak', 'Evans', 'Okafor'];

/** The clients and staff the log's ids name (bench/audit-scale.ts: cl_ + base-36 number, and its STAFF). */
function addPeople(db: Db, clients: number): void {
  const now = new Date().toISOString();
  const insert = db.prepare(
    'INSERT INTO clients (id, first_name, last_name, created_at, updated_at, last_interaction_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let n = 0; n < clients; n++) {
      insert.run(`cl_${n.toString(36).padStart(6, '0')}`, FIRST[n % FIRST.length], `${LAST[n % LAST.length]}-${n}`, now, now, now);
    }
  })();
  const staff = db.prepare('INSERT INTO staff (id, username, display_name, role, created_at) VALUES (?, ?, ?, ?, ?)');
  for (const id of ['st_owner', 'st_prac1', 'st_prac2', 'st_prac3', 'st_recep1', 'st_recep2', 'st_locum1', 'st_locum2']) {
    staff.run(id, id.slice(3), `Staff ${id.slice(3)}`, id === 'st_owner' ? 'owner' : 'practitioner', now);
  }
}

export async function benchAuditNames(opts: { quick: boolean; entries?: number; clients?: number }) {
  const entries = opts.entries ?? (opts.quick ? 200_000 : 1_000_000);
  const clients = opts.clients ?? (opts.quick ? 20_000 : 100_000);
  const pages = opts.quick ? 5 : 9;
  const work = mkdtempSync(join(tmpdir(), 'cv-bench-audit-names-'));
  try {
    const db = createDatabase(join(work, 'vault.db'), randomBytes(32));
    migrate(db);
    const t = performance.now();
    const span = buildLog(db, entries, clients);
    addPeople(db, clients);
    const buildSeconds = round1((performance.now() - t) / 1000);
    const log = new AuditLog(db, systemClock);
    const owner = {
      staff: { id: 'st_owner', username: 'owner', displayName: 'Staff owner', role: 'owner', createdAt: '', removedAt: null },
      signedInAt: '',
      lastActivityMs: 0,
    } as unknown as Session;
    const someSubject = (db.prepare('SELECT subject_id AS s FROM audit_log WHERE subject_id IS NOT NULL AND seq > ? LIMIT 1').get(Math.floor(entries / 2)) as { s: string }).s;
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.parse(span.lastAt) - 3 * 86_400_000));
    const filters: Record<string, Omit<AuditFilter, 'limit'>> = {
      none: {},
      client: { subjectId: someSubject },
      // The client picker's filter: a client and their treatments and photos (here 40 more records' ids).
      clientAndRecords: { subjectIds: [someSubject, ...Array.from({ length: 40 }, (_, i) => `cl_${(i * 997).toString(36).padStart(6, '0')}`)] },
      staff: { staffId: 'st_prac2' },
      action: { action: 'client.viewed' },
      group: { action: 'client.' },
      day: { from: day, to: day },
      staffAndGroup: { staffId: 'st_locum1', action: 'session.' },
    };

    /** A page as audit.list gives it (the filter's seqs, the rows, then the names), following the cursor. */
    const time = (filter: Omit<AuditFilter, 'limit'>, names = true) => {
      const runs: number[] = [];
      let named = 0;
      let beforeSeq: number | undefined;
      for (let i = 0; i < pages; i++) {
        const s = performance.now();
        const plain = log.list({ ...filter, limit: 100, ...(beforeSeq ? { beforeSeq } : {}) });
        const page = names ? pageWithNames(db, owner, plain) : plain;
        runs.push(performance.now() - s);
        named += page.entries.filter((e) => e.clientName !== null).length;
        beforeSeq = page.nextBeforeSeq ?? undefined;
      }
      return { p50Ms: round1(pct(runs, 0.5)), p95Ms: round1(pct(runs, 0.95)), clientNamesShown: named };
    };
    const results: Record<string, ReturnType<typeof time>> = {};
    for (const [name, f] of Object.entries(filters)) {
      time(f); // warm the statements and the pages the first page reads
      results[name] = time(f);
    }
    const worstP95Ms = Math.max(...Object.values(results).map((r) => r.p95Ms));
    // The same unfiltered pages without the names, for what the lookup adds.
    const withoutNames = time(filters.none!, false);

    // The History tab's panel: one client's openings (no treatments or photos in this log).
    const openings: number[] = [];
    for (let i = 0; i < pages; i++) {
      const s = performance.now();
      pageWithNames(db, owner, log.listAbout([someSubject], RECORD_OPENING_ACTIONS, 50));
      openings.push(performance.now() - s);
    }

    // One piece of the CSV export, unfiltered: the page, the names and the lines.
    const csv: number[] = [];
    let beforeSeq: number | undefined;
    for (let i = 0; i < 3; i++) {
      const s = performance.now();
      const page = pageWithNames(db, owner, log.list({ limit: AUDIT_CSV_CHUNK, ...(beforeSeq ? { beforeSeq } : {}) }));
      page.entries.map(auditCsvLine).join('');
      csv.push(performance.now() - s);
      beforeSeq = page.nextBeforeSeq ?? undefined;
    }
    db.close();
    return {
      log: { entries, clients, buildSeconds, loadAverage: loadavg().map(round1) },
      pageOf100WithNames: { filters: results, worstP95Ms, targetMs: TARGET_MS, met: worstP95Ms <= TARGET_MS },
      unfilteredPageWithoutNames: { p50Ms: withoutNames.p50Ms, p95Ms: withoutNames.p95Ms },
      recordOpenings: { p50Ms: round1(pct(openings, 0.5)), p95Ms: round1(pct(openings, 0.95)), targetMs: TARGET_MS, met: pct(openings, 0.95) <= TARGET_MS },
      csvPiece: { entries: AUDIT_CSV_CHUNK, p50Ms: round1(pct(csv, 0.5)), maxMs: round1(Math.max(...csv)) },
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, entries: { type: 'string' }, clients: { type: 'string' } } });
  const out = await benchAuditNames({
    quick: values.quick,
    ...(values.entries ? { entries: Number(values.entries) } : {}),
    ...(values.clients ? { clients: Number(values.clients) } : {}),
  });
  console.log(JSON.stringify(out, null, 2));
}
