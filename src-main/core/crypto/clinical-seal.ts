/**
 * Sealing clinical values under the clinical key (docs/clinical-sealing.md).
 *
 * The database key opens vault.db for every member of staff, reception
 * included; the clinical key is held only by owner, practitioner and recovery
 * sessions (crypto/vault-keys.ts). So everything clinical is stored inside the
 * database already encrypted a second time, here: AES-256-GCM, a random 96-bit
 * nonce per value, and additional authenticated data (AAD) naming the value's
 * place (table, column, client and row). A sealed value copied into another
 * client's row, another row or another column no longer authenticates, so
 * someone who can write to the database (anyone with the database key) cannot
 * move one client's history onto another's record unnoticed.
 *
 * Layout of a sealed value: version byte (1) | nonce (12) | ciphertext | tag (16).
 * In TEXT columns it is stored as SEALED_TEXT_PREFIX + base64 of those bytes.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../../contract/errors';

const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const HEADER_BYTES = 1 + NONCE_BYTES;

/** Marks a sealed value in a TEXT column ("clinic vault, seal version 1"). */
export const SEALED_TEXT_PREFIX = 'cv1:';

/** Where a value lives. Every part goes into the AAD, so a value opens only where it was sealed. */
export interface SealPlace {
  table: string;
  column: string;
  /** The client the row belongs to ('' for rows that belong to no client, such as files). */
  clientId: string;
  /** The row's own id, with anything else that identifies the value's place (section, field). */
  rowId: string;
}

/** Length-prefixed by JSON, so ("a|b", "c") and ("a", "b|c") are different places. */
function aadOf(place: SealPlace): Buffer {
  return Buffer.from(JSON.stringify(['clinic-vault/clinical', VERSION, place.table, place.column, place.clientId, place.rowId]), 'utf8');
}

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error('the clinical key must be 32 bytes');
}

/** The error for a value that does not open: damaged, or moved here from somewhere else. */
export function recordDamaged(cause?: unknown): AppError {
  return new AppError('RECORD_DAMAGED', undefined, { cause });
}

export function sealBytes(key: Buffer, place: SealPlace, plaintext: Buffer): Buffer {
  checkKey(key);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aadOf(place));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), nonce, body, cipher.getAuthTag()]);
}

/** RECORD_DAMAGED if the value was altered, sealed under another key, or belongs to another place. */
export function openBytes(key: Buffer, place: SealPlace, sealed: Buffer): Buffer {
  checkKey(key);
  if (sealed.length < HEADER_BYTES + TAG_BYTES || sealed[0] !== VERSION) throw recordDamaged();
  const nonce = sealed.subarray(1, HEADER_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aadOf(place));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch (err) {
    throw recordDamaged(err);
  }
}

/** Whether a TEXT column's value is in sealed form (it may still fail to open). */
export function isSealedText(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.startsWith(SEALED_TEXT_PREFIX);
}

export function sealText(key: Buffer, place: SealPlace, text: string): string {
  return SEALED_TEXT_PREFIX + sealBytes(key, place, Buffer.from(text, 'utf8')).toString('base64');
}

/**
 * Opens a sealed TEXT value. Plain text where a sealed value belongs is refused
 * too: accepting it would let anyone with the database key write "clinical"
 * text that staff would then trust.
 */
export function openText(key: Buffer, place: SealPlace, stored: string): string {
  if (!isSealedText(stored)) throw recordDamaged();
  return openBytes(key, place, Buffer.from(stored.slice(SEALED_TEXT_PREFIX.length), 'base64')).toString('utf8');
}

/** NULL stays NULL (nothing to hide but that there is no value); anything else is sealed. */
export function sealNullableText(key: Buffer, place: SealPlace, text: string | null): string | null {
  return text === null ? null : sealText(key, place, text);
}

export function openNullableText(key: Buffer, place: SealPlace, stored: string | null): string | null {
  return stored === null ? null : openText(key, place, stored);
}

export function sealJson(key: Buffer, place: SealPlace, value: unknown): string {
  return sealText(key, place, JSON.stringify(value));
}

export function openJson<T>(key: Buffer, place: SealPlace, stored: string): T {
  const text = openText(key, place, stored);
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw recordDamaged(err);
  }
}

/** What sealing needs of a session's keys (crypto/vault-keys.ts VaultKeys): the clinical key, or null. */
export interface ClinicalKeyHolder {
  readonly clinical: Buffer | null;
}

/** The clinical key, or FORBIDDEN (the same rule as vault-keys.ts requireClinicalKey, for any holder). */
export function clinicalKeyOf(holder: ClinicalKeyHolder): Buffer {
  if (!holder.clinical) throw new AppError('FORBIDDEN');
  return holder.clinical;
}
