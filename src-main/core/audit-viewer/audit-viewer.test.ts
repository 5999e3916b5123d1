/**
 * The audit viewer's answers (issue #10 item 6): names looked up for the page
 * only and only for the owner, "who has opened this record", and the filtered
 * view as CSV in pieces.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreApi } from '../app';
import type { AuditEntry } from '../../contract/types';
import { AUDIT_CSV_CHUNK } from '../../contract/audit-schemas';
import { createTestVault, errorCodeOf, type TestVault } from '../test-support/temp-vault';
import { newClient, signInAs, signInAsOwner } from '../test-support/test-clients';
import { withNames } from './audit-names';

let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

const vaultOf = (api: CoreApi) => api.core.requireSession().vault;

function toxin(clientId: string) {
  return {
    clientId,
    treatedOn: '2026-11-20',
    typeId: 'tt_toxin',
    areas: ['Forehead'],
    product: 'Azzalure',
    batchNumber: 'AB 12-34',
    batchExpiry: '2027-06-30',
    amount: 20,
    amountUnit: 'units' as const,
    medicalHistoryReviewed: true,
    notes: '',
    aftercare: '',
    followUpOn: null,
  };
}

async function twoClients(api: CoreApi) {
  const zoe = await api.call('clients.create', newClient());
  const amir = await api.call('clients.create', newClient({ firstName: 'Amir', lastName: 'Khan', email: 'amir@example.co.uk', mobile: '07700 900777' }));
  return { zoe, amir };
}

/** Splits CSV text into rows of cells (the tests' own small reader: quoted cells, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

async function wholeCsv(api: CoreApi, filter: Record<string, string> = {}) {
  const pieces: string[] = [];
  const seqsLeft: number[] = [];
  let beforeSeq: number | undefined;
  let calls = 0;
  for (;;) {
    const chunk = await api.call('audit.exportCsv', { ...filter, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
    calls++;
    pieces.push(chunk.csv);
    seqsLeft.push(chunk.seqsLeft);
    if (chunk.nextBeforeSeq === null) break;
    beforeSeq = chunk.nextBeforeSeq;
  }
  return { text: pieces.join(''), seqsLeft, calls };
}

describe('names in the audit viewer', () => {
  it("shows each entry's client and staff names, while the log itself holds ids only", async () => {
    tv = await createTestVault();
    const { api } = tv;
    const { zoe, amir } = await twoClients(api);
    const treatment = await api.call('treatments.create', toxin(amir.id));
    const priyaId = await signInAs(api, 'practitioner');
    await api.call('clients.get', { clientId: zoe.id });
    await api.call('treatments.get', { treatmentId: treatment.id });
    await signInAsOwner(api);

    const { entries } = await api.call('audit.list', { limit: 100 });
    const find = (action: string, by?: string) => entries.find((e) => e.action === action && (!by || e.staffId === by))!;
    expect(find('client.viewed', priyaId)).toMatchObject({ clientId: zoe.id, clientName: 'Zoë Hartley', staffName: 'priya test' });
    // A treatment viewed has the treatment as its subject; its client comes from the entry's detail.
    expect(find('treatment.viewed')).toMatchObject({ subjectType: 'treatment', subjectId: treatment.id, clientId: amir.id, clientName: 'Amir Khan' });
    expect(find('staff.added')).toMatchObject({ subjectId: priyaId, subjectName: 'priya test' });
    expect(find('session.signed_in')).toMatchObject({ clientId: null, clientName: null, subjectName: null });

    const stored = JSON.stringify(vaultOf(api).db.prepare('SELECT * FROM audit_log').all());
    expect(stored).not.toMatch(/Hartley|Zoë|Khan|priya test/);
  });

  it('shows no name for a client whose record no longer exists', async () => {
    tv = await createTestVault();
    vaultOf(tv.api).audit.append({ staffId: null, action: 'client.viewed', subjectType: 'client', subjectId: 'cl_gone' });
    const { entries } = await tv.api.call('audit.list', { limit: 5 });
    expect(entries[0]).toMatchObject({ clientId: 'cl_gone', clientName: null });
  });

  it('refuses names, openings and the CSV to every role but the owner, in the core', async () => {
    tv = await createTestVault();
    const { api } = tv;
    const { zoe } = await twoClients(api);
    const ownerPage = await api.call('audit.list', { limit: 50 });
    for (const role of ['practitioner', 'reception'] as const) {
      await signInAsOwner(api);
      await signInAs(api, role);
      expect(await errorCodeOf(() => api.call('audit.list', { limit: 10 }))).toBe('FORBIDDEN');
      expect(await errorCodeOf(() => api.call('audit.recordOpenings', { clientId: zoe.id }))).toBe('FORBIDDEN');
      expect(await errorCodeOf(() => api.call('audit.exportCsv', {}))).toBe('FORBIDDEN');
      // The lookup itself refuses, whatever method might one day hand it entries.
      const { vault, session } = api.core.requireSession();
      expect(await errorCodeOf(() => withNames(vault.db, session, ownerPage.entries))).toBe('FORBIDDEN');
      const denied = vault.db.prepare("SELECT detail FROM audit_log WHERE action = 'access.denied' ORDER BY seq DESC LIMIT 3").all() as { detail: string }[];
      expect(denied.map((d) => JSON.parse(d.detail).method)).toEqual(['audit.exportCsv', 'audit.recordOpenings', 'audit.list']);
    }
  });
});

describe('the client filter', () => {
  it("finds the entries about a client's record, treatments and photos, and no one else's", async () => {
    tv = await createTestVault();
    const { api } = tv;
    const { zoe, amir } = await twoClients(api);
    const zoes = await api.call('treatments.create', toxin(zoe.id));
    const amirs = await api.call('treatments.create', toxin(amir.id));
    await api.call('treatments.get', { treatmentId: zoes.id });
    await api.call('treatments.get', { treatmentId: amirs.id });
    await api.call('clients.get', { clientId: amir.id });

    const { entries } = await api.call('audit.list', { limit: 100, clientId: zoe.id });
    // The review tick on her first treatment moved her history's review date (client.medical_updated).
    expect(entries.map((e) => [e.action, e.subjectId])).toEqual([
      ['treatment.viewed', zoes.id],
      ['treatment.created', zoes.id],
      ['client.medical_updated', zoe.id],
      ['client.created', zoe.id],
    ]);
    expect(new Set(entries.map((e) => e.clientName))).toEqual(new Set(['Zoë Hartley']));
    // With another filter too, and in the CSV.
    const viewed = await api.call('audit.list', { limit: 100, clientId: zoe.id, action: 'treatment.' });
    expect(viewed.entries.map((e) => e.subjectId)).toEqual([zoes.id, zoes.id]);
    const { text } = await wholeCsv(api, { clientId: zoe.id });
    expect(parseCsv(text.slice(1)).slice(1).map((r) => r[5])).toEqual(['treatment.viewed', 'treatment.created', 'client.medical_updated', 'client.created']);
  });
});

describe('who has opened this record', () => {
  it("lists each opening of the client's record, its treatments and photos, newest first, with staff names", async () => {
    tv = await createTestVault();
    const { api, clock } = tv;
    const { zoe, amir } = await twoClients(api);
    const treatment = await api.call('treatments.create', toxin(zoe.id));
    const priyaId = await signInAs(api, 'practitioner');
    clock.advance(60_000);
    await api.call('clients.get', { clientId: zoe.id });
    await api.call('medical.get', { clientId: zoe.id });
    await api.call('treatments.get', { treatmentId: treatment.id });
    await api.call('clients.get', { clientId: amir.id });
    await api.call('clients.update', { clientId: zoe.id, changes: { mobile: '07700 900999' } });
    await signInAsOwner(api);
    const rachelId = await signInAs(api, 'reception');
    await api.call('clients.get', { clientId: zoe.id });
    await signInAsOwner(api);

    const page = await api.call('audit.recordOpenings', { clientId: zoe.id });
    const seen = page.entries.map((e) => [e.staffName, e.action]);
    expect(seen).toEqual([
      ['rachel test', 'client.viewed'],
      ['priya test', 'treatment.viewed'],
      ['priya test', 'client.medical_viewed'],
      ['priya test', 'client.viewed'],
    ]);
    expect(page.entries.every((e) => e.clientId === zoe.id && e.clientName === 'Zoë Hartley')).toBe(true);
    expect(page.entries.map((e) => e.staffId)).toEqual([rachelId, priyaId, priyaId, priyaId]);
    expect(page.nextBeforeSeq).toBeNull();

    const first = await api.call('audit.recordOpenings', { clientId: zoe.id, limit: 3 });
    expect(first.entries).toHaveLength(3);
    const rest = await api.call('audit.recordOpenings', { clientId: zoe.id, limit: 3, beforeSeq: first.nextBeforeSeq! });
    expect(rest.entries.map((e) => e.action)).toEqual(['client.viewed']);
    expect(rest.nextBeforeSeq).toBeNull();

    expect(await errorCodeOf(() => api.call('audit.recordOpenings', { clientId: 'cl_nobody' }))).toBe('NOT_FOUND');
  });
});

describe('the filtered view as CSV', () => {
  it('streams every matching entry in pieces, with names, one header, and logs the export once', async () => {
    tv = await createTestVault();
    const { api } = tv;
    const { zoe } = await twoClients(api);
    const audit = vaultOf(api).audit;
    const staffId = api.core.requireSession().session.staff.id;
    const views = AUDIT_CSV_CHUNK + 150;
    for (let i = 0; i < views; i++) audit.append({ staffId, action: 'client.viewed', subjectType: 'client', subjectId: zoe.id });

    const { text, seqsLeft, calls } = await wholeCsv(api, { action: 'client.viewed' });
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual(['Entry', 'Date and time', 'Staff', 'Staff id', 'Action', 'Action code', 'Client', 'Client id', 'Subject type', 'Subject id', 'Subject name', 'Detail']);
    const body = rows.slice(1);
    expect(body).toHaveLength(views);
    expect(calls).toBe(2);
    expect(seqsLeft.at(-1)).toBe(0);
    expect(seqsLeft[0]).toBeGreaterThan(0);
    expect(new Set(body.map((r) => r[5]))).toEqual(new Set(['client.viewed']));
    expect(body[0]).toEqual([
      expect.stringMatching(/^\d+$/),
      expect.stringMatching(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/),
      'Olivia Owner',
      staffId,
      'Client record opened',
      'client.viewed',
      'Zoë Hartley',
      zoe.id,
      'client',
      zoe.id,
      '',
      '',
    ]);
    const seqs = body.map((r) => Number(r[0]));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

    const exports = vaultOf(api).db.prepare("SELECT staff_id, detail FROM audit_log WHERE action = 'audit.exported'").all() as { staff_id: string; detail: string }[];
    expect(exports).toHaveLength(1);
    expect(JSON.parse(exports[0]!.detail)).toEqual({ action: 'client.viewed', staffId: null, subjectId: null, clientId: null, from: null, to: null });
  });

  it("defuses a name a spreadsheet would run as a formula", async () => {
    tv = await createTestVault();
    const { api } = tv;
    const { zoe } = await twoClients(api);
    // As a record imported from elsewhere might hold it.
    vaultOf(api).db.prepare("UPDATE clients SET first_name = '=HYPERLINK(\"http://evil.example\",\"x\")', last_name = '+1' WHERE id = ?").run(zoe.id);
    await api.call('clients.get', { clientId: zoe.id });
    const { text } = await wholeCsv(api, { subjectId: zoe.id });
    const viewed = parseCsv(text.slice(1)).find((r) => r[5] === 'client.viewed')!;
    expect(viewed[6]).toBe('\'=HYPERLINK("http://evil.example","x") +1');
    expect(text).toContain('"\'=HYPERLINK(""http://evil.example"",""x"") +1"');
  });

  it('exports only what the filter matches, and an empty view as the header alone', async () => {
    tv = await createTestVault();
    const { api } = tv;
    const { zoe, amir } = await twoClients(api);
    await api.call('clients.get', { clientId: amir.id });
    const { text } = await wholeCsv(api, { subjectId: zoe.id });
    const body = parseCsv(text.slice(1)).slice(1);
    expect(body.map((r) => r[5])).toEqual(['client.created']);
    const none = await wholeCsv(api, { from: '2020-01-01', to: '2020-01-31' });
    expect(parseCsv(none.text.slice(1))).toHaveLength(1);
    expect(none.seqsLeft).toEqual([0]);
    const entries: AuditEntry[] = (await api.call('audit.list', { limit: 1, action: 'audit.exported' })).entries;
    expect(entries[0]?.detail).toMatchObject({ from: '2020-01-01', to: '2020-01-31' });
  });
});
