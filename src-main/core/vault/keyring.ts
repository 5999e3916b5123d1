/**
 * The keyring: one slot per member of staff plus one for the recovery key.
 * Each slot holds the database key wrapped with AES-256-GCM under a key derived
 * from that person's password (scrypt). Changing a password rewrites one slot;
 * removing someone removes theirs. The file carries a checksum so accidental
 * damage is told apart from a wrong password, and a damaged keyring is reported,
 * never overwritten.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { AppError } from '../../shared/errors';
import { withFsErrors } from '../fs-errors';
import { writeFileAtomicSync } from './atomic-file';
import { areSaneParams, deriveKey, type ScryptParams } from './kdf';
import type { VaultPaths } from './vault-paths';

export const KEYRING_FORMAT = 'clinic-vault-keyring';
export const KEYRING_VERSION = 1;

export type SlotKind = 'staff' | 'recovery';

export interface KeySlot {
  kind: SlotKind;
  /** Set for staff slots; the recovery slot has none. */
  staffId: string | null;
  /** Lower-case username, so sign-in can find the slot before the database is open. */
  username: string | null;
  kdf: ScryptParams;
  iv: string;
  wrappedKey: string;
  tag: string;
  createdAt: string;
}

export interface Keyring {
  format: typeof KEYRING_FORMAT;
  version: number;
  vaultId: string;
  slots: KeySlot[];
}

interface KeyringFile extends Keyring {
  checksum: string;
}

function checksumOf(keyring: Keyring): string {
  const { format, version, vaultId, slots } = keyring;
  return createHash('sha256').update(JSON.stringify({ format, version, vaultId, slots })).digest('hex');
}

/** The associated data binds a wrapped key to its vault and its owner, so slots cannot be swapped. */
function aadFor(vaultId: string, kind: SlotKind, staffId: string | null): Buffer {
  return Buffer.from(`clinic-vault|${vaultId}|${kind}|${staffId ?? '-'}`, 'utf8');
}

export async function makeSlot(
  vaultId: string,
  databaseKey: Buffer,
  secret: string,
  owner: { kind: SlotKind; staffId: string | null; username: string | null },
  kdf: ScryptParams,
  createdAt: string,
): Promise<KeySlot> {
  const kek = await deriveKey(secret, kdf);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(aadFor(vaultId, owner.kind, owner.staffId));
  const wrapped = Buffer.concat([cipher.update(databaseKey), cipher.final()]);
  kek.fill(0);
  return {
    kind: owner.kind,
    staffId: owner.staffId,
    username: owner.username,
    kdf,
    iv: iv.toString('base64'),
    wrappedKey: wrapped.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    createdAt,
  };
}

/** Returns the database key, or null when the secret is wrong for this slot. */
export async function unwrapSlot(vaultId: string, slot: KeySlot, secret: string): Promise<Buffer | null> {
  const kek = await deriveKey(secret, slot.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.iv, 'base64'));
    decipher.setAAD(aadFor(vaultId, slot.kind, slot.staffId));
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(slot.wrappedKey, 'base64')), decipher.final()]);
  } catch {
    return null;
  } finally {
    kek.fill(0);
  }
}

function isSlot(value: unknown): value is KeySlot {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return (
    (s.kind === 'staff' || s.kind === 'recovery') &&
    (s.staffId === null || typeof s.staffId === 'string') &&
    (s.username === null || typeof s.username === 'string') &&
    typeof s.iv === 'string' &&
    typeof s.wrappedKey === 'string' &&
    typeof s.tag === 'string' &&
    typeof s.createdAt === 'string' &&
    typeof s.kdf === 'object' &&
    s.kdf !== null &&
    areSaneParams(s.kdf as ScryptParams)
  );
}

function damaged(detail: string, cause?: unknown): AppError {
  return new AppError('KEYRING_DAMAGED', undefined, { cause: cause ?? new Error(detail) });
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
  const file = parsed as Partial<KeyringFile>;
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    file.format !== KEYRING_FORMAT ||
    typeof file.version !== 'number' ||
    typeof file.vaultId !== 'string' ||
    !Array.isArray(file.slots) ||
    !file.slots.every(isSlot) ||
    typeof file.checksum !== 'string'
  ) {
    throw damaged('keyring has an unexpected shape');
  }
  if (file.version > KEYRING_VERSION) throw new AppError('VAULT_FROM_NEWER_VERSION');
  const keyring: Keyring = { format: file.format, version: file.version, vaultId: file.vaultId, slots: file.slots };
  if (checksumOf(keyring) !== file.checksum) throw damaged('keyring checksum does not match');
  return keyring;
}

export function keyringExists(paths: VaultPaths): boolean {
  return existsSync(paths.keyring);
}

/**
 * Writes the keyring atomically. The current file is first read and checked, so
 * a damaged keyring is never silently replaced, then kept as keyring.prev.json.
 */
export function writeKeyring(paths: VaultPaths, keyring: Keyring, opts: { creating?: boolean } = {}): void {
  withFsErrors(() => {
    if (!opts.creating) {
      readKeyring(paths);
      copyFileSync(paths.keyring, paths.keyringPrevious);
    }
    const file: KeyringFile = { ...keyring, checksum: checksumOf(keyring) };
    writeFileAtomicSync(paths.keyring, JSON.stringify(file, null, 2));
  });
}

export function findStaffSlotByUsername(keyring: Keyring, username: string): KeySlot | undefined {
  const wanted = username.toLowerCase();
  return keyring.slots.find((s) => s.kind === 'staff' && s.username === wanted);
}

export function findRecoverySlot(keyring: Keyring): KeySlot | undefined {
  return keyring.slots.find((s) => s.kind === 'recovery');
}

/** A keyring with the given staff member's slot replaced (or added). */
export function withStaffSlot(keyring: Keyring, slot: KeySlot): Keyring {
  const others = keyring.slots.filter((s) => !(s.kind === 'staff' && s.staffId === slot.staffId));
  return { ...keyring, slots: [...others, slot] };
}

export function withoutStaffSlot(keyring: Keyring, staffId: string): Keyring {
  return { ...keyring, slots: keyring.slots.filter((s) => !(s.kind === 'staff' && s.staffId === staffId)) };
}
