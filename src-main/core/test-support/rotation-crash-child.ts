/**
 * A key rotation that dies: signs in as the owner and rotates the database
 * key, killing its own process with SIGKILL (no clean-up, no exit handlers) at
 * the step named on the command line. key-rotation-crash.test.ts runs it and
 * then checks the vault opens for everyone, with all its data.
 *
 *   node --import tsx rotation-crash-child.ts VAULT_DIR KILL_AT
 *   (owner username and password in CLINIC_TEST_USER / CLINIC_TEST_PASSWORD)
 *
 * KILL_AT is a rotation step (key-rotation.ts), or rekeying:start / rekeying:middle /
 * rekeying:end for the re-encryption's first progress report, the first with
 * some pages done and some not (the vault must span several of db/rekey.ts's
 * steps), and the one saying every page is done.
 */
import { openCore } from '../app';
import type { RotationProgress } from '../vault/key-rotation';
import { testStateDir } from './temp-vault';

let rekeyReports = 0;

function shouldDie(killAt: string, p: RotationProgress): boolean {
  if (p.step !== 'rekeying') return p.step === killAt;
  rekeyReports++;
  if (killAt === 'rekeying:start') return rekeyReports === 1;
  if (killAt === 'rekeying:middle') return (p.pagesDone ?? 0) > 0 && (p.pagesDone ?? 0) < (p.pagesTotal ?? 0);
  if (killAt === 'rekeying:end') return p.pagesTotal !== undefined && (p.pagesDone ?? 0) >= p.pagesTotal;
  return false;
}

async function main(): Promise<void> {
  const [vaultDir, killAt] = process.argv.slice(2);
  if (!vaultDir || !killAt) throw new Error('usage: rotation-crash-child.ts VAULT_DIR KILL_AT');
  const api = openCore({ vaultDir, stateDir: testStateDir(vaultDir), appVersion: '0.0.0-test', kdfCost: 'test' });
  await api.call('session.signIn', { username: process.env.CLINIC_TEST_USER!, password: process.env.CLINIC_TEST_PASSWORD! });
  api.core.onRotationProgress((p) => {
    if (shouldDie(killAt, p)) process.kill(process.pid, 'SIGKILL');
  });
  await api.call('vault.rotateDatabaseKey', undefined);
  api.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
