/**
 * The keyring file (keyring.json): key slots and the grants sealed to them
 * (docs/key-hierarchy.md). Version 2:
 *  - a slot per active member of staff and one for the recovery key, each an
 *    X25519 key pair whose private half is wrapped under the person's password
 *    (scrypt) and whose public half is in the clear;
 *  - grants: each vault key (database, clinical, audit-signing) sealed to the
 *    public key of each slot allowed to hold it;
 *  - the audit signing key's public half, which everyone needs to check
 *    checkpoints, and the public half of the endorsement key that signs each
 *    slot's identity (endorsement.ts), so a swapped public key is caught.
 * Version-1 keyrings (every slot wrapping the database key directly) are still
 * read: their slots become `legacy-v1` slots, converted at each person's next
 * sign-in (legacy-conversion.ts). Nothing is ever written as version 1, and no
 * copy of an older keyring is kept: a removed slot is gone from the folder.
 *
 * The file carries a checksum so accidental damage is told apart from a wrong
 * password, and a damaged keyring is reported, never overwritten.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../../contract/errors';
import { ROLES, type Role } from '../../contract/permissions';
import { withFsErrors } from '../platform/fs-errors';
import { writeFileAtomicSync } from '../platform/atomic-file';
import { areSaneParams, type ScryptParams } from './kdf';
import type { Endorsement } from './endorsement';
import type { Sealed, SealedToSlot } from './sealing';
import type { VaultPaths } from '../platform/vault-paths';

export const KEYRING_FORMAT = 'clinic-vault-keyring';
export const KEYRING_VERSION = 2;

/** Earlier builds kept the previous keyring here, old slots and all; it is deleted on sight. */
export const PREVIOUS_KEYRING_FILE = 'keyring.prev.json';

export type SlotKind = 'staff' | 'recovery';
/** `holder-endorsement`: a member's own endorsement seed (endorsement.ts), so they can endorse their new slot at a password change. */
export const KEY_NAMES = ['database', 'clinical', 'audit-signing', 'holder-endorsement'] as const;
export type KeyName = (typeof KEY_NAMES)[number];

interface SlotBase {
  /** Unique in the keyring; grants name it. A new key pair always gets a new id. */
  id: string;
  kind: SlotKind;
  /** Set for staff slots; the recovery slot has none. */
  staffId: string | null;
  /** Lower-case username, so sign-in can find the slot before the database is open. */
  username: string | null;
  kdf: ScryptParams;
  createdAt: string;
}

/** A version-2 slot: an X25519 key pair. */
export interface PairSlot extends SlotBase {
  format: 'x25519';
  /** The role the slot was made for (null for recovery). Informational: the grants decide what it opens. */
  role: Role | null;
  /** base64, 32 bytes */
  publicKey: string;
  wrappedPrivateKey: Sealed;
  /** Absent on slots from before endorsements and on slots made by a session that cannot endorse (a legacy conversion). */
  endorsement?: Endorsement;
}

/** A slot from a version-1 keyring: the database key wrapped directly under the password. */
export interface LegacySlot extends SlotBase {
  format: 'legacy-v1';
  iv: string;
  wrappedKey: string;
  tag: string;
}

export type KeySlot = PairSlot | LegacySlot;

export interface Grant extends SealedToSlot {
  slotId: string;
  key: KeyName;
  /** The database key's version goes up at each rotation; the others stay at 1. */
  version: number;
}

export interface Keyring {
  format: typeof KEYRING_FORMAT;
  vaultId: string;
  /** base64 raw Ed25519 public key; null only in a legacy vault before the owner's first sign-in. */
  auditPublicKey: string | null;
  /** base64 raw Ed25519 public key that checks slot endorsements; null in keyrings from before endorsements. */
  endorsementPublicKey: string | null;
  slots: KeySlot[];
  grants: Grant[];
}

