/**
 * The renderer's only door to the app. In Electron the preload exposes
 * `window.clinic`; in the loopback browser host (e2e tests, development) the
 * same calls go over HTTP to `POST /api/call` with the page's token.
 */
import type { ClinicBridge, MethodOutput } from '../../src-main/shared/api';
import type { ApiResult, ErrorCode, ErrorPayload, FieldIssue } from '../../src-main/shared/errors';
import type { Method, MethodInput } from '../../src-main/shared/schemas';

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

type Listener = () => void;
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

/** The loopback browser host's transport: one POST per call, authenticated by the page's token. */
function httpBridge(token: string | null): ClinicBridge {
  // The host answers with the same ApiResult envelope the preload returns.
  return { call: (method, input) => postCall(token, method, input) as never };
}

async function postCall(token: string | null, method: Method, input: unknown): Promise<ApiResult<unknown>> {
  const lost: ApiResult<unknown> = { ok: false, error: { code: 'INTERNAL', message: CONNECTION_LOST } };
  // An undefined input is left out entirely (JSON has no undefined).
  const body = input === undefined ? { method } : { method, input };
  let response: Response;
  try {
    response = await fetch('/api/call', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Clinic-Token': token ?? '' },
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

let bridge: ClinicBridge | null = null;

function getBridge(): ClinicBridge {
  if (!bridge) bridge = window.clinic ?? httpBridge(hostToken());
  return bridge;
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
  if (result.ok) return result.value;
  const error = new ApiError(result.error);
  if (error.code === 'NOT_SIGNED_IN') {
    for (const listener of [...notSignedInListeners]) listener();
  }
  throw error;
}
