/**
 * Starting the browser host on a vault, as `npm run dev:web` does (dev.ts) and
 * the end-to-end fixture does inside its Playwright worker (e2e/fixtures.ts):
 * a restore chosen at the sign-in screen is switched in first, then the core
 * worker opens the vault and the host serves the renderer on 127.0.0.1.
 * Development and tests only; never packaged.
 */
import { applyPendingRestore } from '../core/backup/restore-switch';
import { stateDirFor } from '../core/vault/state-dir';
import type { KdfCost, Logger } from '../core/platform/ports';
import { APP_VERSION } from '../core/platform/app-version';
import { CoreClient } from '../core-worker/core-client';
import { type BrowserHost, startBrowserHost } from './browser-host';

export interface DevHostOptions {
  vaultDir: string;
  /** 0 picks a free port. */
  port: number;
  rendererDir: string;
  kdfCost: KdfCost;
  logger: Logger;
  /** The core worker: worker-entry.ts under tsx, or the built out/main/core-worker.js. */
  entry: URL | string;
  /** Told what a person starting the host should know (a restore switched in). */
  say: (text: string) => void;
}

export interface DevHost extends BrowserHost {
  /** Locks and closes the vault in the worker, then stops serving. */
  close(): Promise<void>;
}

export async function startDevHost(opts: DevHostOptions): Promise<DevHost> {
  const { vaultDir } = opts;
  // A restore chosen at the sign-in screen takes the vault's place before anything opens it (docs/backups.md).
  if (applyPendingRestore(vaultDir).switched) opts.say(`Switched to the vault restored from a backup; the previous one is kept beside it.`);
  const core = await CoreClient.start({
    vaultDir,
    stateDir: stateDirFor(vaultDir),
    appVersion: APP_VERSION,
    kdfCost: opts.kdfCost,
    logger: opts.logger,
    quickCheckAtSignIn: true,
    entry: opts.entry,
  });
  let host: BrowserHost;
  try {
    host = await startBrowserHost({ core, rendererDir: opts.rendererDir, port: opts.port });
  } catch (err) {
    await core.close();
    throw err;
  }
  return {
    url: host.url,
    port: host.port,
    token: host.token,
    close: () => core.close().then(() => host.close()),
  };
}
