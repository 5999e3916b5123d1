/**
 * Test support: makes the signed-in session hold no clinical key, as a
 * reception session does once the keyring hands keys out by role (only owner,
 * practitioner and recovery slots unwrap the clinical key; crypto/vault-keys.ts).
 * Until then crypto/vault-keys.ts placeholderKeys gives every session the key,
 * so tests of what reception can do without it take it away here. With the
 * real keyring in place this finds the key already null and changes nothing.
 */
import type { CoreApi } from '../app';

export function dropClinicalKey(api: CoreApi): void {
  const { vault } = api.core.requireSession();
  // The services read vault.keys on every call, so they see the change at once.
  (vault.keys as { clinical: Buffer | null }).clinical = null;
}
