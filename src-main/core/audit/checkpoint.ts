/**
 * An audit checkpoint: "in vault V, entry #seq had hash H, at time T, database
 * generation G", signed with the owner's Ed25519 audit signing key
 * (src-main/core/crypto/vault-keys.ts). Anyone holding the database key can
 * rewrite the log and recompute its hashes, but not sign a new checkpoint, so
 * every entry at or below a checkpoint is fixed (docs/audit-anchoring.md).
 */
import { sign, verify, type KeyObject } from 'node:crypto';

export interface AuditCheckpoint {
  vaultId: string;
  seq: number;
  /** The hash of entry #seq (which covers every entry before it). */
  hash: string;
  /** ISO-8601. */
  at: string;
  /** The database's rollback generation when it was signed (src-main/core/audit/generation.ts). */
  generation: number;
  /** Ed25519 over signedBytes(), base64. */
  signature: string;
}

export type UnsignedCheckpoint = Omit<AuditCheckpoint, 'signature'>;

/** A fixed label first, so a signature made for anything else can never pass as a checkpoint. */
const DOMAIN = 'clinic-vault audit checkpoint v1';

function signedBytes(c: UnsignedCheckpoint): Buffer {
  return Buffer.from(JSON.stringify([DOMAIN, c.vaultId, c.seq, c.hash, c.at, c.generation]), 'utf8');
}

export function signCheckpoint(c: UnsignedCheckpoint, signingKey: KeyObject): AuditCheckpoint {
  return { ...c, signature: sign(null, signedBytes(c), signingKey).toString('base64') };
}

/** True only for a well-formed checkpoint of this vault signed by this public key. */
export function checkpointSignedBy(c: AuditCheckpoint, vaultId: string, publicKey: KeyObject): boolean {
  if (c.vaultId !== vaultId) return false;
  if (!Number.isSafeInteger(c.seq) || c.seq < 1 || !Number.isSafeInteger(c.generation)) return false;
  if (typeof c.hash !== 'string' || typeof c.at !== 'string' || typeof c.signature !== 'string') return false;
  try {
    return verify(null, signedBytes(c), publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

/** Newest first: a higher sequence number, then a later generation. */
export function newerFirst(a: AuditCheckpoint, b: AuditCheckpoint): number {
  return b.seq - a.seq || b.generation - a.generation;
}
