/**
 * Where slot endorsements are checked (endorsement.ts, docs/key-hierarchy.md):
 *  - at sign-in and recovery, the slot being opened: one whose endorsement
 *    fails is reported as a damaged keyring for that person only;
 *  - before an owner session grants a key to slots already in the keyring (a
 *    database key rotation): every slot must carry an endorsement that checks
 *    against the key derived from the session's own audit seed, which no edit
 *    of keyring.json can change. Otherwise nothing is written and the owner is
 *    told whose password to reset (a reset replaces the slot, so it is the remedy).
 */
import type { KeyObject } from 'node:crypto';
import { AppError } from '../../contract/errors';
import { anchorFromKeyring, rawPublic, slotTrust, vaultEndorsementKey } from './endorsement';
import type { Keyring, KeySlot } from './keyring';
import type { OpenVault } from './open-vault';
import type { UnlockedSlot } from './slots';
import { ed25519SeedOf } from '../crypto/vault-keys';

/**
 * At sign-in: the slot just opened must not carry a failing endorsement. A
 * session holding the audit seed checks against the key derived from it (and
 * the keyring's copy must agree); any other checks against the keyring's copy.
 * Slots without an endorsement (made before endorsements, or by a legacy
 * conversion) still sign in; no owner action trusts them (requireEndorsedSlots).
 */
export function requireSlotNotAltered(keyring: Keyring, unlocked: UnlockedSlot): void {
  if (unlocked.slot.format !== 'x25519') return;
  let anchor = anchorFromKeyring(keyring.endorsementPublicKey);
  if (unlocked.auditSeed) {
    const own = vaultEndorsementKey(keyring.vaultId, unlocked.auditSeed).publicKey;
    if (keyring.endorsementPublicKey !== null && keyring.endorsementPublicKey !== rawPublic(own)) throw new AppError('KEYRING_DAMAGED');
    anchor = own;
  }
  if (slotTrust(keyring.vaultId, unlocked.slot, anchor) === 'altered') throw new AppError('KEYRING_DAMAGED');
}

function whoseSlot(vault: OpenVault, slot: KeySlot): string {
  if (slot.kind === 'recovery') return 'the recovery key';
  const member = slot.staffId ? vault.staff.get(slot.staffId) : undefined;
  return member ? member.displayName : 'A member of staff';
}

/**
 * Why an owner session must not grant to this keyring's slots, naming each
 * member whose slot fails, or null when every slot is endorsed.
 */
export function unendorsedSlotProblem(vault: OpenVault, keyring: Keyring, anchor: KeyObject): string | null {
  const failing = keyring.slots.flatMap((slot) => {
    if (slot.format !== 'x25519') return []; // legacy slots are refused separately (key-rotation.ts)
    const trust = slotTrust(keyring.vaultId, slot, anchor);
    return trust === 'endorsed' ? [] : [{ slot, trust, who: whoseSlot(vault, slot) }];
  });
  if (failing.length === 0) return null;
  if (failing.length === 1) {
    const { slot, trust, who } = failing[0]!;
    const remedy = slot.kind === 'recovery' ? 'issue a new recovery key (Settings, Recovery key)' : `reset ${who}’s password`;
    const what = trust === 'altered' ? 'key slot has been altered' : 'key slot was made before key slots were signed';
    const sentence = `${who}’s ${what}: ${remedy} before changing the key. Nothing has been changed.`;
    return slot.kind === 'recovery' ? sentence.charAt(0).toUpperCase() + sentence.slice(1) : sentence; // names keep their own spelling
  }
  const names = failing.map((f) => (f.trust === 'altered' ? `${f.who} (altered)` : f.who)).join(', ');
  const recovery = failing.some((f) => f.slot.kind === 'recovery') ? ', and issue a new recovery key (Settings, Recovery key),' : '';
  return `These key slots cannot be trusted with the new key: ${names}. Reset those members’ passwords${recovery} before changing the key. Nothing has been changed.`;
}

/** The anchor an owner session checks endorsements with: derived from its own audit seed. Null if it holds none. */
export function ownerAnchor(vault: OpenVault): KeyObject | null {
  if (!vault.keys.auditSigning) return null;
  const seed = ed25519SeedOf(vault.keys.auditSigning);
  try {
    return vaultEndorsementKey(vault.vaultId, seed).publicKey;
  } finally {
    seed.fill(0);
  }
}

/** Throws CONFLICT, naming the member, unless every slot of `keyring` is endorsed for this owner session. */
export function requireEndorsedSlots(vault: OpenVault, keyring: Keyring): void {
  const anchor = ownerAnchor(vault);
  if (!anchor) {
    throw new AppError('CONFLICT', 'Your key does not hold the clinic’s signing key, so it cannot change the database key. Ask another owner to reset your password, then try again. Nothing has been changed.');
  }
  const problem = unendorsedSlotProblem(vault, keyring, anchor);
  if (problem) throw new AppError('CONFLICT', problem);
}
