/**
 * Desktop app lifecycle: one instance per profile, security policy before the
 * first window, the core opened on the vault folder in its worker thread
 * (docs/core-worker.md), one window, one set of IPC channels.
 * The order below matters; each step says why it sits where it does.
 *
 * The shipped entry (index.ts) starts it with production key derivation. The
 * only other caller is the e2e build's entry (src-main/test-support/
 * electron-fast-kdf-main.ts), built only when CLINIC_E2E_BUILD=1 and never
 * packaged; no argument or environment variable reaches `kdfCost`.
 */
import { applyPendingRestore } from '../core/backup/restore-switch';
import path from 'node:path';
import { app, dialog, Menu, session, type BrowserWindow } from 'electron';
import { CoreClient } from '../core-worker/core-client';
import { APP_VERSION } from '../core/platform/app-version';
import type { KdfCost } from '../core/platform/ports';
import { toErrorPayload } from '../contract/errors';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { registerIpc } from './ipc';
import { type LaunchArgs, parseLaunchArgs, resolveVaultDir } from './launch-options';
import { openFileLogger, type FileLogger } from './log-file';
import { buildMenuTemplate } from './menu';
import { devRendererOrigin } from './policy';
import { guardAllWebContents, lockDownSession, openVettedExternal } from './security';
import { createMainWindow, focusWindow } from './window';

export interface DesktopAppOptions {
  kdfCost: KdfCost;
  /** The built out/ folder holding preload/ and renderer/ (the entry file's parent's parent). */
  outDir: string;
}

interface Launch {
  args: LaunchArgs;
  devMode: boolean;
  devOrigin: string | null;
  outDir: string;
  appVersion: string;
  kdfCost: KdfCost;
}

export function startDesktopApp(options: DesktopAppOptions): void {
  const launch: Launch = {
    args: parseLaunchArgs(process.argv, process.cwd()),
    // Test and development switches are ignored by an installed app: a shortcut with
    // extra arguments or an environment variable must not weaken a clinic's copy.
    devMode: !app.isPackaged,
    devOrigin: devRendererOrigin(process.env['ELECTRON_RENDERER_URL'], app.isPackaged),
    outDir: options.outDir,
    // Started as `electron out/main/index.js`, Electron cannot see package.json and reports its own
    // version; the vault records the app version, so unpackaged runs use the one the CLI uses.
    appVersion: app.isPackaged ? app.getVersion() : APP_VERSION,
    kdfCost: options.kdfCost,
  };

  // Both must happen before 'ready'.
  registerAppScheme();
  app.enableSandbox();

  // The single-instance lock lives in the profile folder, so a separate profile
  // (e2e workers running in parallel) has to be chosen before asking for the lock.
  if (launch.devMode && launch.args.userDataDir) app.setPath('userData', launch.args.userDataDir);

  if (!app.requestSingleInstanceLock()) {
    // Another Clinic Vault already has this profile; it brings its window forward ('second-instance').
    app.quit();
  } else {
    void start(launch);
  }
}

