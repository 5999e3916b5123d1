/**
 * "Whose consents rest on an older privacy notice?" on a synthetic clinic with
 * several notices (one backdated) and consents on each: the count, the pages
 * and the CSV agree with a brute-force reading of the ledger, publishing does
 * not look at the list at all, and a cancelled CSV leaves no file.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CoreApi } from '../app';
import type { NoticeAffectedClient, PrivacyNotice } from '../../contract/consent-types';
import type { Db } from '../db/types';
import { Rng } from '../synthetic/random';
import { createSyntheticVault, DEMO_OWNER } from '../synthetic-vault';
import { FakeClock, makeTempDir, openTestCore } from '../test-support/temp-vault';
import { appendConsentEvent } from './ledger';
import { affectedPage } from './notice-affected';
import { writeNoticeAffectedCsv } from './notices';
import { serviceContext } from '../service/service-context';

let api: CoreApi;
let db: Db;
let tmp: { dir: string; cleanup(): void };
const clock = new FakeClock(Date.parse('2026-11-22T09:00:00.000Z'));
const notices: PrivacyNotice[] = [];

/** The rule read straight from the ledger, client by client, as the first build computed it. */
function bruteForce(notice: PrivacyNotice): { list: NoticeAffectedClient[]; noNotice: number; olderVersion: number } {
  const rows = db
    .prepare(
      `SELECT c.id AS client_id, c.first_name, c.last_name, p.label, n.id AS nid, n.version_label, n.effective_on, n.created_at
         FROM consent_current cc JOIN consent_events e ON e.seq = cc.event_seq
         JOIN consent_purposes p ON p.id = cc.purpose_id JOIN clients c ON c.id = cc.client_id
         LEFT JOIN privacy_notices n ON n.id = e.notice_id
        WHERE cc.state = 'granted'
        ORDER BY c.last_name, c.first_name, c.rowid, p.sort_order, p.id`,
    )
    .all() as { client_id: string; first_name: string; last_name: string; label: string; nid: string | null; version_label: string | null; effective_on: string | null; created_at: string | null }[];
  const older = (r: (typeof rows)[number]) =>
    r.nid !== notice.id && (r.effective_on! < notice.effectiveOn || (r.effective_on === notice.effectiveOn && r.created_at! < notice.createdAt));
  const byClient = new Map<string, NoticeAffectedClient & { none: boolean; oldest: string }>();
  for (const r of rows) {
    if (r.nid !== null && !older(r)) continue;
    let c = byClient.get(r.client_id);
    if (!c) byClient.set(r.client_id, (c = { clientId: r.client_id, name: `${r.first_name} ${r.last_name}`, purposes: [], noticeVersion: '', none: false, oldest: '\uffff' }));
    if (!c.purposes.includes(r.label)) c.purposes.push(r.label);
    if (r.nid === null) c.none = true;
    const on = r.effective_on ?? '';
    if (on < c.oldest) [c.oldest, c.noticeVersion] = [on, r.version_label ?? ''];
  }
  const all = [...byClient.values()];
  return {
    list: all.map(({ none: _n, oldest: _o, ...c }) => c),
    noNotice: all.filter((c) => c.none).length,
    olderVersion: all.filter((c) => !c.none).length,
  };
}

async function allPages(noticeId: string): Promise<NoticeAffectedClient[]> {
  const out: NoticeAffectedClient[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await api.call('notices.affected', { noticeId, ...(after ? { after } : {}) });
    expect(page.clients.length).toBeLessThanOrEqual(100);
    out.push(...page.clients);
    if (!page.next) return out;
    after = page.next;
  }
}

