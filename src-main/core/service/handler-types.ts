/**
 * The shape of a domain's contract handlers. Each domain exports a
 * `HandlersFor<...>` object for its methods; handlers.ts merges them into one
 * map typed over every method (handler-types.ts at the core's root), so a
 * method without a handler fails to compile.
 *
 * A domain handler sees only a HandlerContext: the parts of a signed-in call a
 * service context is made from (`serviceContext(ctx)`), and of the core only
 * the clock, logger, progress and idle timer. It cannot lock the app, sign
 * anyone in or rotate a key; those handlers live in the root handlers.ts. The
 * root's SignedInContext fits this shape, so the dispatcher passes it as it is.
 */
import type { MethodOutput } from '../../contract/api';
import type { Permission } from '../../contract/permissions';
import type { Method, ParsedInput } from '../../contract/schemas';
import type { ProgressSink } from '../platform/ports';
import type { ServiceContextSource } from './service-context';

export interface HandlerContext extends ServiceContextSource {
  core: ServiceContextSource['core'] & {
    /** Where a long call's progress goes besides the call itself (the CLI prints it). */
    progress: ProgressSink;
    /** Counts as activity, so a long call does not idle into an automatic lock. */
    touch(): void;
  };
}

type Result<M extends Method> = MethodOutput<M> | Promise<MethodOutput<M>>;

/** `access` is checked by the dispatcher before `run` is called (a Permission needs a role that has it, contract/permissions.ts). */
export interface DomainHandlerDef<M extends Method> {
  access: 'signed-in' | Permission;
  run(ctx: HandlerContext, input: ParsedInput<M>): Result<M>;
}

export type HandlersFor<K extends Method> = { [M in K]: DomainHandlerDef<M> };
