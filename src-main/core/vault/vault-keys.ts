/**
 * The keys an unlocked session holds. Which of them a session gets is decided
 * by the key slots (see docs/architecture.md, "Key hierarchy"): everyone gets
 * the database key; only owner, practitioner and recovery slots unwrap the
 * clinical key; only owner and recovery slots unwrap the audit signing key.
 *
 * PLACEHOLDER (being replaced by the keyring work): the clinical and signing
 * keys are derived from the database key here, so that the clinical-sealing
 * and audit-anchoring code can be written against this interface now.
 */
import { createPrivateKey, createPublicKey, hkdfSync, type KeyObject } from 'node:crypto';
import { AppError } from '../../shared/errors';

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

export function ed25519FromSeed(seed: Buffer): { privateKey: KeyObject; publicKey: KeyObject } {
  const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** PLACEHOLDER: see the file comment. */
export function placeholderKeys(database: Buffer): VaultKeys {
  const clinical = Buffer.from(hkdfSync('sha256', database, Buffer.alloc(0), 'clinic-vault|clinical', 32));
  const seed = Buffer.from(hkdfSync('sha256', database, Buffer.alloc(0), 'clinic-vault|audit-signing', 32));
  const { privateKey, publicKey } = ed25519FromSeed(seed);
  seed.fill(0);
  return { database, clinical, auditSigning: privateKey, auditPublic: publicKey };
}

/** Wipes what can be wiped (KeyObjects cannot be zeroed; they go with the session). */
export function wipeKeys(keys: VaultKeys): void {
  keys.database.fill(0);
  keys.clinical?.fill(0);
}