beforeAll(async () => {
  tmp = makeTempDir('cv-notice-affected-');
  const vaultDir = join(tmp.dir, 'vault');
  await createSyntheticVault(vaultDir, { clients: 260, seed: 9, today: '2026-11-22', consentEventsPerClient: 8, kdfCost: 'test', clock });
  api = openTestCore(vaultDir, clock);
  await api.call('session.signIn', { username: DEMO_OWNER.username, password: DEMO_OWNER.password });
  db = api.core.requireSession().vault.db;
  // v1 and v2 in order, then v0 published last but backdated before both.
  for (const [versionLabel, effectiveOn] of [['v1', '2025-01-01'], ['v2', '2026-03-01'], ['v0', '2024-06-01']] as const) {
    notices.push((await api.call('notices.publish', { versionLabel, effectiveOn, text: `Notice ${versionLabel}.` })).notice);
    clock.advance(60_000);
  }
  // Fresh grants and withdrawals on a mix of notices, so every bucket is filled.
  const rng = new Rng(9, 77);
  const ids = (db.prepare('SELECT id FROM clients ORDER BY rowid').all() as { id: string }[]).map((r) => r.id);
  const purposes = ['marketing.email', 'marketing.sms', 'reminders.email', 'marketing.post'];
  db.transaction(() => {
    for (const clientId of ids) {
      // Some clients have every granted consent given again on a recorded notice (so "an older version" is filled too).
      if (rng.chance(0.4)) for (const g of grantedScopes(clientId)) regrant(clientId, g.purpose_id, g.scope_key || null, rng.pick(notices).id);
      for (const purposeId of purposes) {
        if (rng.chance(0.5)) regrant(clientId, purposeId, null, rng.pick([null, ...notices])?.id ?? null, rng.chance(0.2) ? 'withdrawn' : 'granted');
      }
    }
  })();
});

function grantedScopes(clientId: string): { purpose_id: string; scope_key: string }[] {
  return db.prepare(`SELECT purpose_id, scope_key FROM consent_current WHERE client_id = ? AND state = 'granted'`).all(clientId) as never;
}

function regrant(clientId: string, purposeId: string, treatmentId: string | null, noticeId: string | null, state: 'granted' | 'withdrawn' = 'granted') {
  appendConsentEvent(db, {
    clientId, purposeId, treatmentId, state, basis: null,
    occurredAt: clock.now().toISOString(), recordedAt: clock.now().toISOString(), recordedBy: api.core.requireSession().session.staff.id,
    method: 'paper-form', noticeId, wording: 'Yes please.', evidenceFileId: null, softOptIn: null, tpsCheckedOn: null,
    tpsRegistered: null, explicitRegrant: false, note: '', correctsEventId: null,
  });
}
afterAll(() => {
  api?.close();
  tmp?.cleanup();
});

