/**
 * The renderer's only door to the app. In Electron the preload exposes
 * `window.clinic`; in the loopback browser host (e2e tests, development) the
 * same calls go over HTTP to `POST /api/call` with the page's token.
 */
import type { CallProgress, ClinicBridge, FolderPurpose, MethodOutput } from '../../src-main/contract/api';
import {
  ERROR_MESSAGES,
  type ApiResult,
  type ErrorCode,
  type ErrorPayload,
  type FieldIssue,
} from '../../src-main/contract/errors';
import type { UploadReceipt } from '../../src-main/contract/record-types';
import type { Method, MethodInput } from '../../src-main/contract/schemas';

declare global {
  interface Window {
    clinic?: ClinicBridge;
  }
}

const TOKEN_KEY = 'clinic-vault.host-token';

const CONNECTION_LOST =
  'Clinic Vault is not responding. Close this window and open Clinic Vault again. Your data has not been changed.';

/** An error from the app, carrying the message written for the person at the desk. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  readonly retryAfterSeconds: number | undefined;

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = 'ApiError';
    this.code = payload.code;
    this.issues = payload.issues ?? [];
    this.retryAfterSeconds = payload.retryAfterSeconds;
  }
}

/** The message to show for anything thrown: ours verbatim, anything else generic. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return 'Something went wrong. Your data has not been changed. If it keeps happening, contact support.';
}

// ---- NOT_SIGNED_IN notifications -------------------------------------------------

/** The error that ended the session: NOT_SIGNED_IN, or CORE_RESTARTED (its message is shown at sign-in). */
type Listener = (error: ApiError) => void;
const notSignedInListeners = new Set<Listener>();

/** Called whenever any call fails because the vault is locked (idle lock, sign-out elsewhere). */
export function onNotSignedIn(listener: Listener): () => void {
  notSignedInListeners.add(listener);
  return () => notSignedInListeners.delete(listener);
}

// ---- Transports --------------------------------------------------------------------

/** Reads the host token from `#token=...` once, keeps it for this tab, and removes it from the URL. */
function hostToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    window.sessionStorage.setItem(TOKEN_KEY, token);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return token;
  }
  return window.sessionStorage.getItem(TOKEN_KEY);
}

function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: unknown };
  if (v.ok === true) return true;
  return v.ok === false && typeof v.error === 'object' && v.error !== null && 'code' in v.error;
}

/** How often the browser host is asked for a long call's progress. */
const PROGRESS_POLL_MS = 250;

/** The loopback browser host's transport: one POST per call, authenticated by the page's token. */
function httpBridge(token: string | null): HttpBridge {
  const listeners = new Set<(callId: string, progress: CallProgress) => void>();
  const running = new Set<string>();

  /** Asks GET /api/progress every PROGRESS_POLL_MS while the call runs (EventSource cannot send the token header). */
  async function poll(callId: string): Promise<void> {
    while (running.has(callId)) {
      await new Promise((resolve) => setTimeout(resolve, PROGRESS_POLL_MS));
      if (!running.has(callId)) return;
      try {
        const response = await fetch(`/api/progress?callId=${encodeURIComponent(callId)}`, {
          headers: { 'X-Clinic-Token': token ?? '' },
          cache: 'no-store',
        });
        const body = (await response.json()) as { running?: boolean; progress?: CallProgress | null };
        if (body.progress && running.has(callId))
          for (const listener of [...listeners]) listener(callId, body.progress);
      } catch {
        // A missed poll only delays the bar; the call's own answer is what counts.
      }
    }
  }

  // The host answers with the same ApiResult envelope the preload returns.
  return {
    call: (method, input, options) => {
      const callId = options?.callId;
      if (callId === undefined) return postCall(token, method, input) as never;
      running.add(callId);
      void poll(callId);
      return postCall(token, method, input, callId).finally(() => running.delete(callId)) as never;
    },
    upload: (data, meta) => postUpload(token, data, meta.fileName),
    uploadWithProgress: (file, onProgress) => postUpload(token, file, file.name, onProgress),
    onProgress: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    cancel: async (callId) => {
      await fetch('/api/cancel', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Clinic-Token': token ?? '' },
        body: JSON.stringify({ callId }),
        cache: 'no-store',
      }).catch(() => undefined);
    },
  };
}

/** The HTTP bridge can also send a File without reading it into memory, and report progress. */
interface HttpBridge extends ClinicBridge {
  uploadWithProgress(file: File, onProgress?: (fraction: number) => void): Promise<ApiResult<UploadReceipt>>;
}

/**
 * `POST /api/upload` with the raw bytes as the body. XMLHttpRequest rather than
 * fetch, because only it reports how much of the body has been sent.
 */
function postUpload(
  token: string | null,
  body: Blob | Uint8Array,
  fileName: string,
  onProgress?: (fraction: number) => void,
): Promise<ApiResult<UploadReceipt>> {
  const lost: ApiResult<UploadReceipt> = { ok: false, error: { code: 'INTERNAL', message: CONNECTION_LOST } };
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/upload');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-Clinic-Token', token ?? '');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(fileName));
    xhr.responseType = 'text';
    if (onProgress) {
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      };
    }
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(xhr.responseText) as unknown;
      } catch {
        // Not JSON: treated as a lost connection below.
      }
      resolve(isApiResult(parsed) ? (parsed as ApiResult<UploadReceipt>) : lost);
    };
    xhr.onerror = () => resolve(lost);
    xhr.onabort = () => resolve(lost);
    // A Uint8Array may be a view on a larger buffer: send exactly its bytes.
    xhr.send(body instanceof Blob ? body : new Blob([body as Uint8Array<ArrayBuffer>]));
  });
}

