/**
 * seed: fills an empty vault with a synthetic clinic (made-up clients,
 * histories, treatments and optionally photos) for demonstrations, training
 * and load testing, through the contract's vault.seedSynthetic. The core holds
 * the rules (owner only, empty vault only: src-main/core/synthetic/seed-service.ts);
 * this file only reads the numbers and prints progress.
 */
import type { Command } from 'commander';
import type { ProgressEvent } from '../../core/platform/ports';
import { type GlobalOptions, UsageError, print, withSignedIn } from '../cli-context';

function wholeNumber(text: string, what: string, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n > max) {
    throw new UsageError(`${what} must be a whole number from 0 to ${max.toLocaleString('en-GB')}.`);
  }
  return n;
}

/** Progress on stderr (stdout stays clean for --json): a line per tenth, or one updating line on a terminal. */
function progressPrinter(): (p: ProgressEvent) => void {
  let lastTenth = -1;
  return (p) => {
    if (p.task !== 'vault.seedSynthetic') return;
    const what = p.phase === 'records' ? 'clients' : 'clients photographed';
    const line = `Seeding: ${p.done.toLocaleString('en-GB')} of ${p.total.toLocaleString('en-GB')} ${what}`;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${line}${p.done === p.total ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor((p.done / Math.max(1, p.total)) * 10);
    if (tenth !== lastTenth || p.done === p.total) process.stderr.write(`${line}\n`);
    lastTenth = tenth;
  };
}

export function registerSeedCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('seed')
    .description('Fill an empty vault with a synthetic clinic of made-up clients (owner only; for demos, training and load tests).')
    .requiredOption('--clients <n>', 'how many clients')
    .option('--seed <n>', 'the same seed makes the same clinic', '1')
    .option('--treatments-per-client <n>', 'average treatments per client', '8')
    .option('--photo-clients <n>', 'how many clients get a few photos', '0')
    .action(async (o: { clients: string; seed: string; treatmentsPerClient: string; photoClients: string }) => {
      const opts = globals();
      const clients = wholeNumber(o.clients, '--clients', 1_000_000);
      const seed = wholeNumber(o.seed, '--seed', 0xffffffff);
      const treatmentsPerClient = wholeNumber(o.treatmentsPerClient, '--treatments-per-client', 100);
      const photoClients = wholeNumber(o.photoClients, '--photo-clients', 10_000);
      await withSignedIn({ ...opts, progress: progressPrinter() }, async (api) => {
        const made = await api.call('vault.seedSynthetic', { clients, seed, treatmentsPerClient, photoClients });
        print(opts, made, () =>
          `Added ${made.clients.toLocaleString('en-GB')} synthetic clients with ${made.treatments.toLocaleString('en-GB')} treatments and ${made.photos.toLocaleString('en-GB')} photos in ${made.seconds} s (seed ${seed}).`,
        );
      });
    });
}
