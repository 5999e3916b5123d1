/**
 * A retention batch that dies: signs in as the owner, destroys the clients
 * named on the command line as one batch, and kills its own process with
 * SIGKILL (no clean-up, no exit handlers) at the Nth stop check. The batch
 * checks once per client and destroyClientData once per step inside its
 * transaction, so N can land between two clients or in the middle of one
 * client's transaction. retention-crash.test.ts then checks every client is
 * either fully destroyed or untouched, and that the batch resumes.
 *
 *   node --import tsx retention-crash-child.ts VAULT_DIR KILL_AT_CHECK CLIENT_ID...
 *   (owner in CLINIC_TEST_USER / CLINIC_TEST_PASSWORD; the clock's time in CLINIC_TEST_NOW)
 */
import { openCore } from '../app';
import { FakeClock, testStateDir } from './temp-vault';

async function main(): Promise<void> {
  const [vaultDir, killAt, ...clientIds] = process.argv.slice(2);
  const clock = new FakeClock(Date.parse(process.env.CLINIC_TEST_NOW!));
  const api = openCore({ vaultDir: vaultDir!, stateDir: testStateDir(vaultDir!), appVersion: '0.0.0-test', kdfCost: 'test', clock });
  await api.call('session.signIn', { username: process.env.CLINIC_TEST_USER!, password: process.env.CLINIC_TEST_PASSWORD! });
  let checks = 0;
  const r = await api.dispatch(
    'retention.destroy',
    { items: clientIds.map((clientId) => ({ clientId, category: 'clinical' })), confirm: 'DESTROY' },
    {
      stopRequested: () => {
        checks += 1;
        if (checks === Number(killAt)) process.kill(process.pid, 'SIGKILL');
        return false;
      },
    },
  );
  process.stderr.write(`the batch finished: ${JSON.stringify(r).slice(0, 300)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
