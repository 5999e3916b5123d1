/**
 * Making and opening key slots (docs/key-hierarchy.md). Opening a slot is:
 * scrypt the secret, unwrap the slot's X25519 private key, then open every
 * grant sealed to that slot. A failed attempt (unknown username, removed
 * member, wrong password) does exactly the same work up to the unwrap, so its
 * timing tells nothing apart (see `decoyUnlock`).
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../contract/errors';
import type { Role } from '../../contract/permissions';
import { deriveKey, type ScryptParams } from './kdf';
import { type Endorser, type HolderKey, endorseSlot, holderSeedFor, holderSeedMatches, rawPublic, vaultEndorsementKey } from './endorsement';
import { type Grant, type IssuedSlot, type KeyName, type Keyring, type KeySlot, type PairSlot, type SlotKind, databaseVersions, grantsOf } from './keyring';
import { type VaultKeys, ed25519SeedOf } from '../crypto/vault-keys';
import { type Sealed, newX25519KeyPair, openFromPublicKey, openWith, rawPublicKeyOf, sealToPublicKey, sealWith, x25519PrivateKey } from './sealing';

export interface SlotHolder {
  kind: SlotKind;
  staffId: string | null;
  username: string | null;
  /** Decides which keys the slot is granted (keysForHolder); null for the recovery slot. */
  role: Role | null;
}

/**
 * Which vault keys each kind of slot is granted. Reception holds the database
 * key only (and its own endorsement key, which opens nothing: endorsement.ts).
 */
const KEYS_FOR: Record<Role | 'recovery', readonly KeyName[]> = {
  owner: ['database', 'clinical', 'audit-signing'],
  practitioner: ['database', 'clinical', 'holder-endorsement'],
  reception: ['database', 'holder-endorsement'],
  recovery: ['database', 'clinical', 'audit-signing'],
};

export function keysForHolder(holder: Pick<SlotHolder, 'kind' | 'role'>): readonly KeyName[] {
  if (holder.kind === 'recovery') return KEYS_FOR.recovery;
  return holder.role ? KEYS_FOR[holder.role] : [];
}

/** The vault keys a session can hand on: whatever it holds (null for what it does not). */
export interface GrantableKeys {
  database: { version: number; key: Buffer };
  clinical: Buffer | null;
  /** The Ed25519 signing key's 32-byte seed. */
  auditSeed: Buffer | null;
  /**
   * A member changing their own password without the audit seed: their own
   * endorsement seed and certified key (from their current slot), so the new
   * slot can be endorsed and handed the seed on.
   */
  holder?: { seed: Buffer; key: HolderKey } | null;
}

function slotAad(vaultId: string, slot: Pick<KeySlot, 'id' | 'kind' | 'staffId'>): string {
  return `clinic-vault-slot|${vaultId}|${slot.id}|${slot.kind}|${slot.staffId ?? '-'}`;
}

/** Version-1 slots bound only vault, kind and staff id (keyring.ts reads them). */
function legacyAad(vaultId: string, slot: Pick<KeySlot, 'kind' | 'staffId'>): string {
  return `clinic-vault|${vaultId}|${slot.kind}|${slot.staffId ?? '-'}`;
}

export function newSlotId(): string {
  return `sl_${randomBytes(12).toString('hex')}`;
}

export function sealGrant(vaultId: string, slot: PairSlot, key: KeyName, version: number, secret: Buffer): Grant {
  const sealed = sealToPublicKey({ vaultId, slotId: slot.id, keyName: key, version }, Buffer.from(slot.publicKey, 'base64'), secret);
  return { slotId: slot.id, key, version, ...sealed };
}

