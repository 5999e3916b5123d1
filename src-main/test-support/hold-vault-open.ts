/**
 * Run as a child process by tests that need a vault held open by another
 * program, as the app holds it: opens the core on the vault (taking its lock),
 * signs in when a password is given, prints "open" and waits until killed.
 *
 *   node --import tsx src-main/test-support/hold-vault-open.ts VAULT_DIR [USERNAME PASSWORD]
 */
import { openCore } from '../core/app';
import { stateDirFor } from '../core/vault/state-dir';

const [vaultDir, username, password] = process.argv.slice(2) as [string, string?, string?];
const api = openCore({ vaultDir, stateDir: stateDirFor(vaultDir), appVersion: 'test', kdfCost: 'test' });
if (username && password) await api.call('session.signIn', { username, password });
process.stdout.write('open\n');
// Keeps the process (and so the lock) alive until the test kills it.
setInterval(() => {}, 60_000);
// Closed as the app closes the vault when it quits: the lock goes with it.
process.on('SIGTERM', () => {
  api.close();
  process.exit(0);
});
