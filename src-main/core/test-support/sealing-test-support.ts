/**
 * Test support (not shipped code): a client whose record holds every kind of
 * clinical data, each piece a string found nowhere else, and the ways an
 * attacker holding only the database key would look for them: every row of
 * every table, every decrypted page, every blob whose key is not sealed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreApi } from '../app';
import type { Db } from '../db/types';
import { decryptBlob } from '../files/blob-stream';
import { KEY_LENGTH } from '../files/blob-format';
import { newClient } from './test-clients';
import { PDF_BYTES } from './consent-test-support';
import { makeJpeg } from './test-images';
import { importBytes, stageBytes } from './photo-test-support';

/** Each clinical value of the scenario: unique, so finding one anywhere means it leaked. */
export const CLINICAL = {
  conditions: 'Hashimoto thyroiditis cv7731',
  medications: 'Levothyroxine 88mcg cv4412',
  allergiesBefore: 'Lidocaine anaphylaxis cv9034',
  allergiesAfter: 'Latex rash cv2210',
  medicalReason: 'Client told us at the consultation cv5521',
  medicalNotes: 'Pregnant, due in April cv1190',
  alcohol: 'Fourteen units weekly cv3381',
  skincare: 'Tretinoin nightly cv6650',
  area: 'Glabella cv8870',
  treatmentNotes: 'Asymmetric brow noted cv5093',
  aftercare: 'Stay upright four hours cv7268',
  adverseEvent: 'Ptosis of the left eyelid cv3319',
  mhraReference: 'YCREF44817',
  photoArea: 'Left decolletage cv6604',
  photoReference: 'Signed photo form 3 cv6605',
  disputeNote: 'Client says the latex reaction was a misdiagnosis cv4478',
} as const;

/** Bytes inside the treatment consent form, so a decrypted blob holding it is recognised. */
export const CONSENT_FORM_MARK = 'signed-treatment-consent-form cv1177';

export const CLINICAL_STRINGS: readonly string[] = [...Object.values(CLINICAL), CONSENT_FORM_MARK];

export interface ClinicalScenario {
  clientId: string;
  treatmentId: string;
  photoId: string;
  disputeId: string;
  /** The photo's stored picture and thumbnail, as the app shows them to a practitioner. */
  photoBytes: Buffer[];
  consentForm: Buffer;
}

/** Records it all through the core API, as a practitioner would. `api` must be signed in with clinical access. */
export async function recordClinicalClient(api: CoreApi, overrides: Parameters<typeof newClient>[0] = {}): Promise<ClinicalScenario> {
  const client = await api.call('clients.create', newClient(overrides));
  const clientId = client.id;
  await api.call('medical.update', {
    clientId,
    changes: { conditions: CLINICAL.conditions, medications: CLINICAL.medications, allergies: CLINICAL.allergiesBefore, notes: CLINICAL.medicalNotes },
    reason: CLINICAL.medicalReason,
  });
  await api.call('medical.update', { clientId, changes: { allergies: CLINICAL.allergiesAfter }, reason: '' });
  await api.call('lifestyle.update', { clientId, changes: { alcohol: CLINICAL.alcohol, skincareRoutine: CLINICAL.skincare }, reason: '' });
  const consentForm = Buffer.concat([PDF_BYTES.subarray(0, 40), Buffer.from(CONSENT_FORM_MARK), PDF_BYTES.subarray(40)]);
  const consentFormUploadId = await stageBytes(api, consentForm, 'consent.pdf');
  const treatment = await api.call('treatments.create', {
    clientId,
    treatedOn: '2026-11-20',
    typeId: 'tt_toxin',
    medicalHistoryReviewed: true,
    areas: [CLINICAL.area],
    product: 'Azzalure',
    batchNumber: 'AB 1234',
    batchExpiry: '2027-06-30',
    amount: 20,
    amountUnit: 'units',
    notes: CLINICAL.treatmentNotes,
    aftercare: CLINICAL.aftercare,
    followUpOn: '2026-12-04',
    adverseEvent: CLINICAL.adverseEvent,
    mhraReported: true,
    mhraReference: CLINICAL.mhraReference,
    consentFormUploadId,
  });
  const photo = await importBytes(api, clientId, await makeJpeg({ width: 64, height: 48 }), {
    area: CLINICAL.photoArea,
    consentReference: CLINICAL.photoReference,
    treatmentId: treatment.id,
  });
  const dispute = await api.call('clients.addDispute', { clientId, section: 'medical', field: 'allergies', note: CLINICAL.disputeNote });
  const files = api.core.requireSession().vault.files;
  const row = api.core.requireSession().vault.db.prepare('SELECT file_id, thumb_file_id FROM photos WHERE id = ?').get(photo.id) as {
    file_id: string;
    thumb_file_id: string;
  };
  // With the print copy the access pack draws (photos/print-copies.ts): clinical like the picture it is made from.
  const print = api.core.requireSession().vault.db.prepare('SELECT file_id FROM photo_print_copies WHERE photo_id = ?').get(photo.id) as { file_id: string };
  const photoBytes = [await files.readToBuffer(row.file_id), await files.readToBuffer(row.thumb_file_id), await files.readToBuffer(print.file_id)];
  return { clientId, treatmentId: treatment.id, photoId: photo.id, disputeId: dispute.id, photoBytes, consentForm };
}

