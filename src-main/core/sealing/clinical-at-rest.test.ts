/**
 * What the database holds once a practitioner has recorded a full clinical
 * record: nothing clinical that the database key alone opens (every row of
 * every table, every page of the file and its write-ahead log, every blob whose
 * key is not sealed), while owner and practitioner still see all of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreApi } from '../app';
import { signInAs, signInAsOwner } from '../test-support/test-clients';
import { openDatabase } from '../db/open-database';
import type { Db } from '../db/types';
import { databaseKeyFor } from '../test-support/raw-database';
import { decryptedPages, textsInPages } from '../test-support/decrypted-pages';
import { type TestVault, addStaffMember, createTestVault } from '../test-support/temp-vault';
import { vaultPaths } from '../platform/vault-paths';
import { fromDataUrl } from '../test-support/photo-test-support';
import {
  CLINICAL,
  CLINICAL_STRINGS,
  CONSENT_FORM_MARK,
  type ClinicalScenario,
  blobsOpenWithDatabaseKey,
  clinicalTextInRows,
  otherVaultFiles,
  recordClinicalClient,
} from '../test-support/sealing-test-support';

let tv: TestVault;
let api: CoreApi;
let scenario: ClinicalScenario;
let databaseKey: Buffer;

beforeAll(async () => {
  tv = await createTestVault();
  await addStaffMember(tv.api, 'reception');
  await signInAs(tv.api, 'practitioner');
  api = tv.api;
  scenario = await recordClinicalClient(api);
  databaseKey = await databaseKeyFor(tv.vaultDir, tv.recoveryKey);
}, 60_000);

afterAll(() => tv.cleanup());

/** The database as someone holding only the database key reads it (a second connection, read-only). */
function attackerDb(): Db {
  return openDatabase(vaultPaths(tv.vaultDir).database, Buffer.from(databaseKey), { readonly: true });
}

