/**
 * The core's one entry point. Electron's IPC handler, the browser host and the
 * CLI all call `dispatch`, which validates the method and its input, enforces
 * the session and the role's permission, runs the handler and returns an
 * ApiResult. It never throws, and never lets an unexpected error's text out.
 */
import type { ZodError } from 'zod';
import { AppError, type ApiResult, type FieldIssue, toErrorPayload } from '../contract/errors';
import type { MethodInput, Method } from '../contract/schemas';
import type { MethodOutput } from '../contract/api';
import { isMethod, schemas } from '../contract/schemas';
import { ClinicCore } from './clinic-core';
import { PASSIVE_METHODS, handlers } from './handlers';
import type { HandlerDef } from './handler-types';
import type { CallContext, CallOptions, CoreOptions } from './platform/ports';
import { CallProgressRouter, isAbort } from './call-progress';
import { requirePermission } from './session/session';
import { maxUploadBytes, stageUpload } from './uploads/stage-upload';
import type { Readable } from 'node:stream';
import type { UploadReceipt } from '../contract/record-types';
import { serviceContext } from './service/service-context';
import { refuseDestroyedClient } from './retention/destroyed-clients';

export interface CoreApi {
  /**
   * Validates the method name and input, runs it, never throws. `options` carries
   * the call's progress listener and stop signal (platform/ports.ts, CallOptions); a call
   * stopped by its signal answers CANCELLED.
   */
  dispatch(method: string, input: unknown, options?: CallOptions): Promise<ApiResult<unknown>>;
  /**
   * Streams a file's bytes (photo, scanned form) into the encrypted file store as
   * a staged upload for the signed-in member of staff. Never throws.
   */
  upload(source: Readable | Buffer | Uint8Array, meta: { fileName: string }): Promise<ApiResult<UploadReceipt>>;
  /** The signed-in clinic's upload limit in bytes, or null when nobody is signed in (the browser host refuses early with it). */
  uploadLimit(): Promise<number | null>;
  /** Typed convenience for the CLI, tests and the benchmark: throws AppError on failure. */
  call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** The state machine underneath, for the CLI and tests. */
  readonly core: ClinicCore;
  close(): void;
}

export type ClinicCoreApi = CoreApi;

function zodIssues(err: ZodError): FieldIssue[] {
  return err.issues.map((i) => ({ field: i.path.map(String).join('.') || 'input', message: i.message }));
}

export function parseInput<M extends Method>(method: M, input: unknown) {
  const result = schemas[method].safeParse(input ?? undefined);
  if (!result.success) {
    const issues = zodIssues(result.error);
    throw new AppError('VALIDATION', issues.map((i) => i.message).join(' '), { issues });
  }
  return result.data;
}

async function run<M extends Method>(core: ClinicCore, method: M, rawInput: unknown, call?: CallContext): Promise<MethodOutput<M>> {
  const input = parseInput(method, rawInput);
  const def = handlers[method] as HandlerDef<M>;
  if (def.access === 'public') return def.run(core, input as never);
  const { vault, session } = core.requireSession();
  core.refuseIfRollbackUnconfirmed(method);
  if (def.access !== 'signed-in') {
    try {
      requirePermission(session, def.access);
    } catch (err) {
      // A refused call is itself worth recording: it is how a misuse of the API shows.
      vault.audit.append({ staffId: session.staff.id, action: 'access.denied', detail: { method } });
      throw err;
    }
  }
  if (!PASSIVE_METHODS.has(method)) core.touch();
  // A record destroyed while open on another screen: say so, rather than "not found".
  refuseDestroyedClient(vault.db, input);
  return def.run({ core, vault, session, call }, input as never);
}

/** Opens the core on a vault folder: takes the folder's process lock (VAULT_IN_USE if held). */
export function openCore(options: CoreOptions): CoreApi {
  const router = new CallProgressRouter();
  const core = new ClinicCore({
    ...options,
    progress: (event) => {
      options.progress?.(event);
      router.fromTask(event);
    },
  });
  core.onRotationProgress((p) => router.fromRotation(p));
  return {
    core,
    async dispatch(method, input, callOptions) {
      const call = router.begin(method, callOptions);
      try {
        if (!isMethod(method)) throw new AppError('NOT_FOUND', 'That request is not known to this version of Clinic Vault.');
        call.context.signal.throwIfAborted();
        return { ok: true, value: await run(core, method, input, call.context) };
      } catch (err) {
        if (isAbort(err, call.context.signal)) return { ok: false, error: toErrorPayload(new AppError('CANCELLED')) };
        if (!(err instanceof AppError) || err.code === 'INTERNAL') {
          core.logger.error('request failed', { method, error: err instanceof Error ? err.stack : String(err) });
        }
        return { ok: false, error: toErrorPayload(err) };
      } finally {
        call.end();
      }
    },
    async upload(source, meta) {
      try {
        const { vault, session } = core.requireSession();
        core.refuseIfRollbackUnconfirmed('upload');
        core.touch();
        return { ok: true, value: await stageUpload(serviceContext({ core, vault, session }), source, meta) };
      } catch (err) {
        if (!(err instanceof AppError) || err.code === 'INTERNAL') {
          core.logger.error('upload failed', { error: err instanceof Error ? err.stack : String(err) });
        }
        return { ok: false, error: toErrorPayload(err) };
      }
    },
    async uploadLimit() {
      try {
        return maxUploadBytes(core.requireSession().vault);
      } catch {
        return null;
      }
    },
    call: (method, input) => run(core, method, input),
    close: () => core.close(),
  };
}
