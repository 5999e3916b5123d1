import type { AuditAction } from '../../contract/audit-actions';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../contract/types';
import { migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { createDatabase } from '../db/open-database';
import type { Db } from '../db/types';
import { FakeClock, makeTempDir } from '../test-support/temp-vault';
import { AuditLog, type AuditFilter } from './audit-log';
import { GENESIS_HASH, entryHash } from './entry-hash';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

const STAFF = ['st_anna', 'st_ben', 'st_cara'];
// Some made-up codes on purpose ('sessions.' must not fall in the 'session.' group), hence the cast.
const ACTIONS = ['client.viewed', 'client.updated', 'consent.granted', 'session.signed_in', 'session.locked', 'sessions.pruned', 'staff.added'] as AuditAction[];
const SUBJECTS = ['cl_one', 'cl_two', 'cl_three'];

/** The London calendar day of an instant, worked out by the platform's time zone data (not the code under test). */
const londonDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(iso));

/**
 * A log across both 2026 clock changes (29 March, 25 October), an entry every
 * 23 minutes through the nights either side, so entries fall just before and
 * just after London midnight in GMT and in BST; every ninth entry is dated
 * a day and two hours earlier than the one before it (a failed sign-in seen at unlock).
 */
function buildLog(opts: { beforeMigration0010?: boolean } = {}): { db: Db; log: AuditLog; entries: AuditEntry[] } {
  const tmp = makeTempDir('cv-audit-filters-');
  const db = createDatabase(join(tmp.dir, 'audit.db'), randomBytes(32));
  cleanup = () => {
    db.close();
    tmp.cleanup();
  };
  const before0010 = MIGRATIONS.findIndex((m) => m.name === 'audit-filter-indexes');
  migrate(db, MIGRATIONS, opts.beforeMigration0010 ? before0010 : MIGRATIONS.length);
  const log: Pick<AuditLog, 'append'> = opts.beforeMigration0010 ? olderBuildLog(db) : new AuditLog(db, new FakeClock());
  let n = 0;
  for (const start of ['2026-03-27T20:00:00.000Z', '2026-10-23T20:00:00.000Z']) {
    for (let i = 0; i < 240; i++, n++) {
      const at = new Date(Date.parse(start) + i * 23 * 60_000 - (i % 9 === 8 ? 26 * 3600_000 : 0)).toISOString();
      const action = ACTIONS[(n * 7 + (n >> 3)) % ACTIONS.length]!;
      const onClient = action.startsWith('client.') || action.startsWith('consent.');
      log.append({ staffId: STAFF[(n * 5 + (n >> 2)) % STAFF.length]!, action, subjectType: onClient ? 'client' : null, subjectId: onClient ? SUBJECTS[n % SUBJECTS.length]! : null, at });
    }
  }
  if (opts.beforeMigration0010) migrate(db);
  const rows = db.prepare('SELECT seq, at, staff_id, action, subject_type, subject_id FROM audit_log ORDER BY seq DESC').all() as {
    seq: number;
    at: string;
    staff_id: string | null;
    action: string;
    subject_type: string | null;
    subject_id: string | null;
  }[];
  const entries = rows.map((r) => ({ seq: r.seq, at: r.at, staffId: r.staff_id, staffName: null, action: r.action, subjectType: r.subject_type, subjectId: r.subject_id, detail: null, clientId: r.subject_type === 'client' ? r.subject_id : null, clientName: null, subjectName: null }));
  return { db, log: log instanceof AuditLog ? log : new AuditLog(db, new FakeClock()), entries };
}

/** Appends as a build before migration 0010 did: the chained row only, no out-of-order list. */
function olderBuildLog(db: Db): Pick<AuditLog, 'append'> {
  let prev = GENESIS_HASH;
  let seq = 0;
  const insert = db.prepare('INSERT INTO audit_log (seq, at, staff_id, action, subject_type, subject_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)');
  return {
    append(e) {
      const fields = { seq: ++seq, at: e.at!, staffId: e.staffId, action: e.action, subjectType: e.subjectType ?? null, subjectId: e.subjectId ?? null, detail: null };
      const hash = entryHash(prev, fields);
      insert.run(fields.seq, fields.at, fields.staffId, fields.action, fields.subjectType, fields.subjectId, prev, hash);
      prev = hash;
      return seq;
    },
  };
}

/** What the filter means, checked row by row over the whole log. */
function bruteForce(entries: AuditEntry[], f: Omit<AuditFilter, 'limit'>): number[] {
  return entries
    .filter((e) => !f.staffId || e.staffId === f.staffId)
    .filter((e) => !f.subjectId || e.subjectId === f.subjectId)
    .filter((e) => !f.action || (f.action.endsWith('.') ? e.action.startsWith(f.action) : e.action === f.action))
    .filter((e) => !f.from || londonDay(e.at) >= f.from!)
    .filter((e) => !f.to || londonDay(e.at) <= f.to!)
    .map((e) => e.seq);
}

/** Every page of the filter, following the viewer's cursor. */
function allPages(log: AuditLog, f: Omit<AuditFilter, 'limit'>, limit = 7): number[] {
  const seqs: number[] = [];
  let beforeSeq: number | undefined;
  for (;;) {
    const page = log.list({ ...f, limit, ...(beforeSeq !== undefined ? { beforeSeq } : {}) });
    expect(page.entries.length).toBeLessThanOrEqual(limit);
    seqs.push(...page.entries.map((e) => e.seq));
    if (page.nextBeforeSeq === null) return seqs;
    beforeSeq = page.nextBeforeSeq;
  }
}