describe('the clients affected by a notice', () => {
  it('counts and pages agree with a brute-force reading of the ledger, for each notice', async () => {
    for (const notice of notices) {
      const brute = bruteForce(notice);
      const count = await api.call('notices.affectedCount', { noticeId: notice.id });
      expect(count).toEqual({ noNotice: brute.noNotice, olderVersion: brute.olderVersion, total: brute.list.length });
      expect(await allPages(notice.id)).toEqual(brute.list);
      // Small pages walk the same list: no client skipped or repeated at a page edge.
      const small: NoticeAffectedClient[] = [];
      let after: string | undefined;
      do {
        const page = affectedPage(db, notice, after, 7);
        small.push(...page.clients);
        after = page.next ?? undefined;
      } while (after);
      expect(small).toEqual(brute.list);
    }
    // The data exercises every case: some on no notice, some on an older one, the backdated v0 affects fewer.
    const [v1, v2, v0] = notices.map((n) => bruteForce(n));
    expect(v2!.olderVersion).toBeGreaterThan(0);
    expect(v2!.noNotice).toBeGreaterThan(0);
    expect(v0!.olderVersion).toBe(0);
    expect(v1!.list.length).toBeLessThan(v2!.list.length);
  });

  it('follows the ledger: a consent re-given on the newest notice takes the client off its list', async () => {
    const v2 = notices[1]!;
    const before = bruteForce(v2).list;
    const who = before[0]!;
    clock.advance(60_000);
    db.transaction(() => {
      for (const g of grantedScopes(who.clientId)) regrant(who.clientId, g.purpose_id, g.scope_key || null, v2.id);
    })();
    const count = await api.call('notices.affectedCount', { noticeId: v2.id });
    expect(count.total).toBe(before.length - 1);
    expect((await allPages(v2.id)).map((c) => c.clientId)).not.toContain(who.clientId);
    expect(bruteForce(v2).list.length).toBe(before.length - 1);
  });

  it('publishing reads nothing of the ledger or the list', async () => {
    const prepare = vi.spyOn(db, 'prepare');
    try {
      await api.call('notices.publish', { versionLabel: 'v9', effectiveOn: '2026-11-22', text: 'Newest.' });
      const sql = prepare.mock.calls.map((c) => String(c[0]));
      expect(sql.some((s) => s.includes('INSERT INTO privacy_notices'))).toBe(true);
      expect(sql.filter((s) => /consent_(current|events|notice_basis)|FROM clients/.test(s))).toEqual([]);
    } finally {
      prepare.mockRestore();
    }
    const entry = db.prepare(`SELECT detail FROM audit_log WHERE action = 'notice.published' ORDER BY rowid DESC LIMIT 1`).get() as { detail: string };
    expect(JSON.parse(entry.detail)).not.toHaveProperty('affected');
  });

  it('streams the CSV to a file equal to the one made in memory, and a cancel half way leaves no file', async () => {
    const notice = notices[1]!;
    const ctx = serviceContext({ core: api.core, ...api.core.requireSession() });
    const { csv, rows } = await api.call('notices.affectedCsv', { noticeId: notice.id });
    expect(rows).toBe(bruteForce(notice).list.length);
    expect(csv.startsWith('\uFEFFClient,Consents,Version they were given\r\n')).toBe(true);

    const file = join(tmp.dir, 'affected.csv');
    const written = await writeNoticeAffectedCsv(ctx, notice.id, file, { chunkChars: 2_000 });
    expect(written.rows).toBe(rows);
    expect(readFileSync(file, 'utf8')).toBe(csv);

    const cancelled = join(tmp.dir, 'cancelled.csv');
    const controller = new AbortController();
    let chunks = 0;
    await expect(
      writeNoticeAffectedCsv(ctx, notice.id, cancelled, { chunkChars: 2_000, signal: controller.signal, onProgress: () => ++chunks === 2 && controller.abort() }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(chunks).toBe(2);
    expect(existsSync(cancelled)).toBe(false);
    expect(readdirSync(tmp.dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    // An earlier export at the same path is left as it was.
    writeFileSync(cancelled, 'earlier list');
    const again = new AbortController();
    again.abort();
    await expect(writeNoticeAffectedCsv(ctx, notice.id, cancelled, { signal: again.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(readFileSync(cancelled, 'utf8')).toBe('earlier list');
  });

  it('the window’s CSV reports progress towards the affected count, and a Cancel answers CANCELLED with nothing logged', async () => {
    const notice = notices[1]!;
    const exported = () => (db.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'notice.affected_exported'`).get() as { n: number }).n;
    const seen: { done: number; total: number }[] = [];
    const whole = await api.dispatch('notices.affectedCsv', { noticeId: notice.id }, { onProgress: (p) => seen.push(p) });
    expect(whole.ok).toBe(true);
    const total = bruteForce(notice).list.length;
    expect(seen.at(-1)).toEqual(expect.objectContaining({ done: total, total }));

    const before = exported();
    const controller = new AbortController();
    const cancelled = await api.dispatch('notices.affectedCsv', { noticeId: notice.id }, { signal: controller.signal, onProgress: () => controller.abort() });
    expect(cancelled).toEqual({ ok: false, error: expect.objectContaining({ code: 'CANCELLED' }) });
    expect(exported()).toBe(before);
  });
});
