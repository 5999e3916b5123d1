/**
 * A JPEG loses its metadata while it is staged: the staged (encrypted) file never
 * holds EXIF, GPS or the rest, and photos.import keeps that file as the picture.
 */
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestVault, type TestVault } from '../test-support/temp-vault';
import { stripJpegMetadata } from './jpeg-strip';
import { insertClient } from '../test-support/photo-test-support';
import {
  SECRET_DESCRIPTION,
  SECRET_MAKE,
  SECRET_XMP,
  jpegSegment,
  makeJpeg,
  withExtraSegments,
} from '../test-support/test-images';
import { claimStagedUpload } from './staged-uploads';
import { contents, dbOf } from '../test-support/upload-test-support';
import { serviceContext } from '../service/service-context';

const ascii = (s: string) => Buffer.from(s, 'latin1');
const SECRETS = [SECRET_MAKE, SECRET_DESCRIPTION, SECRET_XMP, 'IPTC-secret-city', 'TRAILER-secret'];

/** GPSLatitude 51/1 30/1 2600/100 (test-images.ts) as EXIF rationals, in either byte order. */
function gpsLatitudeBytes(): Buffer[] {
  const values = [51, 1, 30, 1, 2600, 100];
  const be = Buffer.alloc(24);
  const le = Buffer.alloc(24);
  values.forEach((v, i) => {
    be.writeUInt32BE(v, i * 4);
    le.writeUInt32LE(v, i * 4);
  });
  return [be, le];
}

let tv: TestVault;
beforeEach(async () => {
  tv = await createTestVault();
});
afterEach(() => tv.cleanup());

const vault = () => tv.api.core.requireSession().vault;

/** Stages the bytes (as a Buffer, or streamed in pieces of `pieceSizes`) and returns the staged plaintext. */
async function stageAndRead(bytes: Buffer, pieceSizes?: number[]) {
  let source: Buffer | Readable = bytes;
  if (pieceSizes) {
    const pieces: Buffer[] = [];
    for (let at = 0, i = 0; at < bytes.length; i++) {
      const n = pieceSizes[i % pieceSizes.length]!;
      pieces.push(bytes.subarray(at, at + n));
      at += n;
    }
    source = Readable.from(pieces, { objectMode: false });
  }
  const r = await tv.api.upload(source, { fileName: 'IMG_0001.JPG' });
  if (!r.ok) throw new Error(`upload refused: ${r.error.code}`);
  const row = dbOf(tv.api)
    .prepare('SELECT file_id, size FROM staged_uploads WHERE id = ?')
    .get(r.value.uploadId) as {
    file_id: string;
    size: number;
  };
  const staged = await vault().files.readToBuffer(row.file_id);
  return { uploadId: r.value.uploadId, fileId: row.file_id, size: r.value.size, staged };
}

async function phoneJpeg(orientation = 1) {
  return withExtraSegments(
    await makeJpeg({ width: 240, height: 160, orientation }),
    [jpegSegment(0xed, ascii('Photoshop 3.0\0IPTC-secret-city'))],
    ascii('TRAILER-secret'),
  );
}

describe('staging a JPEG', () => {
  it.each([
    ['a Buffer', undefined],
    ['a stream of 1-byte pieces', [1]],
    ['a stream of 7-byte pieces', [7]],
    ['a stream of odd pieces', [5, 1, 300, 13]],
  ] as const)('keeps no GPS or other metadata in the staged file, from %s', async (_label, sizes) => {
    const original = await phoneJpeg();
    const [gpsBe, gpsLe] = gpsLatitudeBytes();
    expect(original.includes(gpsBe!) || original.includes(gpsLe!)).toBe(true);
    const { staged, size } = await stageAndRead(original, sizes ? [...sizes] : undefined);
    expect(staged.includes(gpsBe!)).toBe(false);
    expect(staged.includes(gpsLe!)).toBe(false);
    expect(staged.includes(ascii('Exif\0\0'))).toBe(false);
    for (const secret of SECRETS) expect(staged.includes(ascii(secret)), secret).toBe(false);
    // Byte for byte what the buffer strip gives: the picture data untouched.
    expect(staged.equals(stripJpegMetadata(original))).toBe(true);
    expect(size).toBe(staged.length);
    const meta = await sharp(staged).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 240, height: 160 });
    expect(meta.exif).toBeUndefined();
  });

  it('keeps a non-default orientation as the only EXIF tag', async () => {
    const original = await phoneJpeg(6);
    const { staged } = await stageAndRead(original, [7]);
    const meta = await sharp(staged).metadata();
    expect(meta.orientation).toBe(6);
    expect(meta.exif?.length).toBe(32);
    expect(staged.equals(stripJpegMetadata(original, 6))).toBe(true);
  });

  it('hands a claimed JPEG (a scanned consent form) over already clean', async () => {
    const { uploadId, fileId } = await stageAndRead(await phoneJpeg(), [64]);
    const ctx = serviceContext({ core: tv.api.core, ...tv.api.core.requireSession() });
    expect(claimStagedUpload(ctx, uploadId, { allow: ['pdf', 'image'], clinical: false })).toEqual({
      fileId,
      mediaType: 'image/jpeg',
    });
  });

  it('is imported by keeping the staged file as the picture: nothing is written twice', async () => {
    const clientId = insertClient(dbOf(tv.api));
    const { uploadId, fileId, staged } = await stageAndRead(await phoneJpeg(6), [1000]);
    const photo = await tv.api.call('photos.import', {
      clientId,
      uploadId,
      area: 'Cheek',
      stage: 'before',
      takenOn: '2026-11-20',
    });
    expect([photo.width, photo.height]).toEqual([160, 240]);
    const row = dbOf(tv.api).prepare('SELECT file_id FROM photos WHERE id = ?').get(photo.id) as {
      file_id: string;
    };
    expect(row.file_id).toBe(fileId);
    expect((await vault().files.readToBuffer(fileId)).equals(staged)).toBe(true);
    // The picture (the staged file itself), its thumbnail and its print copy.
    expect(contents(tv.api, tv.vaultDir)).toEqual({ files: 3, staged: 0, photos: 1, blobs: 3 });
  });

  it('stages a JPEG it cannot follow as sent from that point (photos.import refuses it later)', async () => {
    const damaged = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x00]),
      ascii('not really a picture'),
    ]);
    const { staged } = await stageAndRead(damaged, [3]);
    expect(staged.includes(ascii('not really a picture'))).toBe(true);
  });

  it('counts the bytes as sent against the limit, metadata and trailer included, leaving nothing', async () => {
    await tv.api.call('settings.update', { maxUploadMB: 1 });
    const before = contents(tv.api, tv.vaultDir);
    const jpeg = await makeJpeg();
    // A small picture with 2 MB after its end marker: the strip drops those bytes, the limit still counts them.
    const trailer = Buffer.alloc(64 * 1024, 0x5a);
    async function* source() {
      yield jpeg;
      for (let i = 0; i < 32; i++) yield trailer;
    }
    const result = await tv.api.upload(Readable.from(source(), { objectMode: false }), { fileName: 'a.jpg' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
    const asBuffer = await tv.api.upload(Buffer.concat([jpeg, Buffer.alloc(2 * 1024 * 1024)]), {
      fileName: 'a.jpg',
    });
    expect(asBuffer).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
    expect(contents(tv.api, tv.vaultDir)).toEqual(before);
  });
});
