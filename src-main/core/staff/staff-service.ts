/**
 * Staff changes that touch both the database and the keyring. The keyring is
 * written inside the database transaction, so if the keyring write fails the
 * staff change rolls back, and the two never disagree about who exists.
 *
 * Every new password gets a new key pair (docs/key-hierarchy.md): an old
 * password, even with an old copy of keyring.json, opens no current slot.
 */
import { AppError } from '../../contract/errors';
import type { ParsedInput } from '../../contract/schemas';
import type { StaffListEntry, StaffMember } from '../../contract/types';
import { newId } from '../platform/ids';
import { newScryptParams } from '../vault/kdf';
import { type Keyring, findStaffSlot, grantsOf, readKeyring, withIssuedSlot, withoutStaffSlot, writeKeyring } from '../vault/keyring';
import type { StaffContext } from '../vault/staff-context';
import { requireRotationPossible } from '../vault/key-rotation';
import { type GrantableKeys, grantableKeysOf, holderEndorsing, issueSlot, unlockSlot, wipeUnlocked } from '../vault/slots';

/**
 * A new key pair for member, granted what their role allows of the keys this
 * session holds, and endorsed by it (an owner session), or by the member
 * themselves at their own password change (`holder`, endorsement.ts).
 */
async function slotFor(ctx: StaffContext, member: Pick<StaffMember, 'id' | 'username' | 'role'>, password: string, holder: GrantableKeys['holder'] = null) {
  const keyring = readKeyring(ctx.vault.paths);
  const held = { ...grantableKeysOf(ctx.vault.keys, keyring), holder };
  try {
    return await issueSlot(
      keyring.vaultId,
      { kind: 'staff', staffId: member.id, username: member.username, role: member.role },
      password,
      held,
      newScryptParams(ctx.kdfCost),
      ctx.clock.now().toISOString(),
    );
  } finally {
    held.auditSeed?.fill(0);
    holder?.seed.fill(0);
  }
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
  const issued = await slotFor(ctx, member, input.password);
  vault.db.transaction(() => {
    vault.staff.insert(member);
    vault.audit.append({ staffId: ctx.session.staff.id, action: 'staff.added', subjectType: 'staff', subjectId: member.id, detail: { role: member.role } });
    writeKeyring(vault.paths, withIssuedSlot(readKeyring(vault.paths), issued));
  })();
  return member;
}

/**
 * Removes a member: their slot and every grant to it leave the keyring. With
 * `rotating`, the caller rotates the database key next, so first check that it
 * can (before anything changes).
 */
export function removeStaff(ctx: StaffContext, staffId: string, opts: { rotating?: boolean } = {}): void {
  const { vault } = ctx;
  const member = vault.staff.get(staffId);
  if (!member || member.removedAt) throw new AppError('NOT_FOUND');
  if (member.id === ctx.session.staff.id) {
    throw new AppError('CONFLICT', 'You cannot remove your own account. Ask another owner to do it.');
  }
  if (member.role === 'owner' && vault.staff.countActiveOwners() <= 1) throw new AppError('LAST_OWNER');
  if (opts.rotating) requireRotationPossible(vault, withoutStaffSlot(readKeyring(vault.paths), member.id));
  vault.db.transaction(() => {
    vault.staff.markRemoved(member.id, ctx.clock.now().toISOString());
    vault.audit.append({ staffId: ctx.session.staff.id, action: 'staff.removed', subjectType: 'staff', subjectId: member.id });
    writeKeyring(vault.paths, withoutStaffSlot(readKeyring(vault.paths), member.id));
  })();
}

/**
 * The owner sets a new password for someone who has forgotten theirs. The new
 * slot replaces whatever the keyring held for them, so this is also the
 * remedy for a slot whose endorsement fails (its old slot is not checked).
 */
export async function resetPassword(ctx: StaffContext, staffId: string, newPassword: string): Promise<void> {
  const { vault } = ctx;
  const member = vault.staff.get(staffId);
  if (!member || member.removedAt) throw new AppError('NOT_FOUND');
  const issued = await slotFor(ctx, member, newPassword);
  vault.db.transaction(() => {
    vault.audit.append({ staffId: ctx.session.staff.id, action: 'staff.password_reset', subjectType: 'staff', subjectId: member.id });
    writeKeyring(vault.paths, withIssuedSlot(readKeyring(vault.paths), issued));
  })();
}

/** Anyone may change their own password, proving they know the current one. */
export async function changeOwnPassword(ctx: StaffContext, currentPassword: string, newPassword: string): Promise<void> {
  const { vault, session } = ctx;
  const keyring = readKeyring(vault.paths);
  const current = findStaffSlot(keyring, session.staff.id);
  const opened = current ? await unlockSlot(keyring, current, currentPassword) : null;
  if (!opened) {
    throw new AppError('WRONG_CREDENTIALS', 'Your current password is not correct.', {
      issues: [{ field: 'currentPassword', message: 'This is not your current password.' }],
    });
  }
  let holder: GrantableKeys['holder'];
  try {
    holder = holderEndorsing(opened);
  } finally {
    wipeUnlocked(opened);
  }
  const issued = await slotFor(ctx, session.staff, newPassword, holder);
  vault.db.transaction(() => {
    vault.audit.append({ staffId: session.staff.id, action: 'staff.password_changed', subjectType: 'staff', subjectId: session.staff.id });
    writeKeyring(vault.paths, withIssuedSlot(readKeyring(vault.paths), issued));
  })();
}

/** The staff list still shows while the keyring is damaged (which is reported where it matters). */
function readKeyringOrNull(paths: StaffContext['vault']['paths']): Keyring | null {
  try {
    return readKeyring(paths);
  } catch (err) {
    if (err instanceof AppError && err.code === 'KEYRING_DAMAGED') return null;
    throw err;
  }
}

/**
 * Everyone, with whether their key slot lacks the clinical key their role
 * should hold: a member converted from an earlier version's keyring before
 * the clinic had a clinical key. The owner resetting their password fixes it.
 */
export function listStaff(ctx: Pick<StaffContext, 'vault'>): StaffListEntry[] {
  const keyring = readKeyringOrNull(ctx.vault.paths);
  if (!keyring) return ctx.vault.staff.list().map((m) => ({ ...m, needsPasswordResetForClinical: false }));
  const clinicHasClinicalKey = keyring.grants.some((g) => g.key === 'clinical');
  return ctx.vault.staff.list().map((m) => {
    const slot = m.removedAt ? undefined : findStaffSlot(keyring, m.id);
    const holdsClinical = slot ? grantsOf(keyring, slot.id).some((g) => g.key === 'clinical') : false;
    const needsPasswordResetForClinical = slot !== undefined && m.role !== 'reception' && clinicHasClinicalKey && !holdsClinical;
    return { ...m, needsPasswordResetForClinical };
  });
}
