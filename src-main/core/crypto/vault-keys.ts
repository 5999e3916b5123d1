/**
 * The keys an unlocked session holds. Which of them a session gets is decided
 * by the grants sealed to its key slot (docs/key-hierarchy.md): everyone gets
 * the database key; only owner, practitioner and recovery slots are granted
 * the clinical key; only owner and recovery slots the audit signing key.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { AppError } from '../../contract/errors';

export interface VaultKeys {
  /** Opens vault.db. Every signed-in session holds it. */
  readonly database: Buffer;
  /** Seals clinical fields and clinical file keys; null in a reception session. */
  readonly clinical: Buffer | null;
  /** Ed25519 private key that signs audit checkpoints; owner (and recovery) sessions only. */
  readonly auditSigning: KeyObject | null;
  /** Ed25519 public key that checks audit checkpoints; every session. */
  readonly auditPublic: KeyObject;
}

/** The clinical key, or FORBIDDEN: a session without it can never read or write clinical data. */
export function requireClinicalKey(keys: VaultKeys): Buffer {
  if (!keys.clinical) throw new AppError('FORBIDDEN');
  return keys.clinical;
}

/** PKCS#8 DER prefix for an Ed25519 private key made from a 32-byte seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function ed25519FromSeed(seed: Buffer): { privateKey: KeyObject; publicKey: KeyObject } {
  const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** The 32-byte seed inside an Ed25519 private key, to seal it to another slot. Wipe after use. */
export function ed25519SeedOf(privateKey: KeyObject): Buffer {
  return privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(ED25519_PKCS8_PREFIX.length);
}

/** The raw 32-byte public key, as the keyring stores it (base64). */
export function ed25519RawPublic(publicKey: KeyObject): Buffer {
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(ED25519_SPKI_PREFIX.length);
}

export function ed25519PublicFromRaw(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** The three secret keys of a new vault. */
export function newVaultSecrets(): { database: Buffer; clinical: Buffer; auditSeed: Buffer } {
  return { database: randomBytes(32), clinical: randomBytes(32), auditSeed: randomBytes(32) };
}

/**
 * A session's keys, from what its slot's grants opened. `auditPublicKey` is the
 * keyring's copy; when the session holds the signing key, the two must agree
 * (an edited public key would let someone else's signatures pass).
 */
export function vaultKeysFrom(parts: {
  database: Buffer;
  clinical: Buffer | null;
  auditSeed: Buffer | null;
  auditPublicKey: string | null;
}): VaultKeys {
  let auditSigning: KeyObject | null = null;
  let auditPublic: KeyObject;
  if (parts.auditSeed) {
    const pair = ed25519FromSeed(parts.auditSeed);
    const raw = ed25519RawPublic(pair.publicKey).toString('base64');
    if (parts.auditPublicKey !== null && parts.auditPublicKey !== raw) throw new AppError('KEYRING_DAMAGED');
    auditSigning = pair.privateKey;
    auditPublic = pair.publicKey;
  } else if (parts.auditPublicKey !== null) {
    auditPublic = ed25519PublicFromRaw(Buffer.from(parts.auditPublicKey, 'base64'));
  } else {
    // A version-1 vault before its owner's first sign-in has no signing key yet,
    // so no checkpoint exists; a key nobody holds verifies none, which is the truth.
    auditPublic = generateKeyPairSync('ed25519').publicKey;
  }
  return { database: parts.database, clinical: parts.clinical, auditSigning, auditPublic };
}

/** Wipes what can be wiped (KeyObjects cannot be zeroed; they go with the session). */
export function wipeKeys(keys: VaultKeys): void {
  keys.database.fill(0);
  keys.clinical?.fill(0);
}
