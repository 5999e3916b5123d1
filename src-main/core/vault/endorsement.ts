/**
 * Slot endorsements (docs/key-hierarchy.md, "Endorsements"). Anyone who can
 * write the vault folder can edit keyring.json and fix its checksum, so a
 * slot's public key on its own proves nothing: an insider could swap another
 * member's public key for their own and be sealed the next rotation's key.
 * An endorsement is an Ed25519 signature over the slot's identity (vault id,
 * slot id, kind, staff id, username, role, public key) that only a legitimate
 * issuer can make:
 *  - `owner`: the vault's endorsement key, derived from the audit signing seed
 *    that only owner and recovery sessions hold. Set-up, adding staff, owner
 *    resets, recovery and new recovery keys are endorsed this way.
 *  - `holder`: a member's own endorsement key, derived from the audit seed for
 *    their staff id alone and granted to their slot, so they can endorse the
 *    new slot of their own password change, and nobody else's. The owner
 *    certifies its public half (`holderKey.certificate`).
 * The database key's version is not part of a slot's identity: grants carry
 * their own version in their sealed binding (sealing.ts).
 */
import { hkdfSync, type KeyObject, sign, verify } from 'node:crypto';
import type { PairSlot } from './keyring';
import { ed25519FromSeed, ed25519PublicFromRaw, ed25519RawPublic } from '../crypto/vault-keys';

/** A member's own endorsement key: its public half, certified by the owner's endorsement key. */
export interface HolderKey {
  /** base64 raw Ed25519 public key */
  publicKey: string;
  /** base64 signature by the vault's endorsement key over the holder key's binding */
  certificate: string;
}

export interface Endorsement {
  by: 'owner' | 'holder';
  /** base64 Ed25519 signature over the slot's identity */
  signature: string;
  /** For staff slots below owner: the holder's key (copied into their own endorsements). */
  holderKey?: HolderKey;
}

/** Whether a slot's endorsement checks out: made by a legitimate issuer, absent (older slots), or failing. */
export type SlotTrust = 'endorsed' | 'unendorsed' | 'altered';

function derivedSeed(auditSeed: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', auditSeed, Buffer.alloc(0), Buffer.from(info, 'utf8'), 32));
}

/** The vault's endorsement key pair, from the audit signing seed (separate from it, so no signature means two things). */
export function vaultEndorsementKey(vaultId: string, auditSeed: Buffer): { privateKey: KeyObject; publicKey: KeyObject } {
  const seed = derivedSeed(auditSeed, `clinic-vault|keyring-endorsement|${vaultId}`);
  try {
    return ed25519FromSeed(seed);
  } finally {
    seed.fill(0);
  }
}

export function rawPublic(key: KeyObject): string {
  return ed25519RawPublic(key).toString('base64');
}

/** One member's endorsement seed: it endorses slots for that staff id only. Wipe after use. */
export function holderSeedFor(vaultId: string, auditSeed: Buffer, staffId: string): Buffer {
  return derivedSeed(auditSeed, `clinic-vault|holder-endorsement|${vaultId}|${staffId}`);
}

const message = (parts: (string | null)[]) => Buffer.from(JSON.stringify(parts), 'utf8');

type SlotIdentity = Pick<PairSlot, 'id' | 'kind' | 'staffId' | 'username' | 'role' | 'publicKey'>;

function slotMessage(vaultId: string, s: SlotIdentity): Buffer {
  return message(['clinic-vault-slot-endorsement', vaultId, s.id, s.kind, s.staffId, s.username, s.role, s.publicKey]);
}

function holderKeyMessage(vaultId: string, staffId: string, publicKey: string): Buffer {
  return message(['clinic-vault-holder-key', vaultId, staffId, publicKey]);
}

/** Who is endorsing: an owner-capable session (holding the audit seed) or a member with their own key. */
export type Endorser =
  | { by: 'owner'; vaultId: string; auditSeed: Buffer }
  | { by: 'holder'; vaultId: string; holderSeed: Buffer; holderKey: HolderKey };

export function endorseSlot(endorser: Endorser, slot: SlotIdentity): Endorsement {
  if (endorser.by === 'owner') {
    const { privateKey } = vaultEndorsementKey(endorser.vaultId, endorser.auditSeed);
    const endorsement: Endorsement = { by: 'owner', signature: sign(null, slotMessage(endorser.vaultId, slot), privateKey).toString('base64') };
    if (slot.kind === 'staff' && slot.staffId && slot.role !== 'owner') {
      const holderSeed = holderSeedFor(endorser.vaultId, endorser.auditSeed, slot.staffId);
      const holderPublic = rawPublic(ed25519FromSeed(holderSeed).publicKey);
      holderSeed.fill(0);
      endorsement.holderKey = {
        publicKey: holderPublic,
        certificate: sign(null, holderKeyMessage(endorser.vaultId, slot.staffId, holderPublic), privateKey).toString('base64'),
      };
    }
    return endorsement;
  }
  const { privateKey } = ed25519FromSeed(endorser.holderSeed);
  return { by: 'holder', signature: sign(null, slotMessage(endorser.vaultId, slot), privateKey).toString('base64'), holderKey: endorser.holderKey };
}

/** Whether a holder seed is the one the certificate names (a mismatch means the slot was edited). */
export function holderSeedMatches(seed: Buffer, holderKey: HolderKey): boolean {
  return rawPublic(ed25519FromSeed(seed).publicKey) === holderKey.publicKey;
}

function verifies(publicKeyB64: string | KeyObject, data: Buffer, signatureB64: string): boolean {
  try {
    const key = typeof publicKeyB64 === 'string' ? ed25519PublicFromRaw(Buffer.from(publicKeyB64, 'base64')) : publicKeyB64;
    return verify(null, data, key, Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Checks a slot's endorsement against the vault's endorsement public key
 * (`anchor`: derived from the session's own audit seed where it holds one,
 * which no file edit can change; otherwise the keyring's copy). A slot with
 * an endorsement but no key to check it against counts as altered.
 */
export function slotTrust(vaultId: string, slot: PairSlot, anchor: KeyObject | null): SlotTrust {
  const e = slot.endorsement;
  if (!e) return 'unendorsed';
  if (!anchor) return 'altered';
  const data = slotMessage(vaultId, slot);
  if (e.by === 'owner') return verifies(anchor, data, e.signature) ? 'endorsed' : 'altered';
  const h = e.holderKey;
  if (!h || slot.kind !== 'staff' || !slot.staffId) return 'altered';
  if (!verifies(anchor, holderKeyMessage(vaultId, slot.staffId, h.publicKey), h.certificate)) return 'altered';
  return verifies(h.publicKey, data, e.signature) ? 'endorsed' : 'altered';
}

/** The anchor from the keyring's copy of the endorsement public key (null when the vault has none yet). */
export function anchorFromKeyring(endorsementPublicKey: string | null): KeyObject | null {
  if (!endorsementPublicKey) return null;
  try {
    return ed25519PublicFromRaw(Buffer.from(endorsementPublicKey, 'base64'));
  } catch {
    return null;
  }
}
