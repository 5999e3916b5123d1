/**
 * seed: fills an empty vault with a synthetic clinic (made-up clients,
 * histories, treatments and optionally photos) for demonstrations, training
 * and load testing. Owner only, and only into a vault with no clients yet, so
 * made-up people can never be mixed into a real clinic's records.
 */
import type { Command } from 'commander';
import { AppError } from '../../shared/errors';
import type { GenerateProgress } from '../../core/synthetic/generate-clinic';
import { fillSignedInVault } from '../../core/synthetic/synthetic-vault';
import { type GlobalOptions, UsageError, print, withSignedIn } from '../cli-context';

function wholeNumber(text: string, what: string, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n > max) {
    throw new UsageError(`${what} must be a whole number from 0 to ${max.toLocaleString('en-GB')}.`);
  }
  return n;
}

/** Progress on stderr (stdout stays clean for --json): a line per tenth, or one updating line on a terminal. */
function progressPrinter(): (p: GenerateProgress) => void {
  let lastTenth = -1;
  return (p) => {
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
      await withSignedIn(opts, async (api) => {
        const { vault, session } = api.core.requireSession();
        if (session.staff.role !== 'owner') throw new AppError('FORBIDDEN', 'Only the owner can fill a vault with synthetic clients.');
        const existing = (vault.db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
        if (existing > 0) {
          throw new AppError(
            'CONFLICT',
            `This vault already has ${existing.toLocaleString('en-GB')} client${existing === 1 ? '' : 's'}. Seed only fills an empty vault, so made-up clients are never mixed with real ones.`,
          );
        }
        const practitioners = (await api.call('staff.list', undefined)).filter((m) => m.role === 'practitioner' && !m.removedAt).map((m) => m.id);
        const clinic = await fillSignedInVault(
          api,
          { clients, seed, treatmentsPerClient, photoClients, vaultDir: api.core.paths.dir, onProgress: progressPrinter() },
          // A clinic with no practitioners yet: the owner is the one treating.
          { ownerId: session.staff.id, practitionerIds: practitioners.length > 0 ? practitioners : [session.staff.id] },
        );
        print(opts, { seed, ...clinic }, () =>
          `Added ${clinic.clients.toLocaleString('en-GB')} synthetic clients with ${clinic.treatments.toLocaleString('en-GB')} treatments and ${clinic.photos.toLocaleString('en-GB')} photos in ${clinic.seconds} s (seed ${seed}).`,
        );
      });
    });
}