/** The grants a slot gets: each key its holder's role allows, of those the granting session holds. */
export function grantsFor(vaultId: string, slot: PairSlot, held: GrantableKeys): Grant[] {
  const grants: Grant[] = [];
  for (const name of keysForHolder(slot)) {
    if (name === 'database') grants.push(sealGrant(vaultId, slot, name, held.database.version, held.database.key));
    if (name === 'clinical' && held.clinical) grants.push(sealGrant(vaultId, slot, name, 1, held.clinical));
    if (name === 'audit-signing' && held.auditSeed) grants.push(sealGrant(vaultId, slot, name, 1, held.auditSeed));
    if (name === 'holder-endorsement' && slot.staffId) {
      const seed = held.auditSeed ? holderSeedFor(vaultId, held.auditSeed, slot.staffId) : held.holder && Buffer.from(held.holder.seed);
      if (seed) grants.push(sealGrant(vaultId, slot, name, 1, seed));
      seed?.fill(0);
    }
  }
  return grants;
}

/** Who can endorse a new slot for `holder`: an owner-capable session, or the holder themselves; null if nobody here can. */
function endorserFor(vaultId: string, holder: SlotHolder, held: GrantableKeys): Endorser | null {
  if (held.auditSeed) return { by: 'owner', vaultId, auditSeed: held.auditSeed };
  if (held.holder && holder.kind === 'staff') return { by: 'holder', vaultId, holderSeed: held.holder.seed, holderKey: held.holder.key };
  return null;
}

/** A new key pair for a holder, wrapped under their secret, with its grants. */
export async function issueSlot(
  vaultId: string,
  holder: SlotHolder,
  secret: string,
  held: GrantableKeys,
  kdf: ScryptParams,
  createdAt: string,
): Promise<IssuedSlot & { slot: PairSlot }> {
  const endorser = endorserFor(vaultId, holder, held);
  const pair = newX25519KeyPair();
  const kek = await deriveKey(secret, kdf);
  const id = newSlotId();
  try {
    const slot: PairSlot = {
      id,
      format: 'x25519',
      kind: holder.kind,
      staffId: holder.staffId,
      username: holder.username,
      role: holder.kind === 'recovery' ? null : holder.role,
      kdf,
      publicKey: pair.publicKey.toString('base64'),
      wrappedPrivateKey: sealWith(kek, pair.privateKey, slotAad(vaultId, { id, kind: holder.kind, staffId: holder.staffId })),
      createdAt,
    };
    if (endorser) slot.endorsement = endorseSlot(endorser, slot);
    const endorsementPublicKey = endorser?.by === 'owner' ? rawPublic(vaultEndorsementKey(vaultId, endorser.auditSeed).publicKey) : null;
    return { slot, grants: grantsFor(vaultId, slot, held), endorsementPublicKey };
  } finally {
    kek.fill(0);
    pair.privateKey.fill(0);
  }
}

/** What a slot opened to: the vault keys sealed to it. */
export interface UnlockedSlot {
  slot: KeySlot;
  /** Every database key version this slot holds, newest first (two only mid-rotation). */
  databaseKeys: { version: number; key: Buffer }[];
  clinical: Buffer | null;
  auditSeed: Buffer | null;
  /** The member's own endorsement seed (endorsement.ts); null for owners and recovery, who hold the audit seed. */
  holderSeed: Buffer | null;
}

/** The version a legacy (version-1) slot's database key counts as. */
export const LEGACY_DATABASE_VERSION = 1;

function unwrapSecret(vaultId: string, slot: KeySlot, kek: Buffer): Buffer | null {
  if (slot.format === 'legacy-v1') {
    return openWith(kek, { iv: slot.iv, data: slot.wrappedKey, tag: slot.tag }, legacyAad(vaultId, slot));
  }
  return openWith(kek, slot.wrappedPrivateKey, slotAad(vaultId, slot));
}

function openGrants(keyring: Keyring, slot: PairSlot, privateRaw: Buffer): UnlockedSlot {
  const privateKey = x25519PrivateKey(privateRaw);
  const publicRaw = Buffer.from(slot.publicKey, 'base64');
  // A public key edited in the file would have had grants sealed to someone else's key.
  if (!rawPublicKeyOf(privateKey).equals(publicRaw)) throw new AppError('KEYRING_DAMAGED');
  const opened = (g: Grant) =>
    openFromPublicKey({ vaultId: keyring.vaultId, slotId: slot.id, keyName: g.key, version: g.version }, privateKey, publicRaw, g);
  const result: UnlockedSlot = { slot, databaseKeys: [], clinical: null, auditSeed: null, holderSeed: null };
  for (const grant of grantsOf(keyring, slot.id)) {
    const secret = opened(grant);
    if (!secret) continue; // damaged or misplaced: it opens nothing, and the others still count
    if (grant.key === 'database') result.databaseKeys.push({ version: grant.version, key: secret });
    else if (grant.key === 'clinical') result.clinical = secret;
    else if (grant.key === 'audit-signing') result.auditSeed = secret;
    else result.holderSeed = secret;
  }
  result.databaseKeys.sort((a, b) => b.version - a.version);
  return result;
}

