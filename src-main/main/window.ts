/**
 * The one application window. Every webPreference that matters for security is
 * spelled out, even where it is already Electron's default, so a reviewer can
 * check it here and a future default change cannot loosen it.
 */
import { BrowserWindow, dialog } from 'electron';
import type { Logger } from '../core/platform/ports';
import { APP_ENTRY_URL } from './policy';
import { askBeforeClosingWithUnsavedChanges } from './unsaved-close';

export interface MainWindowOptions {
  /** The built preload, out/preload/index.cjs. */
  preloadPath: string;
  /** The dev server URL, only ever set when not packaged (see devRendererOrigin). */
  devServerUrl: string | null;
  isPackaged: boolean;
  logger: Logger;
  /** False under --test-no-dialogs: a native question would hang an unattended run. */
  nativeDialogs?: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Clinic Vault',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    // Shown on 'ready-to-show' so the user never sees a blank white frame.
    show: false,
    backgroundColor: '#f3f7f7',
    webPreferences: {
      // Sandboxed preloads must be a single CommonJS file (electron.vite.config.ts builds it).
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Off: clinical notes should not feed the OS dictionary, and Hunspell dictionaries are downloaded from the network.
      spellcheck: false,
      // DevTools would show decrypted records to anyone at the desk; only for development builds.
      devTools: !options.isPackaged,
      // A middle-click on a link fires 'auxclick', which can open it in a new window around the
      // click handlers; the app has no use for it, so Chromium's feature is off (Electronegativity AUXCLICK).
      disableBlinkFeatures: 'Auxclick',
    },
  });

  window.once('ready-to-show', () => window.show());
  askBeforeClosingWithUnsavedChanges(
    window.webContents,
    options.nativeDialogs === false ? null : (question) => dialog.showMessageBoxSync(window, question),
  );

  window.webContents.on('did-fail-load', (_event, errorCode, _description, _url, isMainFrame) => {
    if (isMainFrame) options.logger.error('window.load-failed', { errorCode });
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    options.logger.error('window.renderer-gone', { reason: details.reason, exitCode: details.exitCode });
  });

  const url = options.devServerUrl ?? APP_ENTRY_URL;
  window.loadURL(url).catch((err: unknown) => {
    options.logger.error('window.load-rejected', { error: err instanceof Error ? err : undefined });
  });
  return window;
}

/** A second launch brings the existing window forward instead of opening another vault connection. */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