interface KeyringFileV2 {
  format: typeof KEYRING_FORMAT;
  version: 2;
  vaultId: string;
  auditPublicKey: string | null;
  /** Absent in files written before endorsements. */
  endorsementPublicKey?: string;
  slots: KeySlot[];
  grants: Grant[];
  checksum: string;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isSealed = (v: unknown): v is Sealed => isObject(v) && isString(v.iv) && isString(v.data) && isString(v.tag);

function isSlotBase(s: Record<string, unknown>): boolean {
  return (
    (s.kind === 'staff' || s.kind === 'recovery') &&
    (s.staffId === null || isString(s.staffId)) &&
    (s.username === null || isString(s.username)) &&
    isString(s.createdAt) &&
    isObject(s.kdf) &&
    areSaneParams(s.kdf as unknown as ScryptParams)
  );
}

function isEndorsement(v: unknown): v is Endorsement {
  if (!isObject(v) || (v.by !== 'owner' && v.by !== 'holder') || !isString(v.signature)) return false;
  return v.holderKey === undefined || (isObject(v.holderKey) && isString(v.holderKey.publicKey) && isString(v.holderKey.certificate));
}

function isV2Slot(v: unknown): v is KeySlot {
  if (!isObject(v) || !isString(v.id) || !isSlotBase(v)) return false;
  if (v.format === 'legacy-v1') return isString(v.iv) && isString(v.wrappedKey) && isString(v.tag);
  return (
    v.format === 'x25519' &&
    (v.role === null || (ROLES as readonly unknown[]).includes(v.role)) &&
    isString(v.publicKey) &&
    isSealed(v.wrappedPrivateKey) &&
    (v.endorsement === undefined || isEndorsement(v.endorsement))
  );
}

function isGrant(v: unknown): v is Grant {
  return (
    isObject(v) &&
    isString(v.slotId) &&
    (KEY_NAMES as readonly unknown[]).includes(v.key) &&
    Number.isInteger(v.version) &&
    (v.version as number) >= 1 &&
    isString(v.ephemeralPublicKey) &&
    isSealed(v.sealed)
  );
}

function isV1Slot(v: unknown): boolean {
  return isObject(v) && isSlotBase(v) && isString(v.iv) && isString(v.wrappedKey) && isString(v.tag);
}

const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

function checksumV2(k: Keyring): string {
  const { format, vaultId, auditPublicKey, slots, grants } = k;
  // Left out while null, so files written before endorsements still check.
  const endorsementPublicKey = k.endorsementPublicKey ?? undefined;
  return sha256({ format, version: KEYRING_VERSION, vaultId, auditPublicKey, endorsementPublicKey, slots, grants });
}

function damaged(detail: string, cause?: unknown): AppError {
  return new AppError('KEYRING_DAMAGED', undefined, { cause: cause ?? new Error(detail) });
}

/** A version-1 file as earlier builds wrote it, read into the version-2 shape. */
function fromV1(file: Record<string, unknown>): Keyring {
  const slots = file.slots as unknown[];
  if (!slots.every(isV1Slot)) throw damaged('keyring has an unexpected shape');
  const { format, version, vaultId } = file;
  if (sha256({ format, version, vaultId, slots }) !== file.checksum) throw damaged('keyring checksum does not match');
  return {
    format: KEYRING_FORMAT,
    vaultId: vaultId as string,
    auditPublicKey: null,
    endorsementPublicKey: null,
    grants: [],
    slots: (slots as Omit<LegacySlot, 'id' | 'format'>[]).map((s) => ({
      kind: s.kind,
      staffId: s.staffId,
      username: s.username,
      kdf: s.kdf,
      iv: s.iv,
      wrappedKey: s.wrappedKey,
      tag: s.tag,
      createdAt: s.createdAt,
      id: legacySlotId(s.kind, s.staffId),
      format: 'legacy-v1',
    })),
  };
}

function legacySlotId(kind: SlotKind, staffId: string | null): string {
  return `legacy-${kind === 'recovery' ? 'recovery' : staffId}`;
}

/** Reads and checks the keyring. Throws KEYRING_DAMAGED for anything but a well-formed, intact file. */
export function readKeyring(paths: VaultPaths): Keyring {
  const raw = withFsErrors(() => readFileSync(paths.keyring, 'utf8'));
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    throw damaged('keyring is not valid JSON', err);
  }
  if (!isObject(parsed) || parsed.format !== KEYRING_FORMAT || typeof parsed.version !== 'number') {
    throw damaged('keyring has an unexpected shape');
  }
  if (parsed.version > KEYRING_VERSION) throw new AppError('VAULT_FROM_NEWER_VERSION');
  if (!isString(parsed.vaultId) || !Array.isArray(parsed.slots) || !isString(parsed.checksum)) {
    throw damaged('keyring has an unexpected shape');
  }
  if (parsed.version === 1) return fromV1(parsed);
  const file = parsed as unknown as KeyringFileV2;
  if (
    file.version !== 2 ||
    !(file.auditPublicKey === null || isString(file.auditPublicKey)) ||
    !(file.endorsementPublicKey === undefined || isString(file.endorsementPublicKey)) ||
    !file.slots.every(isV2Slot) ||
    !Array.isArray(file.grants) ||
    !file.grants.every(isGrant) ||
    new Set(file.slots.map((s) => s.id)).size !== file.slots.length
  ) {
    throw damaged('keyring has an unexpected shape');
  }
  const keyring: Keyring = {
    format: KEYRING_FORMAT,
    vaultId: file.vaultId,
    auditPublicKey: file.auditPublicKey,
    endorsementPublicKey: file.endorsementPublicKey ?? null,
    slots: file.slots,
    grants: file.grants,
  };
  if (checksumV2(keyring) !== file.checksum) throw damaged('keyring checksum does not match');
  return keyring;
}

