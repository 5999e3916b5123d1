/**
 * Erasure through the dispatcher (issue #12 item 8 and its bad input): the
 * preview says what goes and what stays until when; only the owner may erase
 * (a direct call as practitioner or reception is refused by the core); a
 * second erasure is refused; a stop half-way leaves the client untouched.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestVault, createTestVault, errorCodeOf } from '../test-support/temp-vault';
import { signInAs, signInAsOwner } from '../test-support/test-clients';
import { dbOf } from '../test-support/upload-test-support';
import { ERASED_PERSON, seedErasableClient } from '../test-support/erasure-test-support';

let tv: TestVault;
beforeEach(async () => {
  tv = await createTestVault();
});
afterEach(() => tv.cleanup());

function blobCount(): number {
  const dir = join(tv.vaultDir, 'blobs');
  if (!existsSync(dir)) return 0;
  return readdirSync(dir).filter((d) => d !== 'tmp').reduce((n, d) => n + readdirSync(join(dir, d)).length, 0);
}

function snapshot(clientId: string) {
  const db = dbOf(tv.api);
  const one = (sql: string) => db.prepare(sql).all(clientId);
  return {
    client: one('SELECT * FROM clients WHERE id = ?'),
    consents: one('SELECT seq FROM consent_events WHERE client_id = ?'),
    changes: one('SELECT id FROM field_changes WHERE client_id = ?'),
    files: db.prepare('SELECT id FROM files ORDER BY id').all(),
    tps: db.prepare('SELECT seq FROM tps_screenings').all(),
    erasures: db.prepare('SELECT * FROM client_erasures').all(),
    pending: db.prepare('SELECT * FROM pending_blob_deletions').all(),
    blobs: blobCount(),
  };
}

describe('erasure.preview', () => {
  it('lists what goes and what stays, with the date and the legal basis', async () => {
    const { clientId } = await seedErasableClient(tv.api, 1);
    const preview = await tv.api.call('erasure.preview', { clientId });
    expect(preview.removesWholeRecord).toBe(false);
    expect(preview.goes.find((g) => g.category === 'contact')!.count).toBeGreaterThan(5);
    expect(preview.goes.find((g) => g.category === 'marketing')!.count).toBe(2); // the consent and its evidence file
    const stays = Object.fromEntries(preview.stays.map((s) => [s.what.split(/[ ,]/)[0], s.count]));
    expect(stays).toMatchObject({ Name: 1, Treatments: 1, Photos: 1 });
    expect(new Set(preview.stays.map((s) => s.keptUntil))).toEqual(new Set(['2036-11-20']));
    expect(preview.keptUntilRule).toBe('after-last-treatment');
    expect(preview.legalBasis.join(' ')).toMatch(/Article 17\(3\)\(c\).*Article 17\(3\)\(e\)/);
    // A preview changes nothing.
    expect((await tv.api.call('clients.search', { query: 'Quarrington' })).results).toHaveLength(1);
  });
});

describe('erasure.apply bad input', () => {
  it('refuses practitioner and reception in the core, and changes nothing', async () => {
    const { clientId } = await seedErasableClient(tv.api, 1);
    const before = snapshot(clientId);
    for (const role of ['practitioner', 'reception'] as const) {
      await signInAs(tv.api, role);
      expect(await errorCodeOf(() => tv.api.call('erasure.apply', { clientId, confirmation: 'ERASE' }))).toBe('FORBIDDEN');
      expect(await errorCodeOf(() => tv.api.call('erasure.preview', { clientId }))).toBe('FORBIDDEN');
      await signInAsOwner(tv.api);
    }
    expect(snapshot(clientId)).toEqual(before);
  });

  it('refuses without the typed confirmation', async () => {
    const { clientId } = await seedErasableClient(tv.api, 1);
    const before = snapshot(clientId);
    const r = await tv.api.dispatch('erasure.apply', { clientId, confirmation: 'yes' });
    expect(r.ok ? null : r.error.message).toMatch(/Type ERASE/);
    expect(snapshot(clientId)).toEqual(before);
  });

  it('refuses a second erasure of the same client, and changes nothing more', async () => {
    const { clientId } = await seedErasableClient(tv.api, 1);
    await tv.api.call('erasure.apply', { clientId, confirmation: 'ERASE' });
    const after = snapshot(clientId);
    const second = await tv.api.dispatch('erasure.apply', { clientId, confirmation: 'ERASE' });
    expect(second.ok ? null : second.error.code).toBe('ALREADY_ERASED');
    expect(snapshot(clientId)).toEqual(after);
  });

  it('a stop half-way (after contact details were blanked in the transaction) leaves the client untouched', async () => {
    const { clientId } = await seedErasableClient(tv.api, 2);
    const before = snapshot(clientId);
    let checks = 0;
    const labels: string[] = [];
    const r = await tv.api.dispatch(
      'erasure.apply',
      { clientId, confirmation: 'ERASE' },
      { stopRequested: () => ++checks >= 4, onProgress: (p) => labels.push(p.label) },
    );
    expect(r.ok ? null : r.error.code).toBe('CANCELLED');
    expect(labels).toContain('Erasing: contact details');
    expect(snapshot(clientId)).toEqual(before);
    expect((await tv.api.call('clients.search', { query: 'Quarrington' })).results.map((h) => h.id)).toEqual([clientId]);
    expect((await tv.api.call('clients.get', { clientId })).email).toBe(ERASED_PERSON.email);
  });

  it('an erased client’s kept clinical record takes no new data', async () => {
    const { clientId } = await seedErasableClient(tv.api, 1);
    await tv.api.call('erasure.apply', { clientId, confirmation: 'ERASE' });
    expect(await errorCodeOf(() => tv.api.call('clients.update', { clientId, changes: { email: 'back@example.com' } }))).toBe('CLIENT_ERASED');
    expect(await errorCodeOf(() => tv.api.call('treatments.create', { clientId, treatedOn: '2026-11-21', typeId: 'tt_toxin', medicalHistoryReviewed: true }))).toBe('CLIENT_ERASED');
    expect((await tv.api.call('clients.get', { clientId })).email).toBe('');
  });
});

describe('a blob left by a crash between the commit and its removal', () => {
  it('is removed when the vault next opens (its key already gone)', async () => {
    const upload = await tv.api.upload(Buffer.from('%PDF-1.4\n%%EOF\n'), { fileName: 'form.pdf' });
    if (!upload.ok) throw new Error(upload.error.code);
    const db = dbOf(tv.api);
    const file = db.prepare('SELECT f.id, f.blob_name FROM files f JOIN staged_uploads s ON s.file_id = f.id WHERE s.id = ?').get(upload.value.uploadId) as { id: string; blob_name: string };
    db.prepare('DELETE FROM staged_uploads WHERE id = ?').run(upload.value.uploadId);
    const path = join(tv.vaultDir, 'blobs', file.blob_name.slice(0, 2), `${file.blob_name}.blob`);
    // What a crash right after the commit leaves: the row and key gone, the blob queued, still on disk.
    const files = tv.api.core.requireSession().vault.files;
    db.transaction(() => files.destroyFiles([file.id]))();
    expect(existsSync(path)).toBe(true);
    const api = tv.reopen();
    await api.call('session.signIn', { username: 'olivia', password: 'correct horse battery' });
    expect(existsSync(path)).toBe(false);
    expect(dbOf(api).prepare('SELECT count(*) AS n FROM pending_blob_deletions').get()).toEqual({ n: 0 });
  });
});
