/**
 * A rotation of the clinical key: every sealed value moves to the new key, the
 * old key opens nothing any more, and running it again (after a crash) moves
 * only what is left.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeHistory } from '../clients/change-history';
import { Disputes } from '../clients/disputes';
import { SectionStore } from '../clients/section-store';
import type { Db } from '../db/types';
import { FileStore } from '../files/file-store';
import { listPhotoRows } from '../photos/photo-rows';
import { openRawDatabase } from '../test-support/raw-database';
import { type TestVault, createTestVault, errorCodeOf } from '../test-support/temp-vault';
import { TreatmentRepo } from '../treatments/treatment-repo';
import { resealClinicalRows } from './reseal';
import { CLINICAL, type ClinicalScenario, recordClinicalClient } from '../test-support/sealing-test-support';

let tv: TestVault;
let db: Db;
let scenario: ClinicalScenario;
let oldKey: Buffer;
const newKey = randomBytes(32);
const all = new Set(['identity', 'medical', 'lifestyle'] as const);

beforeAll(async () => {
  tv = await createTestVault();
  scenario = await recordClinicalClient(tv.api);
  oldKey = Buffer.from(tv.api.core.requireSession().vault.keys.clinical!);
  tv.reopen();
  db = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
}, 60_000);

afterAll(() => {
  db?.close();
  tv.cleanup();
});

function readAll(key: Buffer) {
  const keys = { clinical: key };
  const photo = listPhotoRows(db, scenario.clientId, keys)[0]!;
  const files = new FileStore({ db, vaultDir: tv.vaultDir, clock: tv.clock, keys });
  return {
    medical: new SectionStore(db, keys).get(scenario.clientId, 'medical').conditions,
    notes: new TreatmentRepo(db, keys).listForClient(scenario.clientId)[0]!.notes,
    reasons: new ChangeHistory(db, keys).list(scenario.clientId, all).map((c) => c.reason),
    dispute: new Disputes(db, keys).list(scenario.clientId, all)[0]!.note,
    area: photo.area,
    picture: files.readToBuffer(photo.file_id),
  };
}

describe('re-sealing under a new clinical key', () => {
  it('moves every sealed value, photo keys included, and leaves nothing unreadable', () => {
    const report = resealClinicalRows(db, oldKey, newKey, { batchSize: 1 });
    expect(report.unreadable).toBe(0);
    expect(report.resealed).toBeGreaterThan(20);
  });

  it('the new key reads the record as it was; the old key opens nothing', async () => {
    const read = readAll(newKey);
    expect(read).toMatchObject({ medical: CLINICAL.conditions, notes: CLINICAL.treatmentNotes, dispute: CLINICAL.disputeNote, area: CLINICAL.photoArea });
    expect(read.reasons).toContain(CLINICAL.medicalReason);
    expect((await read.picture).equals(scenario.photoBytes[0]!)).toBe(true);
    expect(await errorCodeOf(() => new SectionStore(db, { clinical: oldKey }).get(scenario.clientId, 'medical'))).toBe('RECORD_DAMAGED');
    expect(await errorCodeOf(() => new TreatmentRepo(db, { clinical: oldKey }).listForClient(scenario.clientId))).toBe('RECORD_DAMAGED');
    expect(await errorCodeOf(() => listPhotoRows(db, scenario.clientId, { clinical: oldKey }))).toBe('RECORD_DAMAGED');
  });

  it('run again (as after a crash), finds nothing left to move', () => {
    expect(resealClinicalRows(db, oldKey, newKey)).toEqual({ resealed: 0, unreadable: 0 });
  });

  it('a value under neither key is counted and left for the reader to report', () => {
    expect(resealClinicalRows(db, randomBytes(32), randomBytes(32)).unreadable).toBeGreaterThan(20);
    expect(readAll(newKey).medical).toBe(CLINICAL.conditions);
  });
});
