/**
 * `npm run dev:web`: opens a vault in the core worker (the same worker entry
 * point the app uses, docs/core-worker.md) and serves the built renderer to a
 * browser on 127.0.0.1. For development; never packaged. The end-to-end
 * fixture starts the same host (dev-host.ts) inside its own process.
 * Its options are USAGE below (also `npm run dev:web -- --help`, and README.md).
 */
import { resolve } from 'node:path';
import { keyringExists } from '../core/vault/keyring';
import { vaultPaths } from '../core/platform/vault-paths';
import { parseArgs } from 'node:util';
import { AppError } from '../contract/errors';
import { startDevHost } from './dev-host';
import { DEFAULT_PORT, HostPortError, checkPortFree, parsePort } from './host-port';
import { consoleLogger } from '../core/platform/console-logger';

const USAGE = `Usage: npm run dev:web -- [options]
  --vault DIR       the vault folder (default: $CLINIC_VAULT_DIR, else ./.vault-dev; created on first use)
  --demo            a demo clinic of 2,000 made-up clients in ./.vault-demo (made on first use), and its sign-ins
  --port N          the port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --renderer DIR    the built renderer to serve (default out/renderer)
  --json            print {"url","port","token"} as one JSON line (for scripts)
  --test-fast-kdf   cheap key derivation, for throwaway test vaults only
  --help            this list`;

class UsageError extends Error {}

function readOptions() {
  try {
    return parseArgs({
      options: {
        vault: { type: 'string' },
        port: { type: 'string', default: String(DEFAULT_PORT) },
        renderer: { type: 'string', default: 'out/renderer' },
        'test-fast-kdf': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        demo: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (err) {
    // node:util's parseArgs names the unknown option; the list says what there is.
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
}

async function main(): Promise<void> {
  const values = readOptions();
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = parsePort(values.port);
  // Before the vault is opened or the demo made: a busy port is said at once, not after a minute.
  await checkPortFree(port);
  const vaultDir = resolve(
    values.vault ?? (values.demo ? '.vault-demo' : (process.env.CLINIC_VAULT_DIR ?? '.vault-dev')),
  );
  // In --json mode stdout carries only the one JSON line that scripts wait for.
  const say = (text: string) => (values.json ? process.stderr : process.stdout).write(`${text}\n`);
  if (values.demo) await ensureDemoVault(vaultDir, say);
  const host = await startDevHost({
    vaultDir,
    port,
    rendererDir: resolve(values.renderer),
    // The demo's passwords are public, so its key slots need no expensive KDF either.
    kdfCost: values['test-fast-kdf'] || values.demo ? 'test' : 'production',
    logger: consoleLogger,
    // From source: this host runs under tsx, and so does the worker (core-client.ts adds it).
    entry: new URL('../core-worker/worker-entry.ts', import.meta.url),
    say,
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ url: host.url, port: host.port, token: host.token })}\n`);
  } else {
    process.stdout.write(
      `Clinic Vault (browser host) on vault ${vaultDir}\nOpen: ${host.url}\nPress Ctrl+C to stop.\n`,
    );
  }
  if (values.demo) {
    say(`Demo sign-ins (made-up clinic; delete ${vaultDir} to start again):`);
    const { DEMO_ACCOUNTS } = await import('../core/synthetic-vault');
    for (const a of DEMO_ACCOUNTS) say(`  ${a.username.padEnd(8)} ${a.password.padEnd(22)} ${a.role}`);
  }
  const stop = () => {
    setTimeout(() => process.exit(0), 5000).unref();
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Creates the demo clinic the first time (DEMO_CLINIC: 2,000 clients, 20 with photos, a privacy notice). */
async function ensureDemoVault(vaultDir: string, say: (text: string) => void): Promise<void> {
  if (keyringExists(vaultPaths(vaultDir))) return;
  say(`Creating the demo clinic in ${vaultDir}…`);
  // Loaded only for --demo: the whole core runs in the worker, so this process need not load it to start.
  const { createSyntheticVault, DEMO_CLINIC } = await import('../core/synthetic-vault');
  const demo = await createSyntheticVault(vaultDir, { ...DEMO_CLINIC, kdfCost: 'test' });
  say(
    `Created ${demo.clinic.clients.toLocaleString('en-GB')} clients, ${demo.clinic.treatments.toLocaleString('en-GB')} treatments, ${demo.clinic.photos} photos in ${demo.clinic.seconds} s.`,
  );
  say(`Recovery key (demo only): ${demo.recoveryKey}`);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `${err instanceof AppError || err instanceof HostPortError || err instanceof UsageError ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
