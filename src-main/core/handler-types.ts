/**
 * The shape of a contract handler. Each domain exports a `HandlersFor<...>`
 * object for its methods; handlers.ts merges them into one map typed over every
 * method, so a method without a handler fails to compile.
 */
import type { MethodOutput } from '../contract/api';
import type { Permission } from '../contract/permissions';
import type { Method, ParsedInput } from '../contract/schemas';
import type { ClinicCore } from './clinic-core';
import type { CallContext } from './platform/ports';
import type { Session } from './session/session';
import type { OpenVault } from './vault/open-vault';

export interface SignedInContext {
  core: ClinicCore;
  vault: OpenVault;
  session: Session;
  /** The call's progress and stop signal (platform/ports.ts); the dispatcher always sets it, helpers that build a context may not. */
  call?: CallContext;
}

type Result<M extends Method> = MethodOutput<M> | Promise<MethodOutput<M>>;

/**
 * `access` is checked by the dispatcher before `run` is called, so no handler
 * can forget it: 'public' needs nobody signed in, 'signed-in' anyone, and a
 * Permission needs a role that has it (contract/permissions.ts).
 */
export type HandlerDef<M extends Method> =
  | { access: 'public'; run(core: ClinicCore, input: ParsedInput<M>): Result<M> }
  | { access: 'signed-in' | Permission; run(ctx: SignedInContext, input: ParsedInput<M>): Result<M> };

export type HandlersFor<K extends Method> = { [M in K]: HandlerDef<M> };
export type Handlers = HandlersFor<Method>;