export function keyringExists(paths: VaultPaths): boolean {
  return existsSync(paths.keyring);
}

/**
 * Writes the keyring atomically (temp file, fsync, rename). The current file
 * is first read and checked, so a damaged keyring is never silently replaced.
 * No copy of the old file is kept: it would still open for a removed slot.
 */
export function writeKeyring(paths: VaultPaths, keyring: Keyring, opts: { creating?: boolean } = {}): void {
  withFsErrors(() => {
    if (!opts.creating) readKeyring(paths);
    const file: KeyringFileV2 = {
      format: KEYRING_FORMAT,
      version: KEYRING_VERSION,
      vaultId: keyring.vaultId,
      auditPublicKey: keyring.auditPublicKey,
      ...(keyring.endorsementPublicKey ? { endorsementPublicKey: keyring.endorsementPublicKey } : {}),
      slots: keyring.slots,
      grants: keyring.grants,
      checksum: checksumV2(keyring),
    };
    writeFileAtomicSync(paths.keyring, JSON.stringify(file, null, 2));
    removeOldKeyringCopies(paths);
  });
}

/**
 * Deletes keyring.prev.json (earlier builds kept one, with the slots of removed
 * staff and old passwords) and temp files of a keyring write cut short.
 */
export function removeOldKeyringCopies(paths: VaultPaths): void {
  rmSync(join(paths.dir, PREVIOUS_KEYRING_FILE), { force: true });
  const tempPrefix = `${basename(paths.keyring)}.tmp-`;
  for (const name of readdirSync(paths.dir)) {
    if (name.startsWith(tempPrefix)) rmSync(join(paths.dir, name), { force: true });
  }
}

export function findStaffSlotByUsername(keyring: Keyring, username: string): KeySlot | undefined {
  const wanted = username.toLowerCase();
  return keyring.slots.find((s) => s.kind === 'staff' && s.username === wanted);
}

export function findStaffSlot(keyring: Keyring, staffId: string): KeySlot | undefined {
  return keyring.slots.find((s) => s.kind === 'staff' && s.staffId === staffId);
}

export function findRecoverySlot(keyring: Keyring): KeySlot | undefined {
  return keyring.slots.find((s) => s.kind === 'recovery');
}

export function grantsOf(keyring: Keyring, slotId: string): Grant[] {
  return keyring.grants.filter((g) => g.slotId === slotId);
}

/** The database key versions granted anywhere, newest first (two only while a rotation is unfinished). */
export function databaseVersions(keyring: Keyring): number[] {
  const versions = new Set(keyring.grants.filter((g) => g.key === 'database').map((g) => g.version));
  return [...versions].sort((a, b) => b - a);
}

function isSameHolder(a: KeySlot, b: Pick<KeySlot, 'kind' | 'staffId'>): boolean {
  return a.kind === b.kind && (a.kind === 'recovery' || a.staffId === b.staffId);
}

/** The keyring with one holder's slot (a member of staff, or the recovery key) replaced or added, with its grants. */
export function withSlot(keyring: Keyring, slot: KeySlot, grants: Grant[]): Keyring {
  const gone = new Set(keyring.slots.filter((s) => isSameHolder(s, slot)).map((s) => s.id));
  return {
    ...keyring,
    slots: [...keyring.slots.filter((s) => !gone.has(s.id)), slot],
    grants: [...keyring.grants.filter((g) => !gone.has(g.slotId)), ...grants],
  };
}

/** What issuing a slot produced: the slot, its grants, and the endorsement key's public half when an owner endorsed it. */
export interface IssuedSlot {
  slot: KeySlot;
  grants: Grant[];
  endorsementPublicKey: string | null;
}

/**
 * withSlot for a newly issued slot. An owner's endorsement also records the
 * key that checks it: derived from the session's own audit seed, so it is
 * right whatever the file said (keyrings from before endorsements lack it).
 */
export function withIssuedSlot(keyring: Keyring, issued: IssuedSlot): Keyring {
  return { ...withSlot(keyring, issued.slot, issued.grants), endorsementPublicKey: issued.endorsementPublicKey ?? keyring.endorsementPublicKey };
}

/** The keyring without a member of staff's slot and every grant sealed to it. */
export function withoutStaffSlot(keyring: Keyring, staffId: string): Keyring {
  const gone = new Set(keyring.slots.filter((s) => s.kind === 'staff' && s.staffId === staffId).map((s) => s.id));
  return {
    ...keyring,
    slots: keyring.slots.filter((s) => !gone.has(s.id)),
    grants: keyring.grants.filter((g) => !gone.has(g.slotId)),
  };
}