async function start(launch: Launch): Promise<void> {
  const { devMode, devOrigin, appVersion } = launch;
  const logger = openFileLogger(path.join(app.getPath('userData'), 'logs'), { echo: devMode });
  logger.info('app.starting', {
    version: appVersion,
    packaged: app.isPackaged,
    platform: process.platform,
  });
  // Without these, Electron shows uncaught main-process errors, stack trace and all, in a dialog.
  process.on('uncaughtException', (error) => logger.error('main.uncaught-exception', { error }));
  process.on('unhandledRejection', (reason) =>
    logger.error('main.unhandled-rejection', { error: reason instanceof Error ? reason : undefined }),
  );

  // Before any WebContents exists, so none escapes the navigation and window-open rules.
  guardAllWebContents(devOrigin, logger);

  let mainWindow: BrowserWindow | null = null;
  app.on('second-instance', () => focusWindow(mainWindow));

  await app.whenReady();
  if (process.platform === 'win32') app.setAppUserModelId('uk.clinicvault.app');
  lockDownSession(session.defaultSession, devOrigin);
  serveRenderer(path.join(launch.outDir, 'renderer'), logger);

  const core = await openVault(launch, logger);
  if (!core) return;

  // The worker locks the session, checkpoints and closes the database; quitting waits for it once.
  let coreClosed = false;
  app.on('before-quit', (event) => {
    if (coreClosed) return;
    coreClosed = true;
    event.preventDefault();
    // The backup "when the app closes" (docs/backups.md), if one is set up and someone is still signed in.
    core
      .dispatch('backup.runScheduled', { reason: 'closing' })
      .catch(() => undefined)
      .then(() => core.close())
      .then(
        () => logger.info('app.vault-closed'),
        (error: unknown) =>
          logger.error('app.vault-close-failed', { error: error instanceof Error ? error : undefined }),
      )
      .finally(() => app.quit());
  });
  app.on('quit', () => logger.close());
  // Every platform, macOS included: with no window there is no one to lock the vault for, so close it.
  app.on('window-all-closed', () => app.quit());

  registerIpc({ core, getWindow: () => mainWindow, devOrigin, logger });

  const menuTemplate = buildMenuTemplate({
    isMac: process.platform === 'darwin',
    isPackaged: app.isPackaged,
    onLock: () => lockNow(core, () => mainWindow, logger),
    openExternal: (url) => openVettedExternal(url, logger),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate));

  mainWindow = createMainWindow({
    preloadPath: path.join(launch.outDir, 'preload', 'index.cjs'),
    devServerUrl: devOrigin === null ? null : (process.env['ELECTRON_RENDERER_URL'] ?? null),
    isPackaged: app.isPackaged,
    logger,
    nativeDialogs: !(launch.devMode && launch.args.noDialogs),
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

/**
 * Opens the core in its worker (out/main/core-worker.js, beside this bundle), or
 * explains why it cannot (vault in use, folder not writable) and exits.
 */
async function openVault(launch: Launch, logger: FileLogger): Promise<CoreClient | null> {
  const { args, devMode, appVersion, kdfCost } = launch;
  const vaultDir = resolveVaultDir(args, process.env, app.getPath('userData'));
  try {
    // A restore chosen at the sign-in screen takes the vault's place before anything opens it (docs/backups.md).
    const restored = applyPendingRestore(vaultDir);
    if (restored.switched) logger.info('app.restored-vault-in-place', { replacedKeptAt: restored.replacedKeptAt });
    return await CoreClient.start({
      vaultDir,
      stateDir: app.getPath('userData'),
      quickCheckAtSignIn: true,
      appVersion,
      logger,
      kdfCost,
      entry: path.join(launch.outDir, 'main', 'core-worker.js'),
    });
  } catch (error) {
    const payload = toErrorPayload(error);
    logger.error('app.start-failed', {
      code: payload.code,
      error: error instanceof Error ? error : undefined,
    });
    // A native modal would hang headless e2e runs; tests read the code from stderr instead.
    if (devMode && args.noDialogs) process.stderr.write(`clinic-vault: startup failed: ${payload.code}\n`);
    else dialog.showErrorBox('Clinic Vault cannot start', payload.message);
    logger.close();
    app.exit(1);
    return null;
  }
}

/**
 * File > Lock: lock the session in the core, then reload the page so the
 * renderer asks for the status afresh and shows the sign-in screen. This keeps
 * IPC one-way (renderer asks, main answers) and drops anything left on screen.
 */
function lockNow(core: CoreClient, getWindow: () => BrowserWindow | null, logger: FileLogger): void {
  void core.dispatch('session.lock', undefined).then((result) => {
    if (!result.ok) {
      logger.info('menu.lock-skipped', { code: result.error.code });
      return;
    }
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.reload();
  });
}
