/**
 * `npm run dev:web`: opens a vault and serves the built renderer to a browser
 * on 127.0.0.1. For development and end-to-end tests; never packaged.
 *
 *   --vault DIR       vault folder (default: $CLINIC_VAULT_DIR or ./.vault-dev)
 *   --port N          port to listen on (default 5199; 0 picks a free one)
 *   --renderer DIR    built renderer (default out/renderer)
 *   --test-fast-kdf   cheap key derivation, for tests only
 *   --json            print {"url","port","token"} as one JSON line
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from '../core/app';
import { AppError } from '../shared/errors';
import { startBrowserHost } from './browser-host';
import { consoleLogger } from '../core/console-logger';
import { APP_VERSION } from '../core/app-version';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      vault: { type: 'string' },
      port: { type: 'string', default: '5199' },
      renderer: { type: 'string', default: 'out/renderer' },
      'test-fast-kdf': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const vaultDir = resolve(values.vault ?? process.env.CLINIC_VAULT_DIR ?? '.vault-dev');
  const core = openCore({
    vaultDir,
    appVersion: APP_VERSION,
    kdfCost: values['test-fast-kdf'] ? 'test' : 'production',
    logger: consoleLogger,
  });
  const host = await startBrowserHost({ core, rendererDir: resolve(values.renderer), port: Number(values.port) });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ url: host.url, port: host.port, token: host.token })}\n`);
  } else {
    process.stdout.write(`Clinic Vault (browser host) on vault ${vaultDir}\nOpen: ${host.url}\nPress Ctrl+C to stop.\n`);
  }
  const stop = () => {
    core.close();
    void host.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof AppError ? err.message : String(err)}\n`);
  process.exit(1);
});
