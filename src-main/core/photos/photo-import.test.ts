/**
 * photos.import against a real SQLCipher vault, with pictures made by sharp on
 * the spot (and one tiny HEIC, see heic-sample.ts).
 */
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestVault, errorCodeOf, type TestVault } from '../test-support/temp-vault';
import { contents, dbOf } from '../test-support/upload-test-support';
import { HEIC_SAMPLE, HEIC_SAMPLE_HEIGHT, HEIC_SAMPLE_WIDTH, heicDeclaring } from './heic-sample';
import {
  auditActions,
  fromDataUrl,
  importBytes,
  insertClient,
  stageBytes,
  storedImage,
} from '../test-support/photo-test-support';
import {
  SECRET_DESCRIPTION,
  SECRET_MAKE,
  SECRET_XMP,
  jpegSegment,
  makeJpeg,
  makePng,
  makeWebp,
  withExtraSegments,
} from '../test-support/test-images';

const SECRETS = [SECRET_MAKE, SECRET_DESCRIPTION, SECRET_XMP, 'IPTC-secret-city', 'comment-secret'];

let tv: TestVault;
let clientId: string;
beforeEach(async () => {
  tv = await createTestVault();
  clientId = insertClient(dbOf(tv.api));
});
afterEach(() => tv.cleanup());

async function storedPrintCopy(photoId: string): Promise<Buffer> {
  const row = dbOf(tv.api).prepare('SELECT file_id FROM photo_print_copies WHERE photo_id = ?').get(photoId) as { file_id: string };
  return tv.api.core.requireSession().vault.files.readToBuffer(row.file_id);
}

