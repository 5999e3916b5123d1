/**
 * The two ways a secret is wrapped in the keyring (docs/key-hierarchy.md):
 *  - a slot's X25519 private key, under AES-256-GCM with a key scrypt derived
 *    from a password or the recovery key;
 *  - a grant: a vault key sealed to a slot's X25519 public key (an ephemeral
 *    key pair, X25519, HKDF-SHA256, AES-256-GCM), which anyone can write for a
 *    slot but only that slot's private key can open.
 * The associated data binds each wrapped secret to where it belongs, so a
 * wrapped value copied to another slot, key name or version does not open.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';

/** AES-256-GCM output, each part base64. */
export interface Sealed {
  iv: string;
  data: string;
  tag: string;
}

export function sealWith(key: Buffer, plaintext: Buffer, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64'), data: data.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** The plaintext, or null when the key is wrong or anything was changed. */
export function openWith(key: Buffer, sealed: Sealed, aad: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

// DER prefixes for raw 32-byte X25519 keys (RFC 8410).
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

export interface RawKeyPair {
  /** 32 bytes */
  publicKey: Buffer;
  /** 32 bytes: wipe after use */
  privateKey: Buffer;
}

export function newX25519KeyPair(): RawKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).subarray(X25519_SPKI_PREFIX.length),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(X25519_PKCS8_PREFIX.length),
  };
}

export function x25519PrivateKey(raw: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, raw]), format: 'der', type: 'pkcs8' });
}

export function x25519PublicKey(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([X25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

export function rawPublicKeyOf(privateKey: KeyObject): Buffer {
  return createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(X25519_SPKI_PREFIX.length);
}

/** What a sealed grant's key derivation and associated data are bound to. */
export interface GrantBinding {
  vaultId: string;
  slotId: string;
  keyName: string;
  version: number;
}

function grantInfo(b: GrantBinding, ephemeralPublic: Buffer, slotPublic: Buffer): string {
  return [
    'clinic-vault-grant',
    b.vaultId,
    b.slotId,
    b.keyName,
    String(b.version),
    ephemeralPublic.toString('base64'),
    slotPublic.toString('base64'),
  ].join('|');
}

function grantKey(shared: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.alloc(0), Buffer.from(info, 'utf8'), 32));
}

export interface SealedToSlot {
  /** base64, 32 bytes */
  ephemeralPublicKey: string;
  sealed: Sealed;
}

/** Seals a secret so that only the holder of slotPublic's private key can open it. */
export function sealToPublicKey(binding: GrantBinding, slotPublic: Buffer, secret: Buffer): SealedToSlot {
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralRaw = ephemeral.publicKey.export({ format: 'der', type: 'spki' }).subarray(X25519_SPKI_PREFIX.length);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: x25519PublicKey(slotPublic) });
  const info = grantInfo(binding, ephemeralRaw, slotPublic);
  const key = grantKey(shared, info);
  shared.fill(0);
  try {
    return { ephemeralPublicKey: ephemeralRaw.toString('base64'), sealed: sealWith(key, secret, info) };
  } finally {
    key.fill(0);
  }
}

/** Opens a grant with the slot's private key; null if it was not sealed to this slot, or was changed. */
export function openFromPublicKey(binding: GrantBinding, slotPrivate: KeyObject, slotPublic: Buffer, grant: SealedToSlot): Buffer | null {
  let shared: Buffer;
  const ephemeralRaw = Buffer.from(grant.ephemeralPublicKey, 'base64');
  try {
    shared = diffieHellman({ privateKey: slotPrivate, publicKey: x25519PublicKey(ephemeralRaw) });
  } catch {
    return null;
  }
  const info = grantInfo(binding, ephemeralRaw, slotPublic);
  const key = grantKey(shared, info);
  shared.fill(0);
  try {
    return openWith(key, grant.sealed, info);
  } finally {
    key.fill(0);
  }
}
