/**
 * Replacing the recovery key: when the printed copy is lost, or set-up was
 * interrupted before the owner confirmed storing it, or a vault from an
 * earlier version still has its old recovery slot (which opens the database
 * key only). The owner proves who they are with their password; the new slot
 * gets a new key pair and every key the owner's session holds, and the old
 * key stops working the moment the new slot is written.
 */
import { AppError } from '../../contract/errors';
import type { StaffContext } from './staff-context';
import { newScryptParams } from './kdf';
import { findStaffSlot, readKeyring, withIssuedSlot, writeKeyring } from './keyring';
import { generateRecoveryKey } from './recovery-key';
import { grantableKeysOf, issueSlot, unlockSlot, wipeUnlocked } from './slots';

export async function reissueRecoveryKey(ctx: StaffContext, password: string): Promise<{ recoveryKey: string }> {
  const { vault, session } = ctx;
  const keyring = readKeyring(vault.paths);
  const own = findStaffSlot(keyring, session.staff.id);
  const check = own ? await unlockSlot(keyring, own, password) : null;
  if (!check) {
    throw new AppError('WRONG_CREDENTIALS', 'That is not your password.', {
      issues: [{ field: 'password', message: 'This is not your password.' }],
    });
  }
  wipeUnlocked(check);
  const recoveryKey = generateRecoveryKey();
  const held = grantableKeysOf(vault.keys, keyring);
  const issued = await issueSlot(
    keyring.vaultId,
    { kind: 'recovery', staffId: null, username: null, role: null },
    recoveryKey,
    held,
    newScryptParams(ctx.kdfCost),
    ctx.clock.now().toISOString(),
  ).finally(() => held.auditSeed?.fill(0));
  vault.db.transaction(() => {
    vault.settings.setFlag('recovery_key_pending', 'true');
    vault.audit.append({ staffId: session.staff.id, action: 'vault.recovery_key_reissued' });
    writeKeyring(vault.paths, withIssuedSlot(readKeyring(vault.paths), issued));
  })();
  return { recoveryKey };
}
