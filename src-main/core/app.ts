/**
 * The core's one entry point. Electron's IPC handler, the browser host and the
 * CLI all call `dispatch`, which validates the method and its input, enforces
 * the session and the role's permission, runs the handler and returns an
 * ApiResult. It never throws, and never lets an unexpected error's text out.
 */
import type { ZodError } from 'zod';
import { AppError, type ApiResult, type FieldIssue, toErrorPayload } from '../shared/errors';
import type { MethodInput, Method } from '../shared/schemas';
import type { MethodOutput } from '../shared/api';
import { isMethod, schemas } from '../shared/schemas';
import { ClinicCore } from './clinic-core';
import { PASSIVE_METHODS, handlers } from './handlers';
import type { HandlerDef } from './handler-types';
import type { CoreOptions } from './ports';
import { requirePermission } from './session/session';
import { stageUpload } from './uploads/staging';
import type { Readable } from 'node:stream';
import type { UploadReceipt } from '../shared/record-types';

export interface CoreApi {
  /** Validates the method name and input, runs it, never throws. */
  dispatch(method: string, input: unknown): Promise<ApiResult<unknown>>;
  /**
   * Streams a file's bytes (photo, scanned form) into the encrypted file store as
   * a staged upload for the signed-in member of staff. Never throws.
   */
  upload(source: Readable | Buffer | Uint8Array, meta: { fileName: string }): Promise<ApiResult<UploadReceipt>>;
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

async function run<M extends Method>(core: ClinicCore, method: M, rawInput: unknown): Promise<MethodOutput<M>> {
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
  return def.run({ core, vault, session }, input as never);
}

/** Opens the core on a vault folder: takes the folder's process lock (VAULT_IN_USE if held). */
export function openCore(options: CoreOptions): CoreApi {
  const core = new ClinicCore(options);
  return {
    core,
    async dispatch(method, input) {
      try {
        if (!isMethod(method)) throw new AppError('NOT_FOUND', 'That request is not known to this version of Clinic Vault.');
        return { ok: true, value: await run(core, method, input) };
      } catch (err) {
        if (!(err instanceof AppError) || err.code === 'INTERNAL') {
          core.logger.error('request failed', { method, error: err instanceof Error ? err.stack : String(err) });
        }
        return { ok: false, error: toErrorPayload(err) };
      }
    },
    async upload(source, meta) {
      try {
        const { vault, session } = core.requireSession();
        core.refuseIfRollbackUnconfirmed('upload');
        core.touch();
        return { ok: true, value: await stageUpload({ core, vault, session }, source, meta) };
      } catch (err) {
        if (!(err instanceof AppError) || err.code === 'INTERNAL') {
          core.logger.error('upload failed', { error: err instanceof Error ? err.stack : String(err) });
        }
        return { ok: false, error: toErrorPayload(err) };
      }
    },
    call: (method, input) => run(core, method, input),
    close: () => core.close(),
  };
}
