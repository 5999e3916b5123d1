/** photos.list, photos.get, photos.update and who may use them. */
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  OWNER,
  addStaffMember,
  createTestVault,
  errorCodeOf,
  type TestVault,
} from '../test-support/temp-vault';
import { dbOf } from '../test-support/upload-test-support';
import {
  auditActions,
  fromDataUrl,
  importBytes,
  insertClient,
  insertTreatment,
  stageBytes,
  storedImage,
} from '../test-support/photo-test-support';
import { makeJpeg } from '../test-support/test-images';

let tv: TestVault;
let clientId: string;
beforeEach(async () => {
  tv = await createTestVault();
  clientId = insertClient(dbOf(tv.api));
});
afterEach(() => tv.cleanup());

const ownerId = () => tv.api.core.requireSession().session.staff.id;

describe('photos.list', () => {
  it("lists a client's photos by the day taken, then the order they were added, with thumbnails", async () => {
    const later = await importBytes(tv.api, clientId, await makeJpeg(), {
      takenOn: '2026-11-20',
      area: 'Lips',
    });
    tv.clock.advance(1000);
    const earlier = await importBytes(tv.api, clientId, await makeJpeg(), {
      takenOn: '2026-10-01',
      area: 'Chin',
    });
    tv.clock.advance(1000);
    const sameDay = await importBytes(tv.api, clientId, await makeJpeg(), {
      takenOn: '2026-11-20',
      area: 'Jaw',
    });
    await importBytes(tv.api, insertClient(dbOf(tv.api)), await makeJpeg());
    const list = await tv.api.call('photos.list', { clientId });
    expect(list.map((p) => p.id)).toEqual([earlier.id, later.id, sameDay.id]);
    expect(list[0]).toEqual(earlier);
    for (const p of list) expect(p.thumbnailDataUrl).toMatch(/^data:image\/jpeg;base64,\/9j\//);
    const viewed = auditActions(tv.api).filter((e) => e.action === 'client.photos_viewed');
    expect(viewed).toEqual([
      { action: 'client.photos_viewed', subject_id: clientId, detail: JSON.stringify({ count: 3 }) },
    ]);
  });

  it('is NOT_FOUND for a client that does not exist', async () => {
    expect(await errorCodeOf(() => tv.api.call('photos.list', { clientId: 'cl_nobody' }))).toBe('NOT_FOUND');
  });
});

describe('photos.get', () => {
  it('returns the full, cleaned picture as a data URL and audits the view', async () => {
    const photo = await importBytes(tv.api, clientId, await makeJpeg({ width: 200, height: 100 }));
    const image = await tv.api.call('photos.get', { photoId: photo.id });
    expect(image.photo).toEqual(photo);
    const { mediaType, bytes } = fromDataUrl(image.imageDataUrl);
    expect(mediaType).toBe('image/jpeg');
    expect(bytes.equals(await storedImage(tv.api, photo.id))).toBe(true);
    expect(await sharp(bytes).metadata()).toMatchObject({ width: 200, height: 100 });
    expect(auditActions(tv.api).at(-1)).toEqual({
      action: 'photo.viewed',
      subject_id: photo.id,
      detail: JSON.stringify({ clientId }),
    });
    expect(await errorCodeOf(() => tv.api.call('photos.get', { photoId: 'ph_nothing' }))).toBe('NOT_FOUND');
  });
});

describe('photos.update', () => {
  it('changes area, stage, treatment link and consent, and audits which fields changed', async () => {
    const treatmentId = insertTreatment(dbOf(tv.api), clientId, ownerId());
    const photo = await importBytes(tv.api, clientId, await makeJpeg());
    tv.clock.advance(60_000);
    const updated = await tv.api.call('photos.update', {
      photoId: photo.id,
      area: 'Glabella',
      stage: 'after',
      treatmentId,
      consentScopes: ['clinical-record', 'website-social'],
      consentReference: 'consent 2026-11',
    });
    expect(updated).toEqual({
      ...photo,
      area: 'Glabella',
      stage: 'after',
      treatmentId,
      consentScopes: ['clinical-record', 'website-social'],
      consentReference: 'consent 2026-11',
    });
    expect(await tv.api.call('photos.get', { photoId: photo.id })).toMatchObject({ photo: updated });
    const entry = auditActions(tv.api).find((e) => e.action === 'photo.updated');
    expect(entry).toEqual({
      action: 'photo.updated',
      subject_id: photo.id,
      detail: JSON.stringify({ clientId, fields: 'treatmentId,area,stage,consentScopes,consentReference' }),
    });
    const client = dbOf(tv.api)
      .prepare('SELECT last_interaction_at FROM clients WHERE id = ?')
      .get(clientId) as { last_interaction_at: string };
    expect(client.last_interaction_at).toBe(tv.clock.now().toISOString());
    // Unlinking is a change too.
    expect(
      (await tv.api.call('photos.update', { photoId: photo.id, treatmentId: null })).treatmentId,
    ).toBeNull();
  });

  it("refuses a link to another client's treatment, on import and on update", async () => {
    const otherClient = insertClient(dbOf(tv.api));
    const theirs = insertTreatment(dbOf(tv.api), otherClient, ownerId());
    const photo = await importBytes(tv.api, clientId, await makeJpeg());
    await expect(
      tv.api.call('photos.update', { photoId: photo.id, treatmentId: theirs }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [{ field: 'treatmentId' }],
    });
    await expect(
      importBytes(tv.api, clientId, await makeJpeg(), { treatmentId: theirs }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      importBytes(tv.api, clientId, await makeJpeg(), { treatmentId: 'tr_missing' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('who may use photos', () => {
  it('refuses reception every photos.* call with FORBIDDEN, and records each refusal', async () => {
    const photo = await importBytes(tv.api, clientId, await makeJpeg());
    const rachel = await addStaffMember(tv.api, 'reception');
    await tv.api.call('session.signIn', { username: rachel.username, password: rachel.password });
    const uploadId = await stageBytes(tv.api, await makeJpeg());
    const calls = [
      () => tv.api.call('photos.list', { clientId }),
      () => tv.api.call('photos.get', { photoId: photo.id }),
      () =>
        tv.api.call('photos.import', {
          clientId,
          uploadId,
          area: 'Cheek',
          stage: 'before',
          takenOn: '2026-11-20',
        }),
      () => tv.api.call('photos.update', { photoId: photo.id, area: 'Cheek' }),
    ];
    for (const call of calls) expect(await errorCodeOf(call)).toBe('FORBIDDEN');
    await tv.api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    const denied = auditActions(tv.api)
      .filter((e) => e.action === 'access.denied')
      .map((e) => JSON.parse(e.detail!).method);
    expect(denied).toEqual(['photos.list', 'photos.get', 'photos.import', 'photos.update']);
  });

  it('lets a practitioner import and view', async () => {
    const priya = await addStaffMember(tv.api, 'practitioner');
    await tv.api.call('session.signIn', { username: priya.username, password: priya.password });
    const photo = await importBytes(tv.api, clientId, await makeJpeg());
    expect((await tv.api.call('photos.list', { clientId })).map((p) => p.id)).toEqual([photo.id]);
  });
});
