/**
 * Replacing the recovery key: when the printed copy is lost, or set-up was
 * interrupted before the owner confirmed storing it. The owner proves who they
 * are with their password; the old key stops working the moment the new slot
 * is written.
 */
import { AppError } from '../../shared/errors';
import type { StaffContext } from '../staff/staff-service';
import { newScryptParams } from './kdf';
import { findStaffSlotByUsername, makeSlot, readKeyring, unwrapSlot, writeKeyring } from './keyring';
import { generateRecoveryKey } from './recovery-key';

export async function reissueRecoveryKey(ctx: StaffContext, password: string): Promise<{ recoveryKey: string }> {
  const { vault, session } = ctx;
  const keyring = readKeyring(vault.paths);
  const own = findStaffSlotByUsername(keyring, session.staff.username);
  const check = own ? await unwrapSlot(keyring.vaultId, own, password) : null;
  if (!check) {
    throw new AppError('WRONG_CREDENTIALS', 'That is not your password.', {
      issues: [{ field: 'password', message: 'This is not your password.' }],
    });
  }
  check.fill(0);
  const recoveryKey = generateRecoveryKey();
  const slot = await makeSlot(
    keyring.vaultId,
    vault.databaseKey,
    recoveryKey,
    { kind: 'recovery', staffId: null, username: null },
    newScryptParams(ctx.kdfCost),
    ctx.clock.now().toISOString(),
  );
  vault.db.transaction(() => {
    vault.settings.setFlag('recovery_key_pending', 'true');
    vault.audit.append({ staffId: session.staff.id, action: 'vault.recovery_key_reissued' });
    const current = readKeyring(vault.paths);
    writeKeyring(vault.paths, { ...current, slots: [...current.slots.filter((s) => s.kind !== 'recovery'), slot] });
  })();
  return { recoveryKey };
}