describe('clinical data at rest', () => {
  it('no row of any table holds a clinical value in the clear', () => {
    const db = attackerDb();
    try {
      expect(clinicalTextInRows(db)).toEqual([]);
      // The scenario did write them: the rows are there, sealed (five answers, and the review date the treatment's review tick moved).
      expect((db.prepare('SELECT count(*) AS n FROM field_changes WHERE section = ?').get('medical') as { n: number }).n).toBe(6);
      const t = db.prepare('SELECT notes, adverse_event, areas, mhra_reported, details_sealed FROM treatments').get() as Record<string, unknown>;
      expect(t).toMatchObject({ notes: '', adverse_event: '', areas: '[]', mhra_reported: 0 });
      expect(Buffer.isBuffer(t.details_sealed) && (t.details_sealed as Buffer)[0]).toBe(1); // sealed, version 1
    } finally {
      db.close();
    }
  });

  it('no page of vault.db or its write-ahead log holds one, while the app has the vault open', () => {
    const pages = decryptedPages(vaultPaths(tv.vaultDir).database, databaseKey);
    expect(pages.length).toBeGreaterThan(10);
    // The decryption is real: clear data of the same record is found in the pages.
    expect(textsInPages(pages, ['zoe.hartley@example.co.uk', 'AB 1234'])).toEqual(['zoe.hartley@example.co.uk', 'AB 1234']);
    expect(textsInPages(pages, CLINICAL_STRINGS)).toEqual([]);
  });

  it('no blob that the database key alone decrypts is a photo, its thumbnail or print copy, or the consent form', async () => {
    const db = attackerDb();
    try {
      const opened = await blobsOpenWithDatabaseKey(db, tv.vaultDir);
      for (const { bytes } of opened) {
        for (const picture of scenario.photoBytes) expect(bytes.equals(picture)).toBe(false);
        expect(bytes.includes(Buffer.from(CONSENT_FORM_MARK))).toBe(false);
      }
      const keys = db.prepare('SELECT length(file_key) AS n FROM files').all() as { n: number }[];
      expect(keys.length).toBe(4); // picture, thumbnail, print copy, consent form: each key sealed
      expect(keys.every((k) => k.n > 32)).toBe(true);
    } finally {
      db.close();
    }
  });

  it('nothing clinical is in the vault folder’s other files (keyring, vault.json, throttle)', () => {
    for (const { name, bytes } of otherVaultFiles(tv.vaultDir)) {
      for (const needle of CLINICAL_STRINGS) expect(bytes.includes(Buffer.from(needle)), `${needle} in ${name}`).toBe(false);
    }
  });

  it('the practitioner sees every clinical value as it was recorded', async () => {
    const medical = await api.call('medical.get', { clientId: scenario.clientId });
    expect(medical).toMatchObject({ conditions: CLINICAL.conditions, medications: CLINICAL.medications, allergies: CLINICAL.allergiesAfter, notes: CLINICAL.medicalNotes });
    const lifestyle = await api.call('lifestyle.get', { clientId: scenario.clientId });
    expect(lifestyle).toMatchObject({ alcohol: CLINICAL.alcohol, skincareRoutine: CLINICAL.skincare });
    const [t] = await api.call('treatments.list', { clientId: scenario.clientId });
    expect(t).toMatchObject({
      areas: [CLINICAL.area],
      product: 'Azzalure',
      batchNumber: 'AB 1234',
      amount: 20,
      amountUnit: 'units',
      notes: CLINICAL.treatmentNotes,
      aftercare: CLINICAL.aftercare,
      followUpOn: '2026-12-04',
      adverseEvent: CLINICAL.adverseEvent,
      mhraReported: true,
      mhraReference: CLINICAL.mhraReference,
    });
    const photo = await api.call('photos.get', { photoId: scenario.photoId });
    expect(photo.photo).toMatchObject({ area: CLINICAL.photoArea, consentReference: CLINICAL.photoReference });
    expect(fromDataUrl(photo.imageDataUrl).bytes.equals(scenario.photoBytes[0]!)).toBe(true);
    const files = api.core.requireSession().vault.files;
    expect((await files.readToBuffer(t!.consentFormFileId!)).equals(scenario.consentForm)).toBe(true);
  });

  it('the owner sees the history of each change, its values and reason, and the dispute note', async () => {
    await signInAsOwner(api);
    try {
      const history = await api.call('clients.history', { clientId: scenario.clientId });
      const allergies = history.changes.filter((c) => c.field === 'allergies');
      expect(allergies.map((c) => [c.oldValue, c.newValue])).toEqual([
        [CLINICAL.allergiesBefore, CLINICAL.allergiesAfter],
        ['', CLINICAL.allergiesBefore],
      ]);
      expect(allergies[1]!.reason).toBe(CLINICAL.medicalReason);
      expect(history.disputes.map((d) => d.note)).toEqual([CLINICAL.disputeNote]);
      const record = await api.call('clients.get', { clientId: scenario.clientId });
      expect(record.openDisputes.map((d) => d.note)).toEqual([CLINICAL.disputeNote]);
      const recall = await api.call('recall.byBatch', { batchNumber: 'ab1234' });
      expect(recall.hits.map((h) => [h.clientId, h.product, h.batchNumber])).toEqual([[scenario.clientId, 'Azzalure', 'AB 1234']]);
    } finally {
      await api.call('session.signOut', undefined);
      await api.call('session.signIn', { username: 'priya', password: 'priya-password-123' });
    }
  });

  it('once the app is closed, the database file alone still holds no clinical value on any page', () => {
    tv.reopen();
    const pages = decryptedPages(vaultPaths(tv.vaultDir).database, databaseKey);
    expect(textsInPages(pages, ['zoe.hartley@example.co.uk'])).toEqual(['zoe.hartley@example.co.uk']);
    expect(textsInPages(pages, CLINICAL_STRINGS)).toEqual([]);
  });
});
