/**
 * The security rules of the Electron shell as pure functions: which URLs the
 * app trusts, which external sites it will hand to the browser, what it serves
 * from its own scheme and under which Content-Security-Policy.
 *
 * No `electron` import here on purpose: these rules are unit-tested in plain
 * Node (policy.test.ts), and security.ts / app-protocol.ts / ipc.ts only wire
 * them to Electron's events.
 */
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../contract/csp';
import { CALL_ID_PATTERN } from '../contract/api';

/** The renderer is served from `app://clinic/`, never from `file://` (Electron security checklist #18). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'clinic';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The one policy for the packaged renderer (nothing but our own files, no inline
 * code, no frames) lives in contract/ so the browser host sends the same header.
 */
export { CONTENT_SECURITY_POLICY };

/**
 * The policy for `electron-vite dev` only. Vite's React Fast Refresh preamble is
 * an inline module script, Vite injects CSS as <style> tags, and HMR talks over
 * a WebSocket to the dev server; the strict policy would block all three.
 * Never used when the app is packaged (see devRendererOrigin).
 */
export function devContentSecurityPolicy(devOrigin: string): string {
  const ws = devOrigin.replace(/^http/, 'ws');
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("connect-src 'self'", `connect-src 'self' ${ws}`);
}

/** Extra headers on everything served from app://: no sniffing, no referrers, no cross-origin openers. */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function parseUrl(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 4096) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The dev server origin, if this run may use one. `ELECTRON_RENDERER_URL` is an
 * environment variable, so a packaged app must ignore it: otherwise anyone who
 * can set the environment could point the window (and its IPC bridge to the
 * vault) at a page of their choosing. Even in development only loopback is accepted.
 */
export function devRendererOrigin(envValue: string | undefined, isPackaged: boolean): string | null {
  if (isPackaged) return null;
  const url = parseUrl(envValue);
  if (!url) return null;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || !LOOPBACK_HOSTS.has(url.hostname)) return null;
  return url.origin;
}

/** True for pages of our own renderer: app://clinic/… or, in development, the dev server. */
export function isTrustedRendererUrl(raw: unknown, devOrigin: string | null = null): boolean {
  const url = parseUrl(raw);
  if (!url) return false;
  if (url.username || url.password) return false;
  if (url.protocol === `${APP_SCHEME}:`) return url.host === APP_HOST;
  return devOrigin !== null && url.origin === devOrigin;
}

/**
 * Sites a link in the app may open in the user's browser. Exact host names only
 * (no subdomain wildcards), https only, no credentials or odd ports: a compromised
 * renderer must not be able to use shell.openExternal to launch arbitrary protocols.
 */
export const VETTED_EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'ico.org.uk',
  'www.gov.uk',
  'www.legislation.gov.uk',
  'yellowcard.mhra.gov.uk',
]);

export function isVettedExternalUrl(raw: unknown): boolean {
  const url = parseUrl(raw);
  if (!url) return false;
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    VETTED_EXTERNAL_HOSTS.has(url.hostname)
  );
}

/**
 * The only call message the preload sends: `{ method, input }`, plus `callId` for a
 * long call whose progress the page follows (CALL_ID_PATTERN). Anything else is
 * refused before the core sees it.
 */
export interface CallPayload {
  method: string;
  input?: unknown;
  callId?: string;
}

export function isCallPayload(payload: unknown): payload is CallPayload {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return false;
  const keys = Object.keys(payload);
  if (!keys.every((k) => k === 'method' || k === 'input' || k === 'callId')) return false;
  const { method, callId } = payload as { method?: unknown; callId?: unknown };
  if (callId !== undefined && !isCallId(callId)) return false;
  return typeof method === 'string' && method.length > 0 && method.length <= 64;
}

export function isCallId(value: unknown): value is string {
  return typeof value === 'string' && CALL_ID_PATTERN.test(value);
}

/** What the preload sends on IPC_CANCEL_CHANNEL: exactly `{ callId }`. */
export function isCancelPayload(payload: unknown): payload is { callId: string } {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return false;
  const keys = Object.keys(payload);
  return keys.length === 1 && keys[0] === 'callId' && isCallId((payload as { callId: unknown }).callId);
}

/** A method name that is safe to write to the log (it comes from the renderer, so it may be anything). */
export function loggableMethod(method: unknown): string {
  return typeof method === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(method) ? method : '<invalid>';
}

/** Facts about the frame behind an IPC message, gathered by ipc.ts from Electron's event. */
export interface SenderFacts {
  /** event.senderFrame was still there (null once the frame has navigated away or gone). */
  hasFrame: boolean;
  /** The message came from our main window's WebContents. */
  isOurWindow: boolean;
  /** The frame is that window's top-level frame, not an iframe. */
  isMainFrame: boolean;
  frameUrl: string;
}

export function isTrustedSender(facts: SenderFacts, devOrigin: string | null): boolean {
  return (
    facts.hasFrame &&
    facts.isOurWindow &&
    facts.isMainFrame &&
    isTrustedRendererUrl(facts.frameUrl, devOrigin)
  );
}

/**
 * Maps an app:// request to a file inside `rootDir`, or null to refuse it.
 * Refuses other hosts, undecodable paths, NUL bytes and anything that resolves
 * outside the root (../, encoded %2e%2e or %2f, backslashes and drive letters on
 * Windows). `pathApi` is injectable so the Windows rules are tested on Linux too.
 */
export function resolveRendererAsset(
  rootDir: string,
  requestUrl: string,
  pathApi: typeof path = path,
): string | null {
  const url = parseUrl(requestUrl);
  if (!url || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relativePath = decoded.replace(/^[/\\]+/, '') || 'index.html';
  const root = pathApi.resolve(rootDir);
  const target = pathApi.resolve(root, relativePath);
  const fromRoot = pathApi.relative(root, target);
  if (fromRoot === '' || pathApi.isAbsolute(fromRoot) || fromRoot.split(pathApi.sep)[0] === '..') return null;
  return target;
}

/** A client-side route (no file extension) falls back to index.html; a missing asset is a 404. */
export function isClientRoute(requestUrl: string): boolean {
  const url = parseUrl(requestUrl);
  if (!url) return false;
  const last = url.pathname.split('/').pop() ?? '';
  return !last.includes('.');
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** With `nosniff`, a wrong type breaks module scripts, so unknown files get an inert type. */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}
