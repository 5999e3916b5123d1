/**
 * Version-1 keyrings (earlier builds: every slot wrapped the database key
 * itself) keep opening. At each person's first sign-in their legacy slot is
 * replaced by a key pair with a `database` grant. The first owner to sign in
 * also creates the clinical and audit signing keys, granted to their new slot,
 * and the owner is asked to issue a new recovery key (the old recovery slot
 * still opens the database only, until then). Anyone converted before that
 * (or by a session without the clinical key) gets the clinical key when the
 * owner next resets their password; the staff list says so.
 * See docs/key-hierarchy.md, "Vaults from earlier versions".
 */
import type { StaffMember } from '../../contract/types';
import type { Clock, KdfCost } from '../platform/ports';
import { newScryptParams } from './kdf';
import { type Keyring, type LegacySlot, readKeyring, withIssuedSlot, writeKeyring } from './keyring';
import type { OpenVault } from './open-vault';
import { type GrantableKeys, grantableKeysOf, issueSlot } from './slots';
import { ed25519FromSeed, ed25519RawPublic, newVaultSecrets } from '../crypto/vault-keys';
import { reopenHolding } from './vault-lifecycle';

export interface ConversionContext {
  clock: Clock;
  kdfCost: KdfCost;
}

/**
 * The clinical and signing keys, created now if the vault has none yet (a
 * version-1 vault) and the session may hold them; null otherwise.
 */
export function createMissingVaultKeys(keyring: Keyring, role: StaffMember['role']): { clinical: Buffer; auditSeed: Buffer; auditPublicKey: string } | null {
  if (keyring.auditPublicKey !== null || role !== 'owner') return null;
  const { clinical, auditSeed, database } = newVaultSecrets();
  database.fill(0);
  return { clinical, auditSeed, auditPublicKey: ed25519RawPublic(ed25519FromSeed(auditSeed).publicKey).toString('base64') };
}

/**
 * A new key pair for one member of staff, granted the keys the session holds,
 * plus the clinical and signing keys when this session creates them
 * (createMissingVaultKeys). Shared by a legacy conversion and a recovery.
 */
export async function issueSlotCreatingMissingKeys(
  ctx: ConversionContext,
  vault: OpenVault,
  keyring: Keyring,
  member: { staffId: string; username: string | null; role: StaffMember['role'] },
  password: string,
) {
  const held: GrantableKeys = grantableKeysOf(vault.keys, keyring);
  const created = createMissingVaultKeys(keyring, member.role);
  if (created) {
    held.clinical = created.clinical;
    held.auditSeed = created.auditSeed;
  }
  const issued = await issueSlot(
    keyring.vaultId,
    { kind: 'staff', staffId: member.staffId, username: member.username, role: member.role },
    password,
    held,
    newScryptParams(ctx.kdfCost),
    ctx.clock.now().toISOString(),
  );
  return { held, created, issued };
}

/**
 * Replaces the legacy slot `staff` just opened with their password by a key
 * pair. Returns the vault the session should use: the same one, or when the
 * vault's clinical and signing keys were created here, the database reopened
 * with them in the session's keys.
 */
export async function convertLegacySlot(
  ctx: ConversionContext,
  vault: OpenVault,
  legacy: LegacySlot,
  staff: StaffMember,
  password: string,
): Promise<OpenVault> {
  const keyring = readKeyring(vault.paths);
  const { held, created, issued } = await issueSlotCreatingMissingKeys(ctx, vault, keyring, { staffId: staff.id, username: legacy.username, role: staff.role }, password);
  vault.db.transaction(() => {
    if (created) vault.settings.setFlag('recovery_key_pending', 'true');
    vault.audit.append({
      staffId: staff.id,
      action: 'vault.key_slot_converted',
      subjectType: 'staff',
      subjectId: staff.id,
      detail: { keysCreated: created !== null },
    });
    const latest = readKeyring(vault.paths);
    writeKeyring(vault.paths, { ...withIssuedSlot(latest, issued), auditPublicKey: created?.auditPublicKey ?? latest.auditPublicKey });
  })();
  if (!created) return vault;
  try {
    return reopenHolding(vault, held, ctx.clock);
  } finally {
    created.clinical.fill(0);
    created.auditSeed.fill(0);
  }
}
