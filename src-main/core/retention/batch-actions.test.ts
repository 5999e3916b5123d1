/**
 * Destroying and anonymising by retention batch (issue #13 items 4-6): what
 * the owner, another member of staff and an attacker reading the vault see.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestVault, createTestVault, errorCodeOf } from '../test-support/temp-vault';
import { signInAs, signInAsOwner } from '../test-support/test-clients';
import { dbOf } from '../test-support/upload-test-support';
import { leftOf, photoBlobPaths, seedDueClient, stillOnDisk, type DueClient } from '../test-support/retention-action-test-support';
import { sha256Of } from './certificate-data';
import { databaseKeyFor } from '../test-support/raw-database';
import { needlesFound, readAllPages } from '../test-support/erasure-test-support';
import { vaultPaths } from '../platform/vault-paths';

let tv: TestVault;
beforeEach(async () => {
  tv = await createTestVault();
});
afterEach(() => tv.cleanup());

const destroyAll = (clients: DueClient[]) =>
  tv.api.call('retention.destroy', { items: clients.map((c) => ({ clientId: c.clientId, category: 'clinical' as const })), confirm: 'DESTROY' });

function auditRows(action: string): { subject_id: string; detail: string }[] {
  return dbOf(tv.api).prepare('SELECT subject_id, detail FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { subject_id: string; detail: string }[];
}

describe('retention.destroy', () => {
  it('destroys every selected client whole (photos and blobs included), search finds none, and a certificate records the batch', async () => {
    const clients = [await seedDueClient(tv.api, 1), await seedDueClient(tv.api, 2), await seedDueClient(tv.api, 3)];
    const kept = await tv.api.call('clients.create', { firstName: 'Ada', lastName: 'Example', dateOfBirth: '1990-05-17', email: 'ada@example.co.uk' });
    const blobs = clients.flatMap((c) => photoBlobPaths(tv.api, tv.vaultDir, c.clientId));
    expect(stillOnDisk(blobs)).toHaveLength(12);
    expect((await tv.api.call('clients.search', { query: 'Vandermolen' })).results).toHaveLength(3);

    const batch = await destroyAll(clients);
    expect(batch).toMatchObject({ kind: 'destroy', status: 'done', total: 3, done: 3, pending: 0, refused: 0 });
    for (const c of clients) expect(leftOf(tv.api, c.clientId)).toEqual({ client: 0, treatments: 0, photos: 0 });
    expect(stillOnDisk(blobs)).toEqual([]);
    expect((await tv.api.call('clients.search', { query: 'Vandermolen' })).results).toEqual([]);
    expect((await tv.api.call('clients.search', { query: 'Thessaly' })).results).toEqual([]);
    expect(leftOf(tv.api, kept.id).client).toBe(1);
    // Nothing readable left: every page of the decrypted database, free pages and the WAL included.
    const pages = readAllPages(vaultPaths(tv.vaultDir).database, await databaseKeyFor(tv.vaultDir, tv.recoveryKey));
    expect(pages.unreadable).toBe(0);
    expect(needlesFound(pages.pages, clients.flatMap((c) => [c.lastName, c.email]))).toEqual([]);
    expect(needlesFound(pages.pages, ['ada@example.co.uk'])).toEqual(['ada@example.co.uk']);

    const { certificates } = await tv.api.call('retention.certificates.list', undefined);
    expect(certificates).toHaveLength(1);
    expect(certificates[0]).toMatchObject({ id: batch.certificateId, batchId: batch.id, count: 3, kind: 'destroy', staffName: 'Olivia Owner' });
    // The hash in the audit log is of exactly the stored data.
    const stored = dbOf(tv.api).prepare('SELECT data FROM retention_certificates WHERE id = ?').get(batch.certificateId) as { data: string };
    const issued = auditRows('retention.certificate_issued');
    expect(issued).toHaveLength(1);
    expect(JSON.parse(issued[0]!.detail).sha256).toBe(sha256Of(stored.data));
    expect(certificates[0]!.sha256).toBe(sha256Of(stored.data));
    // No personal data in the certificate: references and categories only.
    for (const c of clients) {
      expect(stored.data).toContain(c.clientId);
      for (const secret of [c.firstName, c.lastName, c.email, c.dateOfBirth]) expect(stored.data).not.toContain(secret);
    }
    expect(auditRows('retention.client_destroyed').map((r) => r.subject_id).sort()).toEqual(clients.map((c) => c.clientId).sort());
  });

  it('refuses a wrong confirmation word and changes nothing', async () => {
    const c = await seedDueClient(tv.api, 1);
    const r = await tv.api.dispatch('retention.destroy', { items: [{ clientId: c.clientId, category: 'clinical' }], confirm: 'yes' });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'RETENTION_CONFIRMATION', message: 'Type DESTROY to confirm. Nothing was changed.' });
    expect(leftOf(tv.api, c.clientId)).toEqual({ client: 1, treatments: 2, photos: 2 });
    expect((await tv.api.call('retention.batch.list', undefined)).batches).toEqual([]);
  });

  it('refuses a row of closed request records (not a client category) and changes nothing', async () => {
    const c = await seedDueClient(tv.api, 1);
    const r = await tv.api.dispatch('retention.destroy', { items: [{ clientId: c.clientId, category: 'requests' }], confirm: 'DESTROY' });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'VALIDATION', message: 'Closed request records are not destroyed by a client batch. Leave them out of the selection. Nothing was changed.' });
    expect(leftOf(tv.api, c.clientId).client).toBe(1);
    expect((await tv.api.call('retention.batch.list', undefined)).batches).toEqual([]);
  });

  it('refuses a client who is no longer on file, naming the count, and touches none of the selection', async () => {
    const c = await seedDueClient(tv.api, 1);
    const r = await tv.api.dispatch('retention.destroy', {
      items: [{ clientId: c.clientId, category: 'clinical' }, { clientId: 'cl_gone', category: 'clinical' }],
      confirm: 'DESTROY',
    });
    expect(r.ok ? null : r.error.code).toBe('NOT_FOUND');
    expect(r.ok ? '' : r.error.message).toMatch(/^1 of the selected clients are no longer on file/);
    expect(leftOf(tv.api, c.clientId).client).toBe(1);
  });

  it('is refused to a practitioner and to reception calling the API directly, and the refusal is audited', async () => {
    const c = await seedDueClient(tv.api, 1);
    for (const role of ['practitioner', 'reception'] as const) {
      await signInAs(tv.api, role);
      expect(await errorCodeOf(() => tv.api.call('retention.destroy', { items: [{ clientId: c.clientId, category: 'clinical' }], confirm: 'DESTROY' }))).toBe('FORBIDDEN');
      expect(await errorCodeOf(() => tv.api.call('retention.anonymise', { clientIds: [c.clientId], confirm: 'ANONYMISE' }))).toBe('FORBIDDEN');
      expect(await errorCodeOf(() => tv.api.call('retention.batch.list', undefined))).toBe('FORBIDDEN');
      expect(await errorCodeOf(() => tv.api.call('retention.certificates.list', undefined))).toBe('FORBIDDEN');
      await signInAsOwner(tv.api);
    }
    expect(leftOf(tv.api, c.clientId)).toEqual({ client: 1, treatments: 2, photos: 2 });
    expect(auditRows('access.denied').length).toBeGreaterThanOrEqual(8);
  });
});

describe('a record destroyed while open on another screen', () => {
  it('answers the next call naming the client with RECORD_DESTROYED and a message that says why', async () => {
    const c = await seedDueClient(tv.api, 1);
    await destroyAll([c]);
    const read = await tv.api.dispatch('clients.get', { clientId: c.clientId });
    expect(read.ok ? null : read.error.code).toBe('RECORD_DESTROYED');
    expect(read.ok ? '' : read.error.message).toMatch(/^This client’s record is no longer held: it was destroyed on 22\/11\/2026/);
    const write = await tv.api.dispatch('treatments.list', { clientId: c.clientId });
    expect(write.ok ? null : write.error.code).toBe('RECORD_DESTROYED');
  });
});

describe('Cancel and resume', () => {
  it('stops between clients: those done are wholly gone, the rest untouched; resume finishes and certifies them all', async () => {
    const clients = [await seedDueClient(tv.api, 1), await seedDueClient(tv.api, 2), await seedDueClient(tv.api, 3), await seedDueClient(tv.api, 4)];
    const stop = new AbortController();
    const labels: string[] = [];
    const r = await tv.api.dispatch(
      'retention.destroy',
      { items: clients.map((c) => ({ clientId: c.clientId, category: 'clinical' as const })), confirm: 'DESTROY' },
      {
        signal: stop.signal,
        onProgress: (p) => {
          labels.push(p.label);
          if (p.label === 'Destroying client 3 of 4') stop.abort();
        },
      },
    );
    expect(r.ok).toBe(true);
    const stopped = r.ok ? (r.value as { id: string; status: string; done: number; pending: number; certificateId: string | null }) : null;
    expect(stopped).toMatchObject({ status: 'stopped', done: 2, pending: 2, certificateId: null });
    expect(labels.slice(0, 3)).toEqual(['Destroying client 1 of 4', 'Destroying client 2 of 4', 'Destroying client 3 of 4']);
    expect(clients.map((c) => leftOf(tv.api, c.clientId).client)).toEqual([0, 0, 1, 1]);
    expect(leftOf(tv.api, clients[2]!.clientId)).toEqual({ client: 1, treatments: 2, photos: 2 });
    expect(auditRows('retention.batch_stopped')).toHaveLength(1);

    const resumed = await tv.api.call('retention.batch.resume', { batchId: stopped!.id });
    expect(resumed).toMatchObject({ status: 'done', done: 4, pending: 0 });
    expect(clients.map((c) => leftOf(tv.api, c.clientId).client)).toEqual([0, 0, 0, 0]);
    const cert = dbOf(tv.api).prepare('SELECT data FROM retention_certificates WHERE id = ?').get(resumed.certificateId) as { data: string };
    expect((JSON.parse(cert.data) as { clients: { reference: string }[] }).clients.map((x) => x.reference)).toEqual(clients.map((c) => c.clientId));
    expect(await errorCodeOf(() => tv.api.call('retention.batch.resume', { batchId: stopped!.id }))).toBe('RETENTION_BATCH_FINISHED');
  });
});

describe('retention.anonymise', () => {
  it('keeps type, month, product, batch and practitioner under new ids that join to nothing of the client, and destroys the rest', async () => {
    const c = await seedDueClient(tv.api, 5);
    const db = dbOf(tv.api);
    const before = db.prepare('SELECT id, practitioner_id FROM treatments WHERE client_id = ?').all(c.clientId) as { id: string; practitioner_id: string }[];
    const blobs = photoBlobPaths(tv.api, tv.vaultDir, c.clientId);
    const batch = await tv.api.call('retention.anonymise', { clientIds: [c.clientId], confirm: 'anonymise' });
    expect(batch).toMatchObject({ kind: 'anonymise', status: 'done', done: 1 });
    expect(leftOf(tv.api, c.clientId)).toEqual({ client: 0, treatments: 0, photos: 0 });
    expect(stillOnDisk(blobs)).toEqual([]);

    const rows = db.prepare('SELECT * FROM anonymised_treatments ORDER BY month').all() as Record<string, string>[];
    expect(rows.map(({ id: _id, ...r }) => r)).toEqual([
      { treatment_type_id: 'tt_toxin', month: '2013-02', product: 'Azzalure', batch_number: 'BN5X0', practitioner_id: before[0]!.practitioner_id },
      { treatment_type_id: 'tt_toxin', month: '2014-06', product: 'Bocouture', batch_number: 'BN5X1', practitioner_id: before[0]!.practitioner_id },
    ]);
    const forbidden = [c.clientId, c.firstName, c.lastName, c.dateOfBirth, c.email, ...c.treatedOn, ...before.map((t) => t.id), batch.id];
    for (const row of rows) for (const value of Object.values(row)) for (const f of forbidden) expect(String(value)).not.toContain(f);
    // Nothing else in the vault names the new ids (no table, no audit entry), so nothing joins them to the client.
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'anonymised_%' AND name NOT LIKE '%fts%' AND sql NOT LIKE '%VIRTUAL%'").all() as { name: string }[]).map((t) => t.name);
    for (const row of rows) {
      for (const t of tables) {
        const cols = (db.prepare(`SELECT name FROM pragma_table_info('${t}')`).all() as { name: string }[]).map((x) => x.name);
        if (cols.length === 0) continue;
        const hit = db.prepare(`SELECT count(*) AS n FROM "${t}" WHERE ${cols.map((col) => `CAST("${col}" AS TEXT) LIKE ?`).join(' OR ')}`).get(...cols.map(() => `%${row.id}%`)) as { n: number };
        expect(hit.n, `${t} names an anonymised id`).toBe(0);
      }
    }
    expect(auditRows('retention.client_anonymised').map((r) => r.subject_id)).toEqual([c.clientId]);
  });
});
