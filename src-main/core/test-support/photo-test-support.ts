/**
 * Test support (not shipped code): a vault with a client to photograph, and
 * helpers to stage and import pictures through the core API as the app does.
 */
import type { CoreApi } from '../app';
import type { Db } from '../db/types';
import { newId } from '../platform/ids';
import { dbOf } from './upload-test-support';
import type { MethodInput } from '../../contract/schemas';

/** Inserted directly: photos only need the row to exist (the clients service is tested on its own). */
export function insertClient(db: Db, at = '2026-01-01T09:00:00.000Z'): string {
  const id = newId('cl');
  db.prepare(
    `INSERT INTO clients (id, first_name, last_name, created_at, updated_at, last_interaction_at)
     VALUES (?, 'Ada', 'Example', ?, ?, ?)`,
  ).run(id, at, at, at);
  return id;
}

export function insertTreatment(
  db: Db,
  clientId: string,
  practitionerId: string,
  treatedOn = '2026-11-01',
): string {
  const id = newId('tr');
  db.prepare(
    `INSERT INTO treatments (id, client_id, treated_on, practitioner_id, type_id, created_at, created_by)
     VALUES (?, ?, ?, ?, 'tt_toxin', ?, ?)`,
  ).run(id, clientId, treatedOn, practitionerId, `${treatedOn}T10:00:00.000Z`, practitionerId);
  return id;
}

export async function stageBytes(api: CoreApi, bytes: Buffer, fileName = 'IMG_0001.JPG'): Promise<string> {
  const r = await api.upload(bytes, { fileName });
  if (!r.ok) throw new Error(`upload refused: ${r.error.code}`);
  return r.value.uploadId;
}

type ImportExtras = Partial<Omit<MethodInput<'photos.import'>, 'uploadId' | 'clientId'>>;

export async function importBytes(api: CoreApi, clientId: string, bytes: Buffer, extras: ImportExtras = {}) {
  const uploadId = await stageBytes(api, bytes);
  return api.call('photos.import', {
    clientId,
    uploadId,
    area: 'Forehead',
    stage: 'before',
    takenOn: '2026-11-20',
    ...extras,
  });
}

/** The stored picture of a photo, decrypted, as the vault holds it. */
export async function storedImage(api: CoreApi, photoId: string): Promise<Buffer> {
  const row = dbOf(api).prepare('SELECT file_id FROM photos WHERE id = ?').get(photoId) as {
    file_id: string;
  };
  return api.core.requireSession().vault.files.readToBuffer(row.file_id);
}

export function fromDataUrl(url: string): { mediaType: string; bytes: Buffer } {
  const match = /^data:([^;]+);base64,(.*)$/.exec(url);
  if (!match) throw new Error('not a base64 data URL');
  return { mediaType: match[1]!, bytes: Buffer.from(match[2]!, 'base64') };
}

export function auditActions(
  api: CoreApi,
): { action: string; subject_id: string | null; detail: string | null }[] {
  return dbOf(api).prepare('SELECT action, subject_id, detail FROM audit_log ORDER BY seq').all() as never;
}