/** Opens a slot with a password or recovery key; null when the secret is wrong for it. */
export async function unlockSlot(keyring: Keyring, slot: KeySlot, secret: string): Promise<UnlockedSlot | null> {
  const kek = await deriveKey(secret, slot.kdf);
  const unwrapped = unwrapSecret(keyring.vaultId, slot, kek);
  kek.fill(0);
  if (!unwrapped) return null;
  try {
    if (slot.format === 'legacy-v1') {
      return { slot, databaseKeys: [{ version: LEGACY_DATABASE_VERSION, key: Buffer.from(unwrapped) }], clinical: null, auditSeed: null, holderSeed: null };
    }
    return openGrants(keyring, slot, unwrapped);
  } finally {
    unwrapped.fill(0);
  }
}

/** A stand-in wrapped key (random, so it never opens) for the decoy's unwrap attempt. */
const DECOY_WRAPPED: Sealed = {
  iv: randomBytes(12).toString('base64'),
  data: randomBytes(32).toString('base64'),
  tag: randomBytes(16).toString('base64'),
};

/**
 * The work of opening a slot, for a username that has none (unknown, or a
 * removed member whose slot was deleted): the same scrypt cost as a real slot
 * and the same unwrap attempt, so a failed sign-in takes as long whichever way
 * it failed. The salt is derived from the username so repeated attempts match
 * a real slot's behaviour too.
 */
export async function decoyUnlock(keyring: Keyring, username: string, secret: string, fallback: ScryptParams): Promise<null> {
  const like = keyring.slots.find((s) => s.kind === 'staff')?.kdf ?? fallback;
  const salt = createHash('sha256').update(`clinic-vault-decoy|${keyring.vaultId}|${username.toLowerCase()}`).digest().subarray(0, 16);
  const kek = await deriveKey(secret, { ...like, salt: salt.toString('base64') });
  openWith(kek, DECOY_WRAPPED, slotAad(keyring.vaultId, { id: 'decoy', kind: 'staff', staffId: null }));
  kek.fill(0);
  return null;
}

export function wipeUnlocked(u: UnlockedSlot): void {
  for (const d of u.databaseKeys) d.key.fill(0);
  u.clinical?.fill(0);
  u.auditSeed?.fill(0);
  u.holderSeed?.fill(0);
}

/**
 * What a member without the audit seed needs to endorse their own new slot:
 * the seed their current slot opened and the certified key on it. Null when
 * the slot has none (made before endorsements, or by a legacy conversion).
 * A seed that is not the certified key's means the slot was edited.
 */
export function holderEndorsing(unlocked: UnlockedSlot): { seed: Buffer; key: HolderKey } | null {
  const key = unlocked.slot.format === 'x25519' ? unlocked.slot.endorsement?.holderKey : undefined;
  if (!unlocked.holderSeed || !key) return null;
  if (!holderSeedMatches(unlocked.holderSeed, key)) throw new AppError('KEYRING_DAMAGED');
  return { seed: Buffer.from(unlocked.holderSeed), key };
}

/**
 * What a signed-in session can grant to another slot: the keys it holds. The
 * database key's version is the keyring's current one (one version outside a
 * rotation, which runs with the session's vault closed).
 */
export function grantableKeysOf(keys: VaultKeys, keyring: Keyring): GrantableKeys {
  return {
    database: { version: databaseVersions(keyring)[0] ?? LEGACY_DATABASE_VERSION, key: keys.database },
    clinical: keys.clinical,
    auditSeed: keys.auditSigning ? ed25519SeedOf(keys.auditSigning) : null,
  };
}
