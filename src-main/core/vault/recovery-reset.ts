/**
 * The recovery key resetting an owner's password: the owner gets a new key
 * pair granted everything the recovery slot holds. A recovery slot from an
 * earlier version's keyring holds the database key only; if no owner has
 * signed in since the update either, the clinical and signing keys are created
 * here (as at an owner's first sign-in, legacy-conversion.ts).
 */
import type { StaffMember } from '../../contract/types';
import { readKeyring, withIssuedSlot, writeKeyring } from './keyring';
import { type ConversionContext, issueSlotCreatingMissingKeys } from './legacy-conversion';
import type { OpenVault } from './open-vault';
import { reopenHolding } from './vault-lifecycle';

export async function resetOwnerWithRecoveryKey(ctx: ConversionContext, vault: OpenVault, owner: StaffMember, newPassword: string): Promise<OpenVault> {
  const keyring = readKeyring(vault.paths);
  const { held, created, issued } = await issueSlotCreatingMissingKeys(ctx, vault, keyring, { staffId: owner.id, username: owner.username, role: owner.role }, newPassword);
  vault.db.transaction(() => {
    if (created) vault.settings.setFlag('recovery_key_pending', 'true');
    vault.audit.append({ staffId: owner.id, action: 'staff.password_recovered', subjectType: 'staff', subjectId: owner.id });
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