/** No metadata left: sharp sees none, and none of the planted strings are in the bytes. */
async function expectClean(bytes: Buffer) {
  const meta = await sharp(bytes).metadata();
  expect(meta.exif).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect(meta.iptc).toBeUndefined();
  expect(bytes.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
  for (const secret of SECRETS) expect(bytes.includes(Buffer.from(secret, 'latin1')), secret).toBe(false);
}

describe('photos.import', () => {
  it('imports a JPEG with EXIF, GPS, XMP, IPTC and a comment, and keeps none of it', async () => {
    const jpeg = withExtraSegments(await makeJpeg(), [
      jpegSegment(0xed, Buffer.from('Photoshop 3.0\0IPTC-secret-city', 'latin1')),
      jpegSegment(0xfe, Buffer.from('comment-secret', 'latin1')),
    ]);
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const photo = await importBytes(tv.api, clientId, jpeg, {
      consentScopes: ['clinical-record', 'training'],
      consentReference: 'form 12',
    });
    expect(photo).toMatchObject({
      clientId,
      treatmentId: null,
      area: 'Forehead',
      stage: 'before',
      takenOn: '2026-11-20',
      width: 120,
      height: 80,
      mediaType: 'image/jpeg',
      consentScopes: ['clinical-record', 'training'],
      consentReference: 'form 12',
      createdAt: tv.clock.now().toISOString(),
    });
    const stored = await storedImage(tv.api, photo.id);
    await expectClean(stored);
    const thumb = fromDataUrl(photo.thumbnailDataUrl);
    expect(thumb.mediaType).toBe('image/jpeg');
    expect(await sharp(thumb.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 120, height: 80 });
    await expectClean(thumb.bytes);
    // Picture, thumbnail and print copy are kept; the original upload (metadata and all) is gone.
    expect(contents(tv.api, tv.vaultDir)).toEqual({ files: 3, staged: 0, photos: 1, blobs: 3 });
    await expectClean(await storedPrintCopy(photo.id));
  });

  it('makes a thumbnail no larger than 320 px on its longest side', async () => {
    const photo = await importBytes(tv.api, clientId, await makeJpeg({ width: 1600, height: 900 }));
    expect(await sharp(fromDataUrl(photo.thumbnailDataUrl).bytes).metadata()).toMatchObject({
      width: 320,
      height: 180,
    });
    expect([photo.width, photo.height]).toEqual([1600, 900]);
  });

  it('stores a print-size copy for the access pack: a JPEG of at most 1000 px, upright, encrypted as a clinical file', async () => {
    const photo = await importBytes(tv.api, clientId, await makeJpeg({ width: 1600, height: 900, orientation: 6 }));
    const row = dbOf(tv.api).prepare('SELECT file_id, width, height FROM photo_print_copies WHERE photo_id = ?').get(photo.id) as
      { file_id: string; width: number; height: number };
    // Orientation 6 turns the 1600 x 900 picture on its side: the copy is upright, 563 x 1000.
    expect([row.width, row.height]).toEqual([563, 1000]);
    const copy = await storedPrintCopy(photo.id);
    const meta = await sharp(copy).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 563, height: 1000 });
    expect(meta.orientation).toBeUndefined();
    await expectClean(copy);
    // Its key is sealed under the clinical key, like the photo's.
    expect(tv.api.core.requireSession().vault.files.isClinical(row.file_id)).toBe(true);
  });

  it('keeps an orientation-6 photo the right way up: sides swapped, only the orientation tag kept', async () => {
    const photo = await importBytes(
      tv.api,
      clientId,
      await makeJpeg({ width: 120, height: 80, orientation: 6 }),
    );
    expect([photo.width, photo.height]).toEqual([80, 120]);
    const stored = await storedImage(tv.api, photo.id);
    const meta = await sharp(stored).metadata();
    expect(meta.orientation).toBe(6);
    expect(meta.exif?.length).toBe(32); // "Exif\0\0", the TIFF header and one IFD entry: nothing else
    for (const secret of SECRETS) expect(stored.includes(Buffer.from(secret, 'latin1'))).toBe(false);
    // Shown upright, the bright corner that was top-left is now top-right.
    const upright = await sharp(stored).autoOrient().raw().toBuffer({ resolveWithObject: true });
    expect([upright.info.width, upright.info.height]).toEqual([80, 120]);
    const px = (x: number, y: number) => upright.data[(y * 80 + x) * 3]!;
    expect(px(75, 5)).toBeGreaterThan(230);
    expect(px(5, 5)).toBeLessThan(230);
    const thumb = await sharp(fromDataUrl(photo.thumbnailDataUrl).bytes).metadata();
    expect([thumb.width, thumb.height, thumb.orientation]).toEqual([80, 120, undefined]);
  });

  it.each([
    ['PNG', makePng, 'image/png', 'png'],
    ['WebP', makeWebp, 'image/webp', 'webp'],
  ] as const)('imports a %s, re-encoded without metadata', async (_label, make, mediaType, format) => {
    const original = await make({ width: 90, height: 60 });
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const photo = await importBytes(tv.api, clientId, original);
    expect(photo).toMatchObject({ mediaType, width: 90, height: 60 });
    const stored = await storedImage(tv.api, photo.id);
    expect((await sharp(stored).metadata()).format).toBe(format);
    await expectClean(stored);
  });

  it('imports a HEIC (HEVC) photo as a JPEG, without its EXIF, GPS or XMP', async () => {
    expect(HEIC_SAMPLE.includes(Buffer.from(SECRET_MAKE))).toBe(true);
    const photo = await importBytes(tv.api, clientId, HEIC_SAMPLE);
    expect(photo).toMatchObject({
      mediaType: 'image/jpeg',
      width: HEIC_SAMPLE_WIDTH,
      height: HEIC_SAMPLE_HEIGHT,
    });
    const stored = await storedImage(tv.api, photo.id);
    expect(await sharp(stored).metadata()).toMatchObject({ format: 'jpeg', width: 64, height: 48 });
    await expectClean(stored);
    // The picture survived decoding: the bright top-left block of the source gradient.
    const { data } = await sharp(stored).raw().toBuffer({ resolveWithObject: true });
    expect(data[(5 * 64 + 5) * 3]).toBeGreaterThan(200);
  });

  it.each([
    [
      'an executable renamed .jpg',
      async () => Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(4000, 7)]),
    ],
    ['a truncated JPEG', async () => (await makeJpeg({ width: 400, height: 300 })).subarray(0, 3000)],
    [
      'a truncated JPEG with an end marker patched on',
      async () => {
        const jpeg = await makeJpeg({ width: 400, height: 300 });
        return Buffer.concat([jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), Buffer.from([0xff, 0xd9])]);
      },
    ],
    ['a PDF', async () => Buffer.from('%PDF-1.7\n%%EOF\n')],
    [
      'AVIF (HEIF with AV1, not HEIC)',
      async () =>
        sharp(await makeJpeg())
          .heif({ compression: 'av1' })
          .toBuffer(),
    ],
    ['a truncated HEIC', async () => HEIC_SAMPLE.subarray(0, HEIC_SAMPLE.length - 200)],
  ])('refuses %s with NOT_AN_IMAGE and destroys the upload', async (_label, make) => {
    const uploadId = await stageBytes(tv.api, await make(), 'photo.jpg');
    const before = contents(tv.api, tv.vaultDir);
    expect(before).toMatchObject({ files: 1, staged: 1, blobs: 1 });
    const code = await errorCodeOf(() =>
      tv.api.call('photos.import', {
        clientId,
        uploadId,
        area: 'Cheek',
        stage: 'after',
        takenOn: '2026-11-20',
      }),
    );
    expect(code).toBe('NOT_AN_IMAGE');
    expect(contents(tv.api, tv.vaultDir)).toEqual({ files: 0, staged: 0, photos: 0, blobs: 0 });
  });

  it.each(['ispe', 'grid'] as const)('refuses a HEIC bomb declaring 3.6 gigapixels in its %s, saying it is too large, and stores nothing', async (where) => {
    const bomb = heicDeclaring({ width: 60_000, height: 60_000 }, where);
    const uploadId = await stageBytes(tv.api, bomb, 'IMG_0001.HEIC');
    const result = await tv.api.dispatch('photos.import', { clientId, uploadId, area: 'Cheek', stage: 'after', takenOn: '2026-11-20' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'NOT_AN_IMAGE',
        message: 'That photo is too large: Clinic Vault takes photos of up to 100 megapixels. Use a smaller copy of it.',
      },
    });
    expect(contents(tv.api, tv.vaultDir)).toEqual({ files: 0, staged: 0, photos: 0, blobs: 0 });
  });

  it.each([
    [
      'a PNG',
      async () => {
        const png = Buffer.from(await makePng());
        png.writeUInt32BE(20_000, 16); // IHDR width and height, then its CRC
        png.writeUInt32BE(20_000, 20);
        png.writeUInt32BE(crc32(png.subarray(12, 29)) >>> 0, 29);
        return png;
      },
    ],
    [
      'a JPEG',
      async () => {
        const jpeg = Buffer.from(await makeJpeg({ width: 40, height: 30 }));
        const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0])); // baseline frame header: height, then width
        jpeg.writeUInt16BE(20_000, sof + 5);
        jpeg.writeUInt16BE(20_000, sof + 7);
        return jpeg;
      },
    ],
  ])('says %s declaring 400 megapixels is too large, like a HEIC', async (_label, make) => {
    const uploadId = await stageBytes(tv.api, await make(), 'big.img');
    const result = await tv.api.dispatch('photos.import', { clientId, uploadId, area: 'Cheek', stage: 'after', takenOn: '2026-11-20' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_AN_IMAGE', message: expect.stringMatching(/^That photo is too large/) } });
    expect(contents(tv.api, tv.vaultDir)).toEqual({ files: 0, staged: 0, photos: 0, blobs: 0 });
  });

  it('keeps the upload when the form needs correcting: a date in the future, a missing client', async () => {
    const uploadId = await stageBytes(tv.api, await makeJpeg());
    const input = { clientId, uploadId, area: 'Cheek', stage: 'after' as const, takenOn: '2026-11-23' };
    await expect(tv.api.call('photos.import', input)).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [{ field: 'takenOn', message: 'The date the photo was taken cannot be in the future.' }],
    });
    expect(
      await errorCodeOf(() =>
        tv.api.call('photos.import', { ...input, clientId: 'cl_nobody', takenOn: '2026-11-22' }),
      ),
    ).toBe('NOT_FOUND');
    expect(contents(tv.api, tv.vaultDir)).toMatchObject({ staged: 1, photos: 0 });
    // Corrected, the same upload imports.
    await tv.api.call('photos.import', { ...input, takenOn: '2026-11-22' });
    expect(contents(tv.api, tv.vaultDir)).toMatchObject({ staged: 0, photos: 1, files: 3 });
  });

  it('records the interaction with the client and audits the import with ids only', async () => {
    const photo = await importBytes(tv.api, clientId, await makeJpeg());
    const client = dbOf(tv.api)
      .prepare('SELECT last_interaction_at FROM clients WHERE id = ?')
      .get(clientId) as { last_interaction_at: string };
    expect(client.last_interaction_at).toBe(tv.clock.now().toISOString());
    const entry = auditActions(tv.api).find((e) => e.action === 'photo.imported');
    expect(entry).toEqual({
      action: 'photo.imported',
      subject_id: photo.id,
      detail: JSON.stringify({ clientId }),
    });
    expect((await tv.api.core.requireSession().vault.audit.verify()).ok).toBe(true);
  });

  it('cannot import the same upload twice', async () => {
    const uploadId = await stageBytes(tv.api, await makeJpeg());
    const input = { clientId, uploadId, area: 'Cheek', stage: 'after' as const, takenOn: '2026-11-20' };
    const results = await Promise.allSettled([
      tv.api.call('photos.import', input),
      tv.api.call('photos.import', input),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    // The loser's thumbnail and print copy were deleted again.
    expect(contents(tv.api, tv.vaultDir)).toEqual({ files: 3, staged: 0, photos: 1, blobs: 3 });
  });
});

