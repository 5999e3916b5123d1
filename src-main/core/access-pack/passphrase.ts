/**
 * The passphrase for a protected pack: five groups of four characters from an
 * alphabet with no look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B), easy to read out
 * over the phone ("K7PM, then 4XRT…"): 20 characters of 25 ≈ 93 bits, drawn
 * with crypto.randomInt (no modulo bias). Returned once and never stored.
 */
import { randomInt } from 'node:crypto';

const ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';

export function generatePassphrase(groups = 5, size = 4): string {
  const parts: string[] = [];
  for (let g = 0; g < groups; g++) {
    let part = '';
    for (let i = 0; i < size; i++) part += ALPHABET[randomInt(ALPHABET.length)];
    parts.push(part);
  }
  return parts.join('-');
}