describe('audit filters', () => {
  const single: Omit<AuditFilter, 'limit'>[] = [
    ...STAFF.map((staffId) => ({ staffId })),
    ...SUBJECTS.map((subjectId) => ({ subjectId })),
    ...ACTIONS.map((action) => ({ action })),
    { action: 'session.' },
    { action: 'client.' },
    { action: 'staff.' },
    { action: 'nothing.' },
    { action: 'client.deleted' },
    // Around the spring change (GMT to BST on Sunday 29 March) and the autumn one (BST to GMT on Sunday 25 October).
    { from: '2026-03-28', to: '2026-03-28' },
    { from: '2026-03-29', to: '2026-03-29' },
    { from: '2026-03-30', to: '2026-03-30' },
    { from: '2026-03-29' },
    { to: '2026-03-28' },
    { from: '2026-10-24', to: '2026-10-24' },
    { from: '2026-10-25', to: '2026-10-25' },
    { from: '2026-10-26', to: '2026-10-26' },
    { from: '2026-03-30', to: '2026-10-24' },
    { from: '2026-06-01', to: '2026-06-30' },
  ];
  const combined: Omit<AuditFilter, 'limit'>[] = [
    { staffId: 'st_ben', action: 'client.viewed' },
    { staffId: 'st_cara', action: 'session.' },
    { subjectId: 'cl_two', action: 'client.' },
    { subjectId: 'cl_one', staffId: 'st_anna' },
    { staffId: 'st_anna', from: '2026-03-29', to: '2026-03-29' },
    { action: 'consent.granted', from: '2026-10-25', to: '2026-10-26' },
    { action: 'session.', from: '2026-03-28', to: '2026-03-29' },
    { subjectId: 'cl_three', action: 'consent.', staffId: 'st_ben', from: '2026-03-28', to: '2026-10-25' },
  ];

  it('returns exactly the entries a row-by-row check finds, for each filter alone, newest first, across every page', () => {
    const { log, entries } = buildLog();
    for (const f of single) {
      const expected = bruteForce(entries, f);
      expect(allPages(log, f), JSON.stringify(f)).toEqual(expected);
    }
    // The data reaches every case: each staff member, subject, action and boundary day has entries.
    expect(single.filter((f) => bruteForce(entries, f).length === 0).map((f) => JSON.stringify(f))).toEqual([
      '{"action":"nothing."}',
      '{"action":"client.deleted"}',
      '{"from":"2026-06-01","to":"2026-06-30"}',
    ]);
  });

  it('returns exactly the entries a row-by-row check finds, for filters combined', () => {
    const { log, entries } = buildLog();
    for (const f of combined) {
      const expected = bruteForce(entries, f);
      expect(expected.length, JSON.stringify(f)).toBeGreaterThan(0);
      expect(allPages(log, f), JSON.stringify(f)).toEqual(expected);
    }
  });

  it('finds the same entries on a log written before migration 0010, which lists its out-of-order entries when it runs', () => {
    const { db, log, entries } = buildLog({ beforeMigration0010: true });
    // The entries dated 26 hours early, 26 in each night: the entries after them are in order again.
    expect(db.prepare('SELECT count(*) FROM audit_out_of_order').pluck().get()).toBe(52);
    for (const f of [...single, ...combined]) expect(allPages(log, f), JSON.stringify(f)).toEqual(bruteForce(entries, f));
  });

  it('counts a day by London time: 23:30 UTC on 29 March is already 30 March in London, 23:30 UTC on 28 March is not', () => {
    const { log, entries } = buildLog();
    const at = (seq: number) => entries.find((e) => e.seq === seq)!.at;
    const day30 = allPages(log, { from: '2026-03-30', to: '2026-03-30' }).map(at);
    const day28 = allPages(log, { from: '2026-03-28', to: '2026-03-28' }).map(at);
    expect(day30.some((a) => a.startsWith('2026-03-29T23:'))).toBe(true);
    expect(day30.some((a) => a.startsWith('2026-03-30T23:'))).toBe(false);
    expect(day28.some((a) => a.startsWith('2026-03-28T23:'))).toBe(true);
    expect(day28.some((a) => a.startsWith('2026-03-27T23:'))).toBe(false);
  });

  it('finds an entry dated earlier than its neighbours by its own date', () => {
    const { db, log, entries } = buildLog();
    expect(db.prepare('SELECT count(*) FROM audit_out_of_order').pluck().get()).toBe(52);
    // Seq 9 is dated 26 hours before seq 8, on an earlier London day than any entry near it in the log.
    const early = entries.find((e) => e.seq === 9)!;
    expect(early.at < entries.find((e) => e.seq === 8)!.at).toBe(true);
    const day = londonDay(early.at);
    expect(day < londonDay(entries.find((e) => e.seq === 8)!.at)).toBe(true);
    expect(day < londonDay(entries.find((e) => e.seq === 10)!.at)).toBe(true);
    expect(allPages(log, { from: day, to: day })).toContain(9);
  });

  it('gives staff names with a page, and an empty page with no cursor for a day with no entries', () => {
    const { db, log } = buildLog();
    db.prepare("INSERT INTO staff (id, username, display_name, role, created_at) VALUES ('st_anna', 'anna', 'Anna Example', 'practitioner', '2026-01-01T00:00:00.000Z')").run();
    const page = log.list({ limit: 5, staffId: 'st_anna' });
    expect(page.entries.map((e) => e.staffName)).toEqual(Array(5).fill('Anna Example'));
    expect(log.list({ limit: 5, from: '2026-06-01', to: '2026-06-01' })).toEqual({ entries: [], nextBeforeSeq: null });
  });
});