describe('photos prepared while they were staged', () => {
  const input = (uploadId: string) => ({
    clientId,
    uploadId,
    area: 'Cheek',
    stage: 'after' as const,
    takenOn: '2026-11-20',
  });
  const vault = () => tv.api.core.requireSession().vault;
  const fileOf = (uploadId: string) =>
    (dbOf(tv.api).prepare('SELECT file_id FROM staged_uploads WHERE id = ?').get(uploadId) as { file_id: string })
      .file_id;

  it('imports a staged JPEG without reading it back, to the same photo as one prepared from the file', async () => {
    const jpeg = await makeJpeg({ width: 300, height: 200, orientation: 6 });
    const viaPreview = await stageBytes(tv.api, jpeg);
    const viaFile = await stageBytes(tv.api, jpeg);
    // As if the preview had been dropped (the store was full): the import prepares from the staged file.
    vault().stagedPreviews.forget(viaFile);

    const reads: string[] = [];
    const files = vault().files;
    const readToBuffer = files.readToBuffer.bind(files);
    files.readToBuffer = (id: string) => {
      reads.push(id);
      return readToBuffer(id);
    };
    const stagedFile = fileOf(viaPreview);
    const a = await tv.api.call('photos.import', input(viaPreview));
    expect(reads).not.toContain(stagedFile);
    const b = await tv.api.call('photos.import', input(viaFile));
    expect(reads).toHaveLength(1); // the second one was read back

    expect(a).toMatchObject({ width: 200, height: 300, mediaType: 'image/jpeg' });
    expect({ ...b, id: a.id }).toEqual({ ...a, createdAt: b.createdAt });
    expect((await storedImage(tv.api, a.id)).equals(await storedImage(tv.api, b.id))).toBe(true);
    expect(vault().stagedPreviews.size).toBe(0);
  });

  it.each([['its preview'], ['no preview']])(
    'refuses a damaged JPEG with NOT_AN_IMAGE and keeps nothing, with %s',
    async (path) => {
      const jpeg = await makeJpeg({ width: 400, height: 300 });
      const damaged = Buffer.concat([jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), Buffer.from([0xff, 0xd9])]);
      const uploadId = await stageBytes(tv.api, damaged);
      if (path === 'no preview') vault().stagedPreviews.forget(uploadId);
      else expect(vault().stagedPreviews.size).toBe(1);
      expect(await errorCodeOf(() => tv.api.call('photos.import', input(uploadId)))).toBe('NOT_AN_IMAGE');
      expect(contents(tv.api, tv.vaultDir)).toEqual({ files: 0, staged: 0, photos: 0, blobs: 0 });
    },
  );

  it('drops the preview with the upload when it is discarded', async () => {
    const uploadId = await stageBytes(tv.api, await makeJpeg());
    expect(vault().stagedPreviews.size).toBe(1);
    await tv.api.call('uploads.discard', { uploadId });
    expect(vault().stagedPreviews.size).toBe(0);
  });

  it('makes no preview for a file that is not a JPEG', async () => {
    await stageBytes(tv.api, await makePng(), 'photo.png');
    await stageBytes(tv.api, Buffer.from('%PDF-1.7\n%%EOF\n'), 'form.pdf');
    expect(vault().stagedPreviews.size).toBe(0);
  });
});
