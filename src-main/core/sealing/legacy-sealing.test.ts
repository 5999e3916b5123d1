/**
 * Vaults made by earlier builds hold clinical data in the clear. The vault
 * here is turned back into what migrations 1-6 leave (the 0007 column
 * dropped, user_version 5) and filled with rows the way the earlier build
 * wrote them; the first clinical sign-in must seal every one of them, keep
 * them readable, leave reception's data as it was, and never run twice.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreApi } from '../app';
import { migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import type { Db } from '../db/types';
import { FileStore } from '../files/file-store';
import { newId } from '../platform/ids';
import { makeJpeg } from '../test-support/test-images';
import { fromDataUrl } from '../test-support/photo-test-support';
import { PDF_BYTES } from '../test-support/consent-test-support';
import { newClient } from '../test-support/test-clients';
import { decryptedPages, textsInPages } from '../test-support/decrypted-pages';
import { databaseKeyFor, openRawDatabase } from '../test-support/raw-database';
import { type TestVault, addStaffMember, createTestVault } from '../test-support/temp-vault';
import { OpenVault } from '../vault/open-vault';
import { type VaultKeys, ed25519FromSeed } from '../crypto/vault-keys';
import { randomBytes } from 'node:crypto';
import { vaultPaths } from '../platform/vault-paths';
import { SEALING_DONE_KEY, sealClinicalRows, sealLegacyClinicalData } from './legacy-sealing';
import { CLINICAL, CLINICAL_STRINGS, blobsOpenWithDatabaseKey, clinicalTextInRows } from '../test-support/sealing-test-support';
import { undoMigration0009 } from '../test-support/undo-migration-0009';
import { undoMigration0014 } from '../test-support/undo-migration-0014';
import { undoMigration0013 } from '../test-support/undo-migration-0013';
import { undoMigration0015 } from '../test-support/undo-migration-0015';
import { undoMigration0016 } from '../test-support/undo-migration-0016';
import { undoMigration0017 } from '../test-support/undo-migration-0017';
import { undoMigration0018 } from '../test-support/undo-migration-0018';
import { undoMigration0019 } from '../test-support/undo-migration-0019';
import { undoMigration0020 } from '../test-support/undo-migration-0020';
import { undoMigration0024 } from '../test-support/undo-migration-0024';
import { undoMigration0025 } from '../test-support/undo-migration-0025';
import { undoMigration0021 } from '../test-support/undo-migration-0021';
import { undoMigration0023 } from '../test-support/undo-migration-0023';
import { undoMigration0022 } from '../test-support/undo-migration-0022';

let tv: TestVault;
let api: CoreApi;
let databaseKey: Buffer;
let clinicalKey: Buffer;
const priya = { username: 'priya', password: 'priya-password-123' };
const ids = { client: '', treatment: '', photo: '', dispute: '', identityDispute: '', picture: '', thumb: '', form: '', photoEvidence: '', marketingEvidence: '' };
let picture: Buffer;

// sqlite_sequence is SQLite's own bookkeeping for AUTOINCREMENT: it cannot be dropped once made, and is not our schema.
const tableColumns = (db: Db) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sqlite_sequence' ORDER BY name`).all() as { name: string }[]).map(({ name }) => ({
    name,
    columns: db.prepare(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)`).all(name),
  }));

/** The rows an earlier build wrote for one client's clinical record, in the clear. */
async function insertLegacyRecord(db: Db, staffId: string, clientId: string): Promise<void> {
  const at = '2026-11-01T10:00:00.000Z';
  const medical = { conditions: CLINICAL.conditions, medications: CLINICAL.medications, allergies: CLINICAL.allergiesAfter, notes: CLINICAL.medicalNotes, reviewedOn: '2026-11-01' };
  const section = db.prepare('INSERT INTO client_sections (client_id, section, data, reviewed_on, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)');
  section.run(clientId, 'medical', JSON.stringify(medical), '2026-11-01', at, staffId);
  section.run(clientId, 'lifestyle', JSON.stringify({ alcohol: CLINICAL.alcohol, skincareRoutine: CLINICAL.skincare }), null, at, staffId);

  const store = new FileStore({ db, vaultDir: tv.vaultDir, clock: { now: () => new Date(at) } });
  picture = await makeJpeg({ width: 40, height: 30 });
  ids.picture = (await store.write(picture, { mediaType: 'image/jpeg', createdBy: staffId })).id;
  ids.thumb = (await store.write(picture, { mediaType: 'image/jpeg', createdBy: staffId })).id;
  ids.form = (await store.write(PDF_BYTES, { mediaType: 'application/pdf', createdBy: staffId })).id;
  ids.photoEvidence = (await store.write(PDF_BYTES, { mediaType: 'application/pdf', createdBy: staffId })).id;
  ids.marketingEvidence = (await store.write(PDF_BYTES, { mediaType: 'application/pdf', createdBy: staffId })).id;

  ids.treatment = newId('tr');
  db.prepare(
    `INSERT INTO treatments (id, client_id, treated_on, practitioner_id, type_id, areas, product, batch_number, batch_key, batch_expiry,
       amount, amount_unit, consent_form_file_id, notes, aftercare, follow_up_on, adverse_event, mhra_reported, mhra_reference,
       doctor_exception, created_at, created_by)
     VALUES (?, ?, '2026-11-01', ?, 'tt_toxin', ?, 'Azzalure', 'AB 1234', 'AB1234', '2027-06-30', 20, 'units', ?, ?, ?, '2026-11-15', ?, 1, ?, NULL, ?, ?)`,
  ).run(ids.treatment, clientId, staffId, JSON.stringify([CLINICAL.area]), ids.form, CLINICAL.treatmentNotes, CLINICAL.aftercare, CLINICAL.adverseEvent, CLINICAL.mhraReference, at, staffId);
  db.prepare(`UPDATE clients SET last_visit_on = '2026-11-01' WHERE id = ?`).run(clientId);

  ids.photo = newId('ph');
  db.prepare(
    `INSERT INTO photos (id, client_id, treatment_id, file_id, thumb_file_id, area, stage, taken_on, width, height, media_type,
       consent_reference, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, 'before', '2026-11-01', 40, 30, 'image/jpeg', ?, ?, ?)`,
  ).run(ids.photo, clientId, ids.treatment, ids.picture, ids.thumb, CLINICAL.photoArea, CLINICAL.photoReference, at, staffId);

  const change = db.prepare(
    `INSERT INTO field_changes (id, client_id, section, field, old_value, new_value, changed_at, changed_by, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  change.run(newId('fc'), clientId, 'medical', 'allergies', CLINICAL.allergiesBefore, CLINICAL.allergiesAfter, at, staffId, CLINICAL.medicalReason);
  change.run(newId('fc'), clientId, 'medical', 'conditions', null, CLINICAL.conditions, '2026-10-01T10:00:00.000Z', staffId, '');
  change.run(newId('fc'), clientId, 'identity', 'mobile', '07700 900123', '07700 900999', at, staffId, 'New number');

  const dispute = db.prepare(`INSERT INTO field_disputes (id, client_id, section, field, note, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  ids.dispute = newId('fd');
  dispute.run(ids.dispute, clientId, 'medical', 'allergies', CLINICAL.disputeNote, at, staffId);
  ids.identityDispute = newId('fd');
  dispute.run(ids.identityDispute, clientId, 'identity', 'gender', 'Prefers not to say', at, staffId);

  const consent = db.prepare(
    `INSERT INTO consent_events (id, client_id, purpose_id, state, occurred_at, recorded_at, recorded_by, method, evidence_file_id)
     VALUES (?, ?, ?, 'granted', ?, ?, ?, 'paper-form', ?)`,
  );
  consent.run(newId('ce'), clientId, 'photo.training', at, at, staffId, ids.photoEvidence);
  consent.run(newId('ce'), clientId, 'marketing.email', at, at, staffId, ids.marketingEvidence);
}

beforeAll(async () => {
  tv = await createTestVault();
  const staff = await addStaffMember(tv.api, 'practitioner');
  await addStaffMember(tv.api, 'reception');
  ids.client = (await tv.api.call('clients.create', newClient())).id;
  tv.reopen();
  databaseKey = await databaseKeyFor(tv.vaultDir, tv.recoveryKey);

  // Back to the schema migrations 1-6 leave, as a vault of the earlier build has it (migration 0010's audit index and table and 0012's merge tables undone too).
  const db = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
  undoMigration0025(db);
  undoMigration0024(db);
  undoMigration0023(db);
  undoMigration0022(db);
  undoMigration0021(db);
  undoMigration0020(db);
  undoMigration0019(db);
  undoMigration0018(db);
  undoMigration0017(db);
  undoMigration0016(db);
  undoMigration0015(db);
  undoMigration0014(db);
  undoMigration0013(db);
  undoMigration0009(db);
  db.exec(`DROP TABLE client_merges; DROP TABLE client_distinct_pairs; DROP TABLE audit_out_of_order; DROP INDEX audit_by_action; DROP TRIGGER client_recency_on_insert; DROP TRIGGER client_recency_on_update; DROP TRIGGER client_recency_on_delete; DROP TABLE client_recency; ALTER TABLE treatments DROP COLUMN details_sealed; DELETE FROM meta WHERE key = '${SEALING_DONE_KEY}'; PRAGMA user_version = 6;`);
  const earlier = new Database(':memory:');
  migrate(earlier, MIGRATIONS, 6);
  expect(tableColumns(db)).toEqual(tableColumns(earlier));
  earlier.close();
  await insertLegacyRecord(db, staff.id, ids.client);
  expect(clinicalTextInRows(db).length).toBeGreaterThan(10);
  db.close();

  api = tv.reopen();
  await api.call('session.signIn', priya);
  clinicalKey = Buffer.from(api.core.requireSession().vault.keys.clinical!);
}, 60_000);

afterAll(() => tv.cleanup());

describe('sealing what an earlier build left in the clear', () => {
  it('the first clinical sign-in seals every clinical row: none left in any table, page or plainly-keyed file', async () => {
    tv.reopen();
    const db = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    try {
      expect(clinicalTextInRows(db)).toEqual([]);
      expect(db.prepare('SELECT value FROM meta WHERE key = ?').get(SEALING_DONE_KEY)).toBeDefined();
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      const plainFiles = (await blobsOpenWithDatabaseKey(db, tv.vaultDir)).map((f) => f.fileId);
      // Only the marketing evidence (reception's) is still under the database key alone.
      expect(plainFiles).toEqual([ids.marketingEvidence]);
      // Reception's own history and disputes are left as they were.
      expect(db.prepare(`SELECT old_value, new_value, reason FROM field_changes WHERE section = 'identity'`).get()).toEqual({ old_value: '07700 900123', new_value: '07700 900999', reason: 'New number' });
      expect(db.prepare(`SELECT note FROM field_disputes WHERE id = ?`).get(ids.identityDispute)).toEqual({ note: 'Prefers not to say' });
    } finally {
      db.close();
    }
    expect(textsInPages(decryptedPages(vaultPaths(tv.vaultDir).database, databaseKey), CLINICAL_STRINGS)).toEqual([]);
    api = tv.api;
    await api.call('session.signIn', priya);
  });

  it('everything sealed still reads back as it was written', async () => {
    expect(await api.call('medical.get', { clientId: ids.client })).toMatchObject({ conditions: CLINICAL.conditions, allergies: CLINICAL.allergiesAfter, reviewedOn: '2026-11-01' });
    expect(await api.call('lifestyle.get', { clientId: ids.client })).toMatchObject({ alcohol: CLINICAL.alcohol, skincareRoutine: CLINICAL.skincare });
    const [t] = await api.call('treatments.list', { clientId: ids.client });
    expect(t).toMatchObject({ areas: [CLINICAL.area], amount: 20, amountUnit: 'units', notes: CLINICAL.treatmentNotes, aftercare: CLINICAL.aftercare, followUpOn: '2026-11-15', adverseEvent: CLINICAL.adverseEvent, mhraReported: true, mhraReference: CLINICAL.mhraReference, doctorException: null, batchNumber: 'AB 1234' });
    const photo = await api.call('photos.get', { photoId: ids.photo });
    expect(photo.photo).toMatchObject({ area: CLINICAL.photoArea, consentReference: CLINICAL.photoReference });
    expect(fromDataUrl(photo.imageDataUrl).bytes.equals(picture)).toBe(true);
    const history = await api.call('clients.history', { clientId: ids.client });
    expect(history.changes.map((c) => [c.field, c.oldValue, c.newValue, c.reason])).toEqual([
      ['mobile', '07700 900123', '07700 900999', 'New number'],
      ['allergies', CLINICAL.allergiesBefore, CLINICAL.allergiesAfter, CLINICAL.medicalReason],
      ['conditions', null, CLINICAL.conditions, ''],
    ]);
    expect(history.disputes.map((d) => d.note).sort()).toEqual([CLINICAL.disputeNote, 'Prefers not to say'].sort());
    const files = api.core.requireSession().vault.files;
    expect((await files.readToBuffer(ids.form)).equals(PDF_BYTES)).toBe(true);
    expect(files.isClinical(ids.photoEvidence)).toBe(true);
  });

  it('runs once: a later sign-in changes nothing, and sealing again finds nothing to seal', async () => {
    const snapshot = (db: Db) => ({
      sections: db.prepare('SELECT data FROM client_sections ORDER BY rowid').all(),
      treatments: db.prepare('SELECT details_sealed FROM treatments ORDER BY rowid').all(),
      changes: db.prepare('SELECT old_value, new_value, reason FROM field_changes ORDER BY rowid').all(),
      files: db.prepare('SELECT file_key FROM files ORDER BY rowid').all(),
    });
    tv.reopen();
    let db = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    const before = snapshot(db);
    db.close();
    await tv.api.call('session.signIn', priya);
    tv.reopen();
    db = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    try {
      expect(snapshot(db)).toEqual(before);
      expect(sealClinicalRows(db, clinicalKey)).toEqual({ sections: 0, treatments: 0, changes: 0, disputes: 0, photos: 0, files: 0 });
      expect(snapshot(db)).toEqual(before);
    } finally {
      db.close();
    }
    api = tv.api;
    await api.call('session.signIn', priya);
  });

  it('a run cut short part-way keeps the batches it finished and the next run carries on from there', async () => {
    tv.reopen();
    const db = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    try {
      db.prepare('DELETE FROM meta WHERE key = ?').run(SEALING_DONE_KEY);
      const insert = db.prepare(
        `INSERT INTO treatments (id, client_id, treated_on, practitioner_id, type_id, areas, notes, created_at, created_by)
         SELECT ?, client_id, treated_on, practitioner_id, type_id, ?, ?, created_at, created_by FROM treatments WHERE id = ?`,
      );
      const [t1, t2, t3] = [newId('tr'), newId('tr'), newId('tr')];
      insert.run(t1, '["Chin"]', 'first cv0001', ids.treatment);
      // Unreadable JSON stops the run at this row, as a crash would at any point.
      insert.run(t2, '[broken', 'second cv0002', ids.treatment);
      insert.run(t3, '["Jaw"]', 'third cv0003', ids.treatment);
      const sealedOf = (id: string) => (db.prepare('SELECT details_sealed AS s FROM treatments WHERE id = ?').get(id) as { s: Buffer | null }).s;
      const earlier = sealedOf(ids.treatment);

      expect(() => sealLegacyClinicalData(db, clinicalKey, { batchSize: 1 })).toThrow();
      const afterCut = sealedOf(t1);
      expect(afterCut?.[0]).toBe(1); // sealed, version 1
      expect([sealedOf(t2), sealedOf(t3)]).toEqual([null, null]);
      expect(db.prepare('SELECT 1 FROM meta WHERE key = ?').get(SEALING_DONE_KEY)).toBeUndefined();

      db.prepare(`UPDATE treatments SET areas = '["Lips"]' WHERE id = ?`).run(t2);
      expect(sealLegacyClinicalData(db, clinicalKey, { batchSize: 1 })).toMatchObject({ treatments: 2, sections: 0, files: 0 });
      expect([sealedOf(ids.treatment), sealedOf(t1)]).toEqual([earlier, afterCut]);
      expect(db.prepare(`SELECT count(*) AS n FROM treatments WHERE notes <> '' OR areas <> '[]'`).get()).toEqual({ n: 0 });
      expect(sealLegacyClinicalData(db, clinicalKey)).toBeNull();
    } finally {
      db.close();
    }
    api = tv.api;
    await api.call('session.signIn', priya);
    expect((await api.call('treatments.list', { clientId: ids.client })).map((t) => t.notes).sort()).toEqual(['first cv0001', 'second cv0002', 'third cv0003', CLINICAL.treatmentNotes].sort());
  });

  it('a session without the clinical key (reception) opening the vault first leaves it for a clinical one', async () => {
    tv.reopen();
    const db = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    try {
      db.prepare('DELETE FROM meta WHERE key = ?').run(SEALING_DONE_KEY);
      const id = newId('tr');
      db.prepare(
        `INSERT INTO treatments (id, client_id, treated_on, practitioner_id, type_id, notes, created_at, created_by)
         SELECT ?, client_id, treated_on, practitioner_id, type_id, 'left for later cv0004', created_at, created_by FROM treatments WHERE id = ?`,
      ).run(id, ids.treatment);
      const keys: VaultKeys = { database: Buffer.from(databaseKey), clinical: null, auditSigning: null, auditPublic: ed25519FromSeed(randomBytes(32)).publicKey };
      new OpenVault(db, Buffer.from(databaseKey), 'v_test', vaultPaths(tv.vaultDir), tv.clock, { ...keys, clinical: null });
      const state = () => ({
        sealed: (db.prepare('SELECT details_sealed AS s FROM treatments WHERE id = ?').get(id) as { s: Buffer | null }).s !== null,
        done: db.prepare('SELECT 1 FROM meta WHERE key = ?').get(SEALING_DONE_KEY) !== undefined,
      });
      expect(state()).toEqual({ sealed: false, done: false });
      new OpenVault(db, Buffer.from(databaseKey), 'v_test', vaultPaths(tv.vaultDir), tv.clock, { ...keys, clinical: Buffer.from(clinicalKey) });
      expect(state()).toEqual({ sealed: true, done: true });
    } finally {
      db.close();
    }
  });
});
