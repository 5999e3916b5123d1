/**
 * Staff changes that touch both the database and the keyring. The keyring is
 * written inside the database transaction, so if the keyring write fails the
 * staff change rolls back, and the two never disagree about who exists.
 */
import { AppError } from '../../shared/errors';
import type { ParsedInput } from '../../shared/schemas';
import type { StaffMember } from '../../shared/types';
import { newId } from '../ids';
import type { Clock, KdfCost } from '../ports';
import type { Session } from '../session/session';
import { newScryptParams } from '../vault/kdf';
import { findStaffSlotByUsername, makeSlot, readKeyring, unwrapSlot, withStaffSlot, withoutStaffSlot, writeKeyring } from '../vault/keyring';
import type { OpenVault } from '../vault/open-vault';

export interface StaffContext {
  vault: OpenVault;
  session: Session;
  clock: Clock;
  kdfCost: KdfCost;
}

async function slotFor(ctx: StaffContext, member: Pick<StaffMember, 'id' | 'username'>, password: string) {
  return makeSlot(
    ctx.vault.vaultId,
    ctx.vault.databaseKey,
    password,
    { kind: 'staff', staffId: member.id, username: member.username },
    newScryptParams(ctx.kdfCost),
    ctx.clock.now().toISOString(),
  );
}

export async function addStaff(ctx: StaffContext, input: ParsedInput<'staff.add'>): Promise<StaffMember> {
  const { vault } = ctx;
  if (vault.staff.activeByUsername(input.username)) {
    throw new AppError('CONFLICT', 'That username is already taken. Choose another.', {
      issues: [{ field: 'username', message: 'That username is already taken.' }],
    });
  }
  const member: StaffMember = {
    id: newId('st'),
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    createdAt: ctx.clock.now().toISOString(),
    removedAt: null,
  };
  const slot = await slotFor(ctx, member, input.password);
  vault.db.transaction(() => {
    vault.staff.insert(member);
    vault.audit.append({ staffId: ctx.session.staff.id, action: 'staff.added', subjectType: 'staff', subjectId: member.id, detail: { role: member.role } });
    writeKeyring(vault.paths, withStaffSlot(readKeyring(vault.paths), slot));
  })();
  return member;
}

export function removeStaff(ctx: StaffContext, staffId: string): void {
  const { vault } = ctx;
  const member = vault.staff.get(staffId);
  if (!member || member.removedAt) throw new AppError('NOT_FOUND');
  if (member.id === ctx.session.staff.id) {
    throw new AppError('CONFLICT', 'You cannot remove your own account. Ask another owner to do it.');
  }
  if (member.role === 'owner' && vault.staff.countActiveOwners() <= 1) throw new AppError('LAST_OWNER');
  vault.db.transaction(() => {
    vault.staff.markRemoved(member.id, ctx.clock.now().toISOString());
    vault.audit.append({ staffId: ctx.session.staff.id, action: 'staff.removed', subjectType: 'staff', subjectId: member.id });
    writeKeyring(vault.paths, withoutStaffSlot(readKeyring(vault.paths), member.id));
  })();
}

/** The owner sets a new password for someone who has forgotten theirs. */
export async function resetPassword(ctx: StaffContext, staffId: string, newPassword: string): Promise<void> {
  const { vault } = ctx;
  const member = vault.staff.get(staffId);
  if (!member || member.removedAt) throw new AppError('NOT_FOUND');
  const slot = await slotFor(ctx, member, newPassword);
  vault.db.transaction(() => {
    vault.audit.append({ staffId: ctx.session.staff.id, action: 'staff.password_reset', subjectType: 'staff', subjectId: member.id });
    writeKeyring(vault.paths, withStaffSlot(readKeyring(vault.paths), slot));
  })();
}

/** Anyone may change their own password, proving they know the current one. */
export async function changeOwnPassword(ctx: StaffContext, currentPassword: string, newPassword: string): Promise<void> {
  const { vault, session } = ctx;
  const keyring = readKeyring(vault.paths);
  const current = findStaffSlotByUsername(keyring, session.staff.username);
  const key = current ? await unwrapSlot(keyring.vaultId, current, currentPassword) : null;
  if (!key) {
    throw new AppError('WRONG_CREDENTIALS', 'Your current password is not correct.', {
      issues: [{ field: 'currentPassword', message: 'This is not your current password.' }],
    });
  }
  key.fill(0);
  const slot = await slotFor(ctx, session.staff, newPassword);
  vault.db.transaction(() => {
    vault.audit.append({ staffId: session.staff.id, action: 'staff.password_changed', subjectType: 'staff', subjectId: session.staff.id });
    writeKeyring(vault.paths, withStaffSlot(readKeyring(vault.paths), slot));
  })();
}
