/**
 * The proof that an erasure leaves no readable trace (issue #12 item 8): after
 * it, every page of the decrypted database, free pages and the write-ahead
 * log included, is searched for the client's names, emails, phones (E.164,
 * national and spaced forms) and address, in UTF-8 and UTF-16, and the photo
 * blobs must be gone from disk, while the clinical record stays reachable.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestVault, createTestVault } from '../test-support/temp-vault';
import { databaseKeyFor } from '../test-support/raw-database';
import { dbOf } from '../test-support/upload-test-support';
import { ERASED_PERSON, erasedNeedles, needlesFound, readAllPages, seedErasableClient } from '../test-support/erasure-test-support';
import { vaultPaths } from '../platform/vault-paths';
import { serviceContextOf } from '../test-support/service-context-test-support';
import { destroyClientData } from './destroy-client';

let tv: TestVault;
let key: Buffer;

beforeEach(async () => {
  tv = await createTestVault();
  key = await databaseKeyFor(tv.vaultDir, tv.recoveryKey);
});
afterEach(() => tv.cleanup());

function blobPathsOf(fileIds: string[]): string[] {
  const rows = dbOf(tv.api).prepare('SELECT blob_name FROM files WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(fileIds)) as { blob_name: string }[];
  return rows.map((r) => join(tv.vaultDir, 'blobs', r.blob_name.slice(0, 2), `${r.blob_name}.blob`));
}

function filesOfClient(clientId: string): string[] {
  const db = dbOf(tv.api);
  const photos = db.prepare('SELECT file_id, thumb_file_id FROM photos WHERE client_id = ?').all(clientId) as { file_id: string; thumb_file_id: string }[];
  const evidence = db.prepare('SELECT evidence_file_id AS f FROM consent_events WHERE client_id = ? AND evidence_file_id IS NOT NULL').all(clientId) as { f: string }[];
  return [...photos.flatMap((p) => [p.file_id, p.thumb_file_id]), ...evidence.map((e) => e.f)];
}

describe('erasure leaves no readable trace', () => {
  it('finds the client in the pages before, and none of their names, emails, phones or address after; the clinical record stays', async () => {
    const { clientId } = await seedErasableClient(tv.api, 2);
    const other = await tv.api.call('clients.create', { firstName: 'Ada', lastName: 'Example', dateOfBirth: '1990-05-17', email: 'ada@example.co.uk' });
    const photoFiles = (dbOf(tv.api).prepare('SELECT file_id, thumb_file_id FROM photos WHERE client_id = ?').all(clientId) as { file_id: string; thumb_file_id: string }[]).flatMap((p) => [p.file_id, p.thumb_file_id]);
    const photoBlobs = blobPathsOf(photoFiles);
    const evidenceBlobs = blobPathsOf(filesOfClient(clientId).filter((f) => !photoFiles.includes(f)));
    expect(photoBlobs).toHaveLength(4);
    expect(evidenceBlobs).toHaveLength(1);
    const dbPath = vaultPaths(tv.vaultDir).database;

    // The scan sees them while they are there: otherwise "nothing found" would prove nothing.
    const before = readAllPages(dbPath, key);
    expect(needlesFound(before.pages, [ERASED_PERSON.lastName, ERASED_PERSON.email, ERASED_PERSON.oldEmail, '+447700900456', 'quarrington'])).toHaveLength(5);

    const result = await tv.api.call('erasure.apply', { clientId, confirmation: 'ERASE' });
    expect(result.clientRemoved).toBe(false);
    expect(result.preview.keptUntil).toBe('2036-11-20');

    const after = readAllPages(dbPath, key);
    expect(after.unreadable).toBe(0);
    expect(needlesFound(after.pages, erasedNeedles())).toEqual([]);
    // Another client's data is untouched (and still found by the same scan).
    expect(needlesFound(after.pages, ['ada@example.co.uk'])).toEqual(['ada@example.co.uk']);

    // The marketing consent's evidence file went with its key; the photos are the kept clinical record.
    for (const p of evidenceBlobs) expect(existsSync(p)).toBe(false);
    for (const p of photoBlobs) expect(existsSync(p)).toBe(true);

    // Search finds nothing by any of the details; the clinical record is reachable by its reference until its date.
    for (const query of ['Quarrington', 'Wiesława', 'wieslawa q', 'blaszczyk', ERASED_PERSON.email, '07700 900456', '01174960987', 'BS8 1TH', 'arring']) {
      expect((await tv.api.call('clients.search', { query })).results).toEqual([]);
    }
    expect((await tv.api.call('clients.search', { query: 'Ada Example' })).results.map((r) => r.id)).toEqual([other.id]);
    expect(await tv.api.call('treatments.list', { clientId })).toHaveLength(1);
    expect(await tv.api.call('photos.list', { clientId })).toHaveLength(2);
    const status = await tv.api.call('erasure.status', { clientId });
    expect(status?.keptUntil).toBe('2036-11-20');
    expect(status?.retainedIdentity?.lastName).toBe(ERASED_PERSON.lastName);
    const record = await tv.api.call('clients.get', { clientId });
    expect(record).toMatchObject({ firstName: '', lastName: '', email: '', mobile: '', postcode: '', addressLines: [], otherPhones: [] });
  });

  it('removes a client with no clinical record whole: rows, photos of none, blobs of the consent evidence', async () => {
    const created = await tv.api.call('clients.create', {
      firstName: ERASED_PERSON.firstName,
      lastName: ERASED_PERSON.lastName,
      email: ERASED_PERSON.email,
      mobile: ERASED_PERSON.mobile,
      dateOfBirth: ERASED_PERSON.dateOfBirth,
    });
    await tv.api.call('consent.record', { clientId: created.id, purposeId: 'marketing.sms', state: 'granted', method: 'in-person' });
    const result = await tv.api.call('erasure.apply', { clientId: created.id, confirmation: 'erase' });
    expect(result.clientRemoved).toBe(true);
    expect(result.letterText).toContain('removed entirely');
    expect(dbOf(tv.api).prepare('SELECT count(*) AS n FROM clients WHERE id = ?').get(created.id)).toEqual({ n: 0 });
    const after = readAllPages(vaultPaths(tv.vaultDir).database, key);
    expect(needlesFound(after.pages, erasedNeedles())).toEqual([]);
  });

  it("destroying the clinical record destroys every photo's original, thumbnail and print copy: rows, keys and blobs", async () => {
    const { clientId, photoIds } = await seedErasableClient(tv.api, 2);
    const db = dbOf(tv.api);
    const prints = (db.prepare('SELECT file_id FROM photo_print_copies WHERE photo_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(photoIds)) as { file_id: string }[]).map((r) => r.file_id);
    // Import made one print copy per photo: without them this test would prove nothing.
    expect(prints).toHaveLength(2);
    const photoFiles = (db.prepare('SELECT file_id, thumb_file_id FROM photos WHERE client_id = ?').all(clientId) as { file_id: string; thumb_file_id: string }[]).flatMap((p) => [p.file_id, p.thumb_file_id]);
    const blobs = blobPathsOf([...photoFiles, ...prints]);
    expect(blobs).toHaveLength(6);
    for (const b of blobs) expect(existsSync(b)).toBe(true);

    const report = destroyClientData(serviceContextOf(tv.api), clientId, ['contact', 'marketing', 'other', 'clinical'], { auditAction: 'erasure.applied' });
    expect(report.clientRemoved).toBe(true);

    // The print copies' rows, their files' rows (with the keys) and their blobs are all gone.
    expect(db.prepare('SELECT count(*) AS n FROM photo_print_copies').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM files WHERE id IN (SELECT value FROM json_each(?))').get(JSON.stringify([...photoFiles, ...prints]))).toEqual({ n: 0 });
    for (const b of blobs) expect(existsSync(b), b).toBe(false);
  });
});
