/**
 * clinic-vault: the headless admin command line over the same core as the app.
 * Errors print one line on stderr and exit non-zero: 1 for a refused or failed
 * request, 2 for a usage mistake, 3 when `verify` finds damage.
 *
 * The shipped entry (index.ts, which bin/clinic-vault.mjs loads) calls runCli
 * with the argument list only. `deps` exists so tests can run the same program
 * with a cheap key derivation (src-main/test-support/cli-entry.ts) and inside
 * the test's own process with its standard input given as text
 * (src-main/test-support/cli-in-process.ts); no command-line option or
 * environment variable can choose either.
 */
import { Command, CommanderError } from 'commander';
import { AppError } from '../contract/errors';
import { APP_VERSION } from '../core/platform/app-version';
import type { KdfCost } from '../core/platform/ports';
import { type CommandLineOptions, type GlobalOptions, UsageError, printError, readProcessStdin, terminalText } from './cli-context';
import { registerAuditCommands } from './commands/audit-commands';
import { registerBackupCommands } from './commands/backup-commands';
import { registerCatalogueCommands } from './commands/catalogue-commands';
import { registerClientCommands } from './commands/client-commands';
import { registerConsentCommands } from './commands/consent-commands';
import { registerMarketingCommands } from './commands/marketing-commands';
import { registerTpsCommands } from './commands/tps-commands';
import { registerProcessingCommands } from './commands/processing-commands';
import { registerRequestCommands } from './commands/request-commands';
import { registerPhotoCommands } from './commands/photo-commands';
import { registerSeedCommands } from './commands/seed-commands';
import { registerSettingsCommands } from './commands/settings-commands';
import { registerStaffCommands } from './commands/staff-commands';
import { registerTreatmentCommands } from './commands/treatment-commands';
import { registerVaultCommands } from './commands/vault-commands';
import { registerSarCommands } from './commands/sar-commands';
import { registerErasureCommands } from './commands/erasure-commands';

/** What only a test harness changes; the shipped entry passes nothing, so production costs apply. */
export interface CliDeps {
  kdfCost?: KdfCost;
  /** Standard input's whole text; the shipped program reads the process's own (fd 0). */
  stdin?: () => string;
}

export function buildProgram(deps: CliDeps = {}): Command {
  const program = new Command('clinic-vault')
    .description('Clinic Vault administration: an encrypted records vault for aesthetics clinics.')
    .version(APP_VERSION)
    .option('--vault <dir>', 'the vault folder (or set CLINIC_VAULT_DIR)')
    .option('--user <username>', 'sign in as this member of staff')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .option('--new-password-stdin', "read a new member's password from standard input (the line after the sign-in password)")
    .option('--json', 'print machine-readable JSON')
    .showHelpAfterError()
    // Commander echoes what was typed (an unknown option, a bad value): escaped like all output.
    .configureOutput({
      writeOut: (text) => process.stdout.write(terminalText(text)),
      writeErr: (text) => process.stderr.write(terminalText(text)),
    })
    .exitOverride();
  const kdfCost: KdfCost = deps.kdfCost ?? 'production';
  // Read once, when a command first asks: the password lines and a `-` file come from the same input.
  const readStdin = deps.stdin ?? readProcessStdin;
  let stdin: string | undefined;
  const stdinText = () => (stdin ??= readStdin());
  const globals = (): GlobalOptions => ({ ...program.opts<CommandLineOptions>(), kdfCost, stdinText });
  registerVaultCommands(program, globals);
  registerStaffCommands(program, globals);
  registerAuditCommands(program, globals);
  registerClientCommands(program, globals);
  registerSeedCommands(program, globals);
  registerTreatmentCommands(program, globals);
  registerCatalogueCommands(program, globals);
  registerPhotoCommands(program, globals);
  registerConsentCommands(program, globals);
  registerMarketingCommands(program, globals);
  registerTpsCommands(program, globals);
  registerRequestCommands(program, globals);
  registerBackupCommands(program, globals);
  registerSettingsCommands(program, globals);
  registerSarCommands(program, globals);
  registerProcessingCommands(program, globals);
  registerErasureCommands(program, globals);
  // Options given after the subcommand still count as global ones.
  program.commands.forEach(function allowGlobals(cmd: Command) {
    cmd.enablePositionalOptions(false);
    cmd.commands.forEach(allowGlobals);
  });
  return program;
}

export async function runCli(argv: string[], deps: CliDeps = {}): Promise<number> {
  const program = buildProgram(deps);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError) {
      printError(err.message);
      return 2;
    }
    if (err instanceof AppError) {
      const fields = err.issues?.length ? ` (${err.issues.map((i) => `${i.field}: ${i.message}`).join('; ')})` : '';
      printError(`${err.issues?.length ? 'Some details need correcting' : err.message}${fields}`);
      return 1;
    }
    printError(`something went wrong: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
