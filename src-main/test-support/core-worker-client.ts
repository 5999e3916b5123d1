/**
 * Tests only: a CoreClient on a fresh temp vault, started from source under tsx
 * (the same worker-entry.ts the browser host runs), with a cheap KDF.
 */
import { join } from 'node:path';
import type { Logger } from '../core/platform/ports';
import { makeTempDir, SETUP_INPUT, testStateDir } from '../core/test-support/temp-vault';
import { CoreClient } from '../core-worker/core-client';
import type { ApiResult } from '../contract/errors';

export const WORKER_ENTRY = new URL('../core-worker/worker-entry.ts', import.meta.url);
export const CRASHING_WORKER_ENTRY = new URL('./crashing-core-worker.ts', import.meta.url);

export interface LoggedLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

export function memoryLogger(): Logger & { lines: LoggedLine[] } {
  const lines: LoggedLine[] = [];
  return {
    lines,
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
  };
}

export function startWorkerClient(
  vaultDir: string,
  opts: { entry?: URL; logger?: Logger; onRestart?: () => void } = {},
): Promise<CoreClient> {
  return CoreClient.start({
    vaultDir,
    stateDir: testStateDir(vaultDir),
    appVersion: '0.0.0-test',
    kdfCost: 'test',
    entry: opts.entry ?? WORKER_ENTRY,
    logger: opts.logger ?? memoryLogger(),
    onRestart: opts.onRestart,
  });
}

/** The value of an ok result; throws with the error's code otherwise (the test then fails with it). */
export function valueOf<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A temp folder with a set-up vault (owner signed in) served by a worker. */
export async function workerVault(opts: { entry?: URL; logger?: Logger } = {}) {
  const tmp = makeTempDir('cv-worker-');
  const vaultDir = join(tmp.dir, 'vault');
  const client = await startWorkerClient(vaultDir, opts);
  valueOf(await client.dispatch('vault.setup', SETUP_INPUT));
  return {
    client,
    vaultDir,
    async cleanup() {
      await client.close();
      tmp.cleanup();
    },
  };
}
