import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors';
import {
  SEALED_TEXT_PREFIX,
  type SealPlace,
  clinicalKeyOf,
  openBytes,
  openJson,
  openNullableText,
  openText,
  sealBytes,
  sealJson,
  sealNullableText,
  sealText,
} from './clinical-seal';

const key = randomBytes(32);
const place: SealPlace = { table: 'client_sections', column: 'data', clientId: 'cl_a', rowId: 'medical' };
const SECRET = 'Allergic to lidocaine; on isotretinoin since March';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : `non-app error: ${String(err)}`;
  }
  throw new Error('expected an error');
}

describe('clinical sealing', () => {
  it('seals text so that it reads back only with the key and its place, and never shows the text', () => {
    const sealed = sealText(key, place, SECRET);
    expect(sealed.startsWith(SEALED_TEXT_PREFIX)).toBe(true);
    expect(sealed).not.toContain('lidocaine');
    expect(Buffer.from(sealed.slice(SEALED_TEXT_PREFIX.length), 'base64').includes(Buffer.from('lidocaine'))).toBe(false);
    expect(openText(key, place, sealed)).toBe(SECRET);
  });

  it('uses a fresh nonce each time: the same text sealed twice looks different', () => {
    expect(sealText(key, place, SECRET)).not.toBe(sealText(key, place, SECRET));
  });

  it('round-trips JSON, bytes, empty text and NULL', () => {
    const doc = { allergies: SECRET, pregnant: 'no', n: 3, list: ['a', 'b'] };
    expect(openJson(key, place, sealJson(key, place, doc))).toEqual(doc);
    const bytes = randomBytes(32);
    expect(openBytes(key, place, sealBytes(key, place, bytes)).equals(bytes)).toBe(true);
    expect(openText(key, place, sealText(key, place, ''))).toBe('');
    expect(sealNullableText(key, place, null)).toBeNull();
    expect(openNullableText(key, place, sealNullableText(key, place, 'x'))).toBe('x');
  });

  it('a value moved to another client, row, column or table does not open: the record looks damaged', () => {
    const sealed = sealText(key, place, SECRET);
    for (const elsewhere of [
      { ...place, clientId: 'cl_b' },
      { ...place, rowId: 'lifestyle' },
      { ...place, column: 'notes' },
      { ...place, table: 'treatments' },
    ]) {
      expect(codeOf(() => openText(key, elsewhere, sealed))).toBe('RECORD_DAMAGED');
    }
  });

  it('an altered byte, another key, a truncated value or plain text where a sealed one belongs is refused', () => {
    const sealed = sealBytes(key, place, Buffer.from(SECRET));
    const flipped = Buffer.from(sealed);
    flipped[20]! ^= 1;
    expect(codeOf(() => openBytes(key, place, flipped))).toBe('RECORD_DAMAGED');
    expect(codeOf(() => openBytes(randomBytes(32), place, sealed))).toBe('RECORD_DAMAGED');
    expect(codeOf(() => openBytes(key, place, sealed.subarray(0, 20)))).toBe('RECORD_DAMAGED');
    const otherVersion = Buffer.from(sealed);
    otherVersion[0] = 2;
    expect(codeOf(() => openBytes(key, place, otherVersion))).toBe('RECORD_DAMAGED');
    // Someone with only the database key could write plain text here; it is not trusted as clinical data.
    expect(codeOf(() => openText(key, place, SECRET))).toBe('RECORD_DAMAGED');
    expect(codeOf(() => openJson(key, place, sealText(key, place, 'not json {')))).toBe('RECORD_DAMAGED');
  });

  it('the damaged-record error says so in words for the desk', () => {
    try {
      openText(key, { ...place, clientId: 'cl_b' }, sealText(key, place, SECRET));
    } catch (err) {
      expect((err as AppError).message).toMatch(/looks damaged, or it was moved here from another record/);
    }
  });

  it('a session without the clinical key is refused (FORBIDDEN), not handed an empty value', () => {
    expect(codeOf(() => clinicalKeyOf({ clinical: null }))).toBe('FORBIDDEN');
    expect(clinicalKeyOf({ clinical: key })).toBe(key);
  });
});