async function postCall(
  token: string | null,
  method: Method,
  input: unknown,
  callId?: string,
): Promise<ApiResult<unknown>> {
  const lost: ApiResult<unknown> = { ok: false, error: { code: 'INTERNAL', message: CONNECTION_LOST } };
  // An undefined input is left out entirely (JSON has no undefined).
  const body = input === undefined ? { method } : { method, input };
  let response: Response;
  try {
    response = await fetch('/api/call', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Clinic-Token': token ?? '',
        ...(callId === undefined ? {} : { 'X-Call-Id': callId }),
      },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return lost;
  }
  const parsed: unknown = await response.json().catch(() => null);
  return isApiResult(parsed) ? parsed : lost;
}

let bridge: ClinicBridge | HttpBridge | null = null;

function getBridge(): ClinicBridge | HttpBridge {
  if (!bridge) bridge = window.clinic ?? httpBridge(hostToken());
  return bridge;
}

/**
 * The system's folder window, in the desktop app only (the preload's pickFolder);
 * null in the loopback browser host, where the folder is typed. The desktop app
 * refuses any folder not picked there (FOLDER_NOT_CHOSEN).
 */
export function folderPicker(): ((purpose: FolderPurpose) => Promise<string | null>) | null {
  const pick = window.clinic?.pickFolder;
  return pick ? (purpose) => pick.call(window.clinic, purpose) : null;
}

/** Read the token out of the address bar as early as possible (before anything else looks at it). */
export function initApi(): void {
  getBridge();
}

// ---- The typed call ------------------------------------------------------------------

type InputArgs<M extends Method> =
  undefined extends MethodInput<M> ? [input?: MethodInput<M>] : [input: MethodInput<M>];

/** Calls one contract method; resolves with its value or throws an ApiError. */
export async function api<M extends Method>(method: M, ...args: InputArgs<M>): Promise<MethodOutput<M>> {
  const input = args[0] as MethodInput<M>;
  let result: ApiResult<MethodOutput<M>>;
  try {
    result = await getBridge().call(method, input);
  } catch {
    throw new ApiError({ code: 'INTERNAL', message: CONNECTION_LOST });
  }
  return unwrap(result);
}

let callSequence = 0;

/**
 * Calls a long contract method (vault.verify, vault.rotateDatabaseKey), passing
 * its progress to `onProgress` as it comes; aborting `signal` asks the app to
 * stop it, and the call then fails with an ApiError of code CANCELLED.
 */
export async function callWithProgress<M extends Method>(
  method: M,
  input: MethodInput<M>,
  onProgress: (progress: CallProgress) => void,
  signal?: AbortSignal,
): Promise<MethodOutput<M>> {
  if (signal?.aborted) throw new ApiError({ code: 'CANCELLED', message: ERROR_MESSAGES.CANCELLED });
  const b = getBridge();
  callSequence += 1;
  const callId = `call_${callSequence}_${Math.random().toString(36).slice(2, 10)}`;
  const stopListening = b.onProgress((id, progress) => {
    if (id === callId) onProgress(progress);
  });
  const cancel = () => void b.cancel(callId);
  signal?.addEventListener('abort', cancel, { once: true });
  let result: ApiResult<MethodOutput<M>>;
  try {
    result = await b.call(method, input, { callId });
  } catch {
    throw new ApiError({ code: 'INTERNAL', message: CONNECTION_LOST });
  } finally {
    stopListening();
    signal?.removeEventListener('abort', cancel);
  }
  return unwrap(result);
}

function unwrap<T>(result: ApiResult<T>): T {
  if (result.ok) return result.value;
  const error = new ApiError(result.error);
  // CORE_RESTARTED: the data engine restarted locked, so the window goes back to sign-in as for a lock.
  if (error.code === 'NOT_SIGNED_IN' || error.code === 'CORE_RESTARTED') {
    for (const listener of [...notSignedInListeners]) listener(error);
  }
  throw error;
}

// ---- Files -----------------------------------------------------------------------------

/** The largest file the clinic accepts, in bytes (Settings: maxUploadMB). */
async function uploadLimitBytes(): Promise<number> {
  const settings = await api('settings.get');
  return settings.maxUploadMB * 1024 * 1024;
}

/**
 * Hands a file (a photo, a scanned form) to the app as a staged upload; the
 * receipt's id is then passed to a call such as photos.import. Files over the
 * clinic's limit are refused before they are read. `onProgress` gets 0..1 where
 * the transport can tell (the browser host); in Electron the bytes go in one step.
 */
export async function upload(
  file: File,
  opts: { onProgress?: (fraction: number) => void } = {},
): Promise<UploadReceipt> {
  if (file.size > (await uploadLimitBytes())) {
    throw new ApiError({ code: 'FILE_TOO_LARGE', message: ERROR_MESSAGES.FILE_TOO_LARGE });
  }
  const b = getBridge();
  let result: ApiResult<UploadReceipt>;
  try {
    if ('uploadWithProgress' in b) {
      result = await b.uploadWithProgress(file, opts.onProgress);
    } else {
      const data = new Uint8Array(await file.arrayBuffer());
      result = await b.upload(data, { fileName: file.name });
    }
  } catch {
    throw new ApiError({ code: 'INTERNAL', message: CONNECTION_LOST });
  }
  if (result.ok) opts.onProgress?.(1);
  return unwrap(result);
}
