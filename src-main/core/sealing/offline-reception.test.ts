/**
 * The attack of issue #8 item 2: a receptionist copies the vault folder and,
 * at home, unwraps their own key slot with their own password. Whatever that
 * slot gives them must not open any clinical data: no row, no page, no photo,
 * no consent form. (test-support/offline-unlock.ts is the keyring's answer to
 * "what does this password unwrap?", with no app involved.)
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import type { Db } from '../db/types';
import { decryptedPages, textsInPages } from '../test-support/decrypted-pages';
import { offlineUnlock } from '../test-support/offline-unlock';
import { type TestVault, addStaffMember, createTestVault, makeTempDir } from '../test-support/temp-vault';
import { vaultPaths } from '../platform/vault-paths';
import {
  CLINICAL_STRINGS,
  CONSENT_FORM_MARK,
  type ClinicalScenario,
  blobsOpenWithDatabaseKey,
  clinicalTextInRows,
  recordClinicalClient,
} from '../test-support/sealing-test-support';

let tv: TestVault;
let scenario: ClinicalScenario;
let copy: { dir: string; cleanup(): void };
let stolen: string;
let desk: { username: string; password: string };

beforeAll(async () => {
  tv = await createTestVault();
  desk = await addStaffMember(tv.api, 'reception');
  const priya = await addStaffMember(tv.api, 'practitioner');
  await tv.api.call('session.signOut', undefined);
  await tv.api.call('session.signIn', priya);
  scenario = await recordClinicalClient(tv.api);
  // Copied while the app is open, write-ahead log and all, as a folder copy at the desk would be.
  copy = makeTempDir('cv-stolen-');
  stolen = join(copy.dir, 'vault');
  cpSync(tv.vaultDir, stolen, { recursive: true, filter: (src) => !src.endsWith('vault.lock') });
}, 60_000);

afterAll(() => {
  tv.cleanup();
  copy.cleanup();
});

/** The newest database key the reception slot in the copied folder opens, offline. */
async function receptionDatabaseKey(): Promise<Buffer> {
  const keys = await offlineUnlock(stolen, desk.username, desk.password);
  const newest = keys?.database[0]?.key;
  if (!newest) throw new Error('the reception password opened no database key');
  return newest;
}

describe('offline, with a copy of the vault folder and the reception password', () => {
  it('the reception slot gives the database key but no clinical key', async () => {
    const keys = await offlineUnlock(stolen, desk.username, desk.password);
    expect(keys?.database[0]?.key.length).toBe(32);
    expect(keys?.clinical).toBeNull();
  });

  it('the database opens, and no row of any table holds clinical text', async () => {
    const database = await receptionDatabaseKey();
    const db: Db = openDatabase(vaultPaths(stolen).database, database);
    try {
      // What reception may see is there: the attacker really is inside.
      expect(db.prepare('SELECT email FROM clients WHERE id = ?').get(scenario.clientId)).toEqual({ email: 'zoe.hartley@example.co.uk' });
      expect(clinicalTextInRows(db)).toEqual([]);
      for (const { bytes } of await blobsOpenWithDatabaseKey(db, stolen)) {
        for (const picture of scenario.photoBytes) expect(bytes.equals(picture)).toBe(false);
        expect(bytes.includes(Buffer.from(CONSENT_FORM_MARK))).toBe(false);
      }
    } finally {
      db.close();
    }
  });

  it('no page of the copied database or its write-ahead log holds clinical text', async () => {
    const database = await receptionDatabaseKey();
    expect(textsInPages(decryptedPages(vaultPaths(stolen).database, database), CLINICAL_STRINGS)).toEqual([]);
  });
});
