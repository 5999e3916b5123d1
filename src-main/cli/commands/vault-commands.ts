/** init, status and verify: the vault as a whole. */
import type { Command } from 'commander';
import type { ProgressSink } from '../../core/platform/ports';
import { DATABASE_DAMAGE_ADVICE, damagedPageLine, databaseCheckSummary } from '../../contract/integrity-messages';
import { APP_VERSION } from '../../core/platform/app-version';
import { type GlobalOptions, formatDateTime, openVaultCore, passwordFrom, print, vaultDirFrom, withSignedIn } from '../cli-context';
import { type VaultStatus, readVaultStatus } from '../vault-status';
import { printRotationProgress } from './rotation-progress';

interface InitOptions {
  clinicName: string;
  owner: string;
  ownerName?: string;
  postcode?: string;
  phone?: string;
  email?: string;
  ico?: string;
  region?: 'england-and-wales' | 'scotland' | 'northern-ireland';
}

export function registerVaultCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('init')
    .description('Create a new vault and its owner account (password from CLINIC_VAULT_PASSWORD or --password-stdin). Prints the recovery key once.')
    .requiredOption('--clinic-name <name>', "the clinic's name")
    .requiredOption('--owner <username>', "the owner's username")
    .option('--owner-name <name>', "the owner's full name (default: the username)")
    .option('--postcode <postcode>')
    .option('--phone <phone>')
    .option('--email <email>')
    .option('--ico <number>', 'ICO registration number')
    .option('--region <region>', 'bank-holiday region: england-and-wales, scotland or northern-ireland')
    .action(async (o: InitOptions) => {
      const opts = globals();
      const password = passwordFrom(opts);
      const api = openVaultCore(opts);
      try {
        const result = await api.call('vault.setup', {
          clinic: {
            clinicName: o.clinicName,
            postcode: o.postcode,
            phone: o.phone,
            email: o.email,
            icoRegistrationNumber: o.ico,
            bankHolidayRegion: o.region,
          },
          owner: { username: o.owner, displayName: o.ownerName ?? o.owner, password },
        });
        // The key has been handed over on stdout: that is the CLI's "I have stored it safely".
        await api.call('vault.confirmRecoveryKey', undefined);
        print(opts, { recoveryKey: result.recoveryKey, owner: result.session.username, staffId: result.session.staffId }, () =>
          [
            `Vault created for ${o.clinicName}. Owner: ${result.session.username}.`,
            '',
            'RECOVERY KEY (shown once; print it or write it down and keep it somewhere safe):',
            '',
            `    ${result.recoveryKey}`,
            '',
            'It resets the owner’s password if it is forgotten. Without it and without a password, the vault cannot be opened.',
          ].join('\n'),
        );
      } finally {
        api.close();
      }
    });

  program
    .command('status')
    .description('Show whether the vault exists, its clinic, whether a program has it open, and any problem (no sign-in needed; works while the app is open).')
    .action(() => {
      const opts = globals();
      const status = readVaultStatus(vaultDirFrom(opts), APP_VERSION);
      print(opts, status, () =>
        [
          `Vault:   ${status.state === 'no-vault' ? 'not set up yet' : 'set up'}`,
          `Clinic:  ${status.clinicName ?? '-'}`,
          `Open:    ${openLine(status)}`,
          `Version: ${status.appVersion}`,
          status.startupError ? `Problem: ${status.startupError.message}` : 'Problems: none found',
        ].join('\n'),
      );
      if (status.startupError) process.exitCode = 1;
    });

  program
    .command('accept-rollback')
    .description('Owner only: accept a vault database that is older than the last one used (a restored backup). See docs/audit-anchoring.md.')
    .action(async () => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const session = await api.call('vault.acceptRollback', undefined);
        print(opts, { accepted: true, warnings: session.warnings }, () =>
          ['The older database has been accepted and recorded in the audit log.', ...session.warnings.map((w) => `Warning: ${w.message}`)].join('\n'),
        );
      });
    });

  program
    .command('verify')
    .description(
      'Check every page of the database, its structure, the audit chain and every stored file. Shows progress on stderr; exits 3 if anything is damaged.',
    )
    .action(async () => {
      const opts = globals();
      const progress = progressPrinter();
      await withSignedIn(
        { ...opts, progress },
        async (api) => {
          const result = await api.call('vault.verify', undefined);
          print(opts, result, () => {
            const db = result.database;
            const lines = [
              `Database: ${databaseCheckSummary(db)}.`,
              ...db.damagedPages.map((d) => `  ${damagedPageLine(d)}`),
              ...(db.damagedPageCount > db.damagedPages.length ? [`  ...and ${db.damagedPageCount - db.damagedPages.length} more`] : []),
              ...(db.sqliteCheck && !db.sqliteCheck.ok && db.damagedPageCount > 0 ? db.sqliteCheck.problems.map((p) => `  ${p}`) : []),
              result.audit.ok
                ? `Audit log: all ${result.audit.entriesChecked} entries intact.`
                : `Audit log: entry #${result.audit.firstBrokenSeq} is broken: ${result.audit.problem}.`,
              `Files: ${result.files.checked} checked, ${result.files.damaged.length} damaged.`,
              ...result.files.damaged.map((d) => `  ${d.fileId}: ${d.problem}`),
            ];
            if (!db.ok) lines.push('', DATABASE_DAMAGE_ADVICE);
            return lines.join('\n');
          });
          if (!result.ok) process.exitCode = 3;
        },
      );
    });

  const vault = program.command('vault').description('Vault-wide key operations (owner only).');
  vault
    .command('rotate-key')
    .description(
      'Re-encrypt the database under a new key given only to the current staff and the recovery key, so an old key (a removed member, an old copy of the keyring) no longer opens it. Progress on stderr.',
    )
    .action(async () => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const stop = printRotationProgress(api);
        try {
          const result = await api.call('vault.rotateDatabaseKey', undefined);
          print(opts, result, () => `The database is now encrypted under a new key (key version ${result.version}).`);
        } finally {
          stop();
        }
      });
    });
}

function openLine(status: VaultStatus): string {
  const by = status.openBy;
  if (by) return `yes, by another program (${by.thisComputer ? `process ${by.pid}` : `on the computer ${by.host}`}, since ${formatDateTime(by.since)})`;
  return status.staleLock ? 'no (a program stopped without closing it; the next one to open the vault tidies up)' : 'no';
}

const PHASE_NAMES: Record<string, string> = {
  wal: 'Write-ahead log',
  pages: 'Database pages',
  sqlite: 'Database structure',
  audit: 'Audit log',
  files: 'Stored files',
};

/** One stderr line per phase and per tenth of the pages, so a log file stays short. */
function progressPrinter(): ProgressSink {
  let last = '';
  return ({ phase, done, total }) => {
    const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
    const key = `${phase}:${tenth}`;
    if (key === last) return;
    last = key;
    const name = PHASE_NAMES[phase] ?? phase;
    process.stderr.write(total > 1 ? `${name}: ${done} of ${total} (${tenth * 10}%)\n` : `${name}: ${done === total ? 'done' : 'checking'}\n`);
  };
}
