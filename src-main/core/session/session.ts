import { permissionsOf, type Permission, can } from '../../contract/permissions';
import { AppError } from '../../contract/errors';
import type { SessionInfo, SessionWarning, StaffMember } from '../../contract/types';

/** Who is signed in, since when, and when they last did something (for auto-lock). */
export interface Session {
  staff: StaffMember;
  signedInAt: string;
  lastActivityMs: number;
}

export function sessionInfo(session: Session, autoLockMinutes: number, warnings: SessionWarning[] = []): SessionInfo {
  return {
    staffId: session.staff.id,
    username: session.staff.username,
    displayName: session.staff.displayName,
    role: session.staff.role,
    permissions: permissionsOf(session.staff.role),
    signedInAt: session.signedInAt,
    autoLockMinutes,
    warnings,
  };
}

/** The one permission check: enforced in the core on every call, whatever the UI shows. */
export function requirePermission(session: Pick<Session, 'staff'>, permission: Permission): void {
  if (!can(session.staff.role, permission)) throw new AppError('FORBIDDEN');
}

/** Pure: has the session been idle for longer than the auto-lock period? */
export function isIdleExpired(session: Session, nowMs: number, autoLockMinutes: number): boolean {
  return nowMs - session.lastActivityMs >= autoLockMinutes * 60_000;
}
