/**
 * The recovery key: 160 random bits written as 32 Crockford base32 characters
 * in eight groups of four, easy to print, read aloud and type back. Crockford's
 * alphabet has no I, L, O or U, and we read those as 1, 1, 0 and V when parsing,
 * so a handwritten copy still works.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUP = 4;
const LENGTH = 32; // 32 chars x 5 bits = 160 bits

export function generateRecoveryKey(): string {
  const bytes = randomBytes(LENGTH);
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
  return formatRecoveryKey(chars);
}

export function formatRecoveryKey(chars: string): string {
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += GROUP) groups.push(chars.slice(i, i + GROUP));
  return groups.join('-');
}

/** Normalises what someone typed; null when it cannot be a recovery key. */
export function normaliseRecoveryKey(typed: string): string | null {
  const cleaned = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0')
    .replace(/U/g, 'V');
  if (cleaned.length !== LENGTH) return null;
  for (const c of cleaned) if (!ALPHABET.includes(c)) return null;
  return formatRecoveryKey(cleaned);
}