/** Every value in every row of every table (FTS shadow tables included), as text or bytes. */
export function everyStoredValue(db: Db): { table: string; value: string | Buffer }[] {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'`).all() as { name: string }[];
  const values: { table: string; value: string | Buffer }[] = [];
  for (const { name } of tables) {
    for (const row of db.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).all() as Record<string, unknown>[]) {
      for (const v of Object.values(row)) {
        if (typeof v === 'string' || Buffer.isBuffer(v)) values.push({ table: name, value: v });
      }
    }
  }
  return values;
}

/** "table: needle" for each clinical string found in a stored value. */
export function clinicalTextInRows(db: Db, needles: readonly string[] = CLINICAL_STRINGS): string[] {
  const found = new Set<string>();
  for (const { table, value } of everyStoredValue(db)) {
    for (const needle of needles) {
      if (typeof value === 'string' ? value.includes(needle) : value.includes(Buffer.from(needle))) found.add(`${table}: ${needle}`);
    }
  }
  return [...found];
}

/** The plaintext of every blob whose key is stored plain: all that the database key alone decrypts. */
export async function blobsOpenWithDatabaseKey(db: Db, vaultDir: string): Promise<{ fileId: string; bytes: Buffer }[]> {
  const rows = db.prepare('SELECT id, blob_name, file_key, nonce_prefix, size FROM files').all() as {
    id: string;
    blob_name: string;
    file_key: Buffer;
    nonce_prefix: Buffer;
    size: number;
  }[];
  const opened: { fileId: string; bytes: Buffer }[] = [];
  for (const r of rows) {
    if (r.file_key.length !== KEY_LENGTH) continue;
    const path = join(vaultDir, 'blobs', r.blob_name.slice(0, 2), `${r.blob_name}.blob`);
    const chunks: Buffer[] = [];
    for await (const c of decryptBlob(path, { fileId: r.id, key: r.file_key, noncePrefix: r.nonce_prefix }, r.size)) chunks.push(Buffer.from(c));
    opened.push({ fileId: r.id, bytes: Buffer.concat(chunks) });
  }
  return opened;
}

/** The vault folder's files other than the database and the blobs, read as they lie on disk. */
export function otherVaultFiles(vaultDir: string): { name: string; bytes: Buffer }[] {
  return readdirSync(vaultDir)
    .filter((name) => name !== 'blobs' && !name.startsWith('vault.db') && statSync(join(vaultDir, name)).isFile())
    .map((name) => ({ name, bytes: readFileSync(join(vaultDir, name)) }));
}
