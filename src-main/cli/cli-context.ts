/**
 * What every CLI command shares: opening the vault, signing in as a named
 * member of staff, reading passwords without putting them on the command line,
 * and printing either for people or as JSON.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openCore, type CoreApi } from '../core/app';
import { APP_VERSION } from '../core/platform/app-version';
import type { KdfCost, Logger, ProgressSink } from '../core/platform/ports';
import { stateDirFor } from '../core/vault/state-dir';
import { formatUkDateTime, formatUkInstantDate, parseUkDate as parseSharedUkDate } from '../contract/uk-formats';
import { jsonEscapeControls, visibleControls } from '../contract/text-rules';

/** The global options as typed on the command line. */
export interface CommandLineOptions {
  vault?: string;
  json?: boolean;
  user?: string;
  passwordStdin?: boolean;
  newPasswordStdin?: boolean;
}

/** What every command receives: the command line plus what the program was built with (run-cli.ts). */
export interface GlobalOptions extends CommandLineOptions {
  /** Never from the command line: 'production' unless a test harness built the program. */
  kdfCost: KdfCost;
  /** Where the core's progress reports go (seed prints them on stderr). */
  progress?: ProgressSink;
  /**
   * Standard input's whole text, read at most once per run (run-cli.ts): the
   * password lines and a `-` file share it. Never from the command line.
   */
  stdinText?: () => string;
}

/** The CLI prints one line per error itself; the core's log goes nowhere unless asked. */
const quietLogger: Logger = {
  info() {},
  warn() {},
  error: (message, fields) => {
    if (process.env.CLINIC_VAULT_DEBUG) process.stderr.write(`${terminalText(message)} ${jsonEscapeControls(JSON.stringify(fields))}\n`);
  },
};

export function vaultDirFrom(opts: GlobalOptions): string {
  const dir = opts.vault ?? process.env.CLINIC_VAULT_DIR;
  if (!dir) throw new UsageError('Say which vault to use with --vault DIR (or set CLINIC_VAULT_DIR).');
  return resolve(dir);
}

export class UsageError extends Error {}

export function openVaultCore(opts: GlobalOptions): CoreApi {
  const vaultDir = vaultDirFrom(opts);
  return openCore({
    vaultDir,
    stateDir: stateDirFor(vaultDir),
    appVersion: APP_VERSION,
    kdfCost: opts.kdfCost,
    logger: quietLogger,
    ...(opts.progress ? { progress: opts.progress } : {}),
  });
}

/** The process's standard input, for the shipped program (run-cli.ts reads it only when a command asks). */
export const readProcessStdin = (): string => readFileSync(0, 'utf8');

/** Standard input's text for this run: the program's reader, or the process's own. */
export function stdinText(opts: GlobalOptions): string {
  return (opts.stdinText ?? readProcessStdin)();
}

function stdinLine(opts: GlobalOptions, index: number): string {
  const line = stdinText(opts).split(/\r?\n/)[index];
  if (line === undefined || line === '') throw new UsageError('Expected a password on standard input.');
  return line;
}

/** The signing-in user's password: first line of stdin with --password-stdin, else CLINIC_VAULT_PASSWORD. */
export function passwordFrom(opts: GlobalOptions): string {
  if (opts.passwordStdin) return stdinLine(opts, 0);
  const pw = process.env.CLINIC_VAULT_PASSWORD;
  if (!pw) throw new UsageError('Give the password in CLINIC_VAULT_PASSWORD or use --password-stdin.');
  return pw;
}

/** A new member's password: the next stdin line with --new-password-stdin, else CLINIC_VAULT_NEW_PASSWORD. */
export function newPasswordFrom(opts: GlobalOptions): string {
  if (opts.newPasswordStdin) return stdinLine(opts, opts.passwordStdin ? 1 : 0);
  const pw = process.env.CLINIC_VAULT_NEW_PASSWORD;
  if (!pw) throw new UsageError('Give the new password in CLINIC_VAULT_NEW_PASSWORD or use --new-password-stdin.');
  return pw;
}

/** Opens the vault, signs in as --user, runs fn, and always signs out and releases the vault. */
export async function withSignedIn<T>(opts: GlobalOptions, fn: (api: CoreApi) => Promise<T>): Promise<T> {
  if (!opts.user) throw new UsageError('Say who is signing in with --user USERNAME.');
  const password = passwordFrom(opts);
  const api = openVaultCore(opts);
  try {
    const session = await api.call('session.signIn', { username: opts.user, password });
    // Tampering or an older database found at unlock (docs/audit-anchoring.md): said on stderr, so --json output stays clean.
    for (const w of session.warnings) process.stderr.write(`Warning: ${w.message}\n`);
    return await fn(api);
  } finally {
    api.close();
  }
}

/**
 * Every line the CLI writes goes through here or `printError`: stored text may
 * come from an older build that let control and text-direction characters in,
 * and they must not move the cursor, recolour or reorder the terminal. They are
 * shown as <U+XXXX>; the new lines and tabs of the CLI's own layout stay.
 */
export function terminalText(text: string): string {
  return visibleControls(text, { newline: true, tab: true });
}

export function print(opts: GlobalOptions, json: unknown, human: () => string): void {
  process.stdout.write(opts.json ? `${jsonEscapeControls(JSON.stringify(json, null, 2))}\n` : `${terminalText(human())}\n`);
}

/** One error line on stderr, escaped like everything else printed. */
export function printError(message: string): void {
  process.stderr.write(`clinic-vault: ${terminalText(message)}\n`);
}

/** UK display: DD/MM/YYYY HH:mm:ss and DD/MM/YYYY, London time (shared with the renderer). */
export const formatDateTime = (iso: string) => formatUkDateTime(iso);
export const formatDate = (iso: string) => formatUkInstantDate(iso);

/** Accepts DD/MM/YYYY (as people in the UK write it) or YYYY-MM-DD; returns ISO or a usage error. */
export function parseUkDate(text: string, what: string): string {
  const iso = parseSharedUkDate(text);
  if (!iso) throw new UsageError(`${what} must be a real date written DD/MM/YYYY, like 25/12/2026.`);
  return iso;
}

/** A plain text table with a header row. */
export function table(headers: string[], rawRows: string[][]): string {
  // A cell is one line: a new line or tab stored in it is shown, not obeyed.
  const rows = rawRows.map((r) => r.map((c) => visibleControls(c)));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
