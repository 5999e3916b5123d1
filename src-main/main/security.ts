/**
 * Wires the rules in policy.ts to Electron: permissions, navigation, new
 * windows, <webview>, and the CSP header for the dev server. Installed for
 * every WebContents ever created (app 'web-contents-created'), so a window or
 * frame added later is guarded without anyone remembering to do it.
 */
import { app, shell, type Session, type WebContents } from 'electron';
import type { Logger } from '../core/platform/ports';
import { devContentSecurityPolicy, isTrustedRendererUrl, isVettedExternalUrl } from './policy';

/** Hands a vetted https link to the user's browser; anything else is dropped and logged (by origin only). */
export function openVettedExternal(url: string, logger: Logger): void {
  if (!isVettedExternalUrl(url)) {
    logger.warn('external.refused', { origin: safeOrigin(url) });
    return;
  }
  shell.openExternal(url).catch((err: unknown) => {
    logger.warn('external.open-failed', { error: err instanceof Error ? err : undefined });
  });
}

/** Origins are not personal data; full URLs (paths, query strings) might be. */
function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '<invalid>';
  }
}

function guardWebContents(contents: WebContents, devOrigin: string | null, logger: Logger): void {
  // Links never open new Electron windows. A vetted external link goes to the browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    if (isVettedExternalUrl(url)) openVettedExternal(url, logger);
    else logger.warn('window-open.refused', { origin: safeOrigin(url) });
    return { action: 'deny' };
  });

  // The window only ever shows our own pages. A plain link click to a vetted site opens the browser.
  const blockUntrusted = (event: { preventDefault(): void }, url: string, kind: string): void => {
    if (isTrustedRendererUrl(url, devOrigin)) return;
    event.preventDefault();
    if (isVettedExternalUrl(url)) openVettedExternal(url, logger);
    else logger.warn('navigation.refused', { kind, origin: safeOrigin(url) });
  };
  contents.on('will-navigate', (event) => blockUntrusted(event, event.url, 'navigate'));
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) blockUntrusted(event, event.url, 'frame-navigate');
  });
  contents.on('will-redirect', (event) => blockUntrusted(event, event.url, 'redirect'));

  // <webview> is disabled in webPreferences; refuse attachment too in case a future window forgets.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('webview.refused');
  });

  // Web Bluetooth picks the first device when nobody answers; answer "none".
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
}

/** Call once, before any window exists. */
export function guardAllWebContents(devOrigin: string | null, logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, devOrigin, logger));
}

/**
 * The app needs no camera, microphone, notifications, geolocation, clipboard
 * reads, USB, HID, serial, Bluetooth or screen capture: deny every request and
 * every check. Unanswered HID, serial and USB pickers cancel by themselves.
 * Copy and paste through the Edit menu and keyboard shortcuts still work: they
 * do not go through these permissions.
 */
export function lockDownSession(ses: Session, devOrigin: string | null): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);

  // app:// responses carry the CSP themselves (app-protocol.ts); the dev server's need adding here.
  if (devOrigin !== null) {
    const csp = devContentSecurityPolicy(devOrigin);
    ses.webRequest.onHeadersReceived((details, callback) => {
      if (!isTrustedRendererUrl(details.url, devOrigin)) {
        callback({});
        return;
      }
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
        if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
      }
      headers['Content-Security-Policy'] = [csp];
      callback({ responseHeaders: headers });
    });
  }
}
