/**
 * Child process of the records benchmark: what the app's core holds in memory
 * on a big clinic. Opens the vault, signs in, runs a few searches and opens a
 * record with its treatments and photos, then prints its memory use as one
 * JSON line. A fresh process, so nothing the benchmark itself built counts.
 *
 *   node --import tsx bench/records-memory.ts <vaultDir> <clientId>   (password in CLINIC_VAULT_PASSWORD)
 */
import { openCore } from '../src-main/core/app';
import { stateDirFor } from '../src-main/core/vault/state-dir';
import { DEMO_STAFF } from '../src-main/core/synthetic-vault';

const MB = 1024 * 1024;

async function main(): Promise<void> {
  const [vaultDir, clientId] = process.argv.slice(2);
  if (!vaultDir || !clientId) throw new Error('usage: records-memory.ts <vaultDir> <clientId>');
  const practitioner = DEMO_STAFF.find((s) => s.role === 'practitioner')!;
  const api = openCore({ vaultDir, stateDir: stateDirFor(vaultDir), appVersion: 'bench', kdfCost: 'production' });
  try {
    await api.call('session.signIn', { username: practitioner.username, password: practitioner.password });
    for (const query of ['smith', 'sarah jones', 'wisniewska', '07700 900123', 'BS8', 'SW4 1', '01/02/1985', '']) {
      await api.call('clients.search', { query, limit: 20 });
    }
    await api.call('clients.get', { clientId });
    await api.call('treatments.list', { clientId });
    await api.call('photos.list', { clientId });
    const m = process.memoryUsage();
    process.stdout.write(`${JSON.stringify({ rssMB: Math.round(m.rss / MB), heapUsedMB: Math.round(m.heapUsed / MB), externalMB: Math.round(m.external / MB) })}\n`);
  } finally {
    api.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
