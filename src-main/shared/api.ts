/**
 * The one contract between the renderer and the app. Every call the renderer
 * can make is listed here with its output type; its input type comes from the
 * schema of the same name, so a method missing from either side fails to compile.
 */
import type { ApiResult } from './errors';
import type { Method, MethodInput } from './schemas';
import type {
  AppStatus,
  AuditPage,
  AuditVerifyResult,
  ClinicSettings,
  SessionInfo,
  SetupResult,
  StaffMember,
  VaultVerifyResult,
} from './types';

export interface MethodOutputs {
  'app.status': AppStatus;
  'vault.setup': SetupResult;
  'vault.confirmRecoveryKey': void;
  'vault.verify': VaultVerifyResult;
  'vault.reissueRecoveryKey': { recoveryKey: string };
  'session.signIn': SessionInfo;
  'session.recover': SessionInfo;
  'session.signOut': void;
  'session.lock': void;
  'session.touch': void;
  'session.changePassword': void;
  'staff.list': StaffMember[];
  'staff.add': StaffMember;
  'staff.remove': void;
  'staff.resetPassword': void;
  'settings.get': ClinicSettings;
  'settings.update': ClinicSettings;
  'audit.list': AuditPage;
  'audit.verify': AuditVerifyResult;
}

// Compile-time check that outputs and schemas list the same methods.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const CONTRACT_COMPLETE: Same<keyof MethodOutputs, Method> = true;

export type MethodOutput<M extends Method> = MethodOutputs[M];

/**
 * What the preload exposes as `window.clinic` (and what the browser host
 * imitates over HTTP). A single entry point keeps the exposed surface to one
 * function whose argument is validated on the other side.
 */
export interface ClinicBridge {
  call<M extends Method>(method: M, input: MethodInput<M>): Promise<ApiResult<MethodOutput<M>>>;
}

/** The IPC channel the preload uses. */
export const IPC_CHANNEL = 'clinic:call';
