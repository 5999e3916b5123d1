/**
 * retention destroy|anonymise --client ID… --confirm, retention resume BATCH,
 * retention batches, retention certificates, retention certificate ID --out FILE
 * (docs/retention-actions.md). Owner only: the core refuses anyone else.
 * Progress goes to stderr (stdout keeps the result); Ctrl-C stops the batch
 * between clients, and `retention resume` finishes it.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AppError, type ApiResult } from '../../contract/errors';
import { ANONYMISE_CONFIRMATION, DESTROY_CONFIRMATION } from '../../contract/retention-action-schemas';
import { RETENTION_ACTION_CATEGORIES, type RetentionActionCategory, type RetentionBatch } from '../../contract/retention-action-types';
import { formatUkDate } from '../../contract/uk-formats';
import type { CoreApi } from '../../core/app';
import { type GlobalOptions, UsageError, formatDateTime, parseUkDate, print, table, withSignedIn } from '../cli-context';

function batchText(b: RetentionBatch): string {
  const verb = b.kind === 'destroy' ? 'destroyed' : 'anonymised';
  const lines = [`Batch ${b.id}: ${b.done} of ${b.total} client(s) ${verb}.`];
  if (b.refused > 0) lines.push(`${b.refused} refused and left untouched: ${b.refusals.map((r) => `${r.clientId} (${r.code})`).join(', ')}.`);
  if (b.status === 'stopped' || b.status === 'interrupted') lines.push(`Stopped with ${b.pending} untouched: finish with \`retention resume ${b.id}\`.`);
  if (b.certificateId) lines.push(`Certificate ${b.certificateId}: write it with \`retention certificate ${b.certificateId} --out FILE.pdf\`.`);
  return lines.join('\n');
}

/** Runs a batch call with its progress on stderr; Ctrl-C stops it between clients. */
async function runWithProgress(api: CoreApi, method: 'retention.destroy' | 'retention.anonymise' | 'retention.batch.resume', input: unknown): Promise<RetentionBatch> {
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.once('SIGINT', onSigint);
  let last = '';
  try {
    const r = (await api.dispatch(method, input, {
      signal: stop.signal,
      onProgress: (p) => {
        // Every tenth client and the last: enough to see it move without flooding a terminal.
        if (p.label !== last && (p.done % 10 === 0 || p.done === p.total)) process.stderr.write(`${p.label}\n`);
        last = p.label;
      },
    })) as ApiResult<RetentionBatch>;
    if (!r.ok) throw new AppError(r.error.code, r.error.message, { issues: r.error.issues });
    return r.value;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function asOfOption(text: string | undefined): string | undefined {
  return text === undefined ? undefined : parseUkDate(text, '--as-of');
}

function requireConfirm(confirm: boolean | undefined, what: string): void {
  if (!confirm) throw new UsageError(`${what} cannot be undone. Add --confirm to go ahead.`);
}

/** Adds to the `retention` command (retention-core's queue, policy and holds live on the same command). */
export function registerRetentionActionCommands(program: Command, globals: () => GlobalOptions): void {
  const retention =
    program.commands.find((c) => c.name() === 'retention') ??
    program.command('retention').description('The retention queue: destroy or anonymise what is past its retention date (owner only).');

  retention
    .command('destroy')
    .description('Destroy the clients’ data in the category, as one batch with a certificate (owner only).')
    .requiredOption('--client <ids...>', 'the clients’ ids')
    .option('--category <category>', `one of ${RETENTION_ACTION_CATEGORIES.join(', ')}`, 'clinical')
    .option('--as-of <date>', 'the date to count as today (DD/MM/YYYY)')
    .option('--confirm', 'confirm the destruction (it cannot be undone)')
    .action(async (o: { client: string[]; category: string; asOf?: string; confirm?: boolean }) => {
      const opts = globals();
      if (!(RETENTION_ACTION_CATEGORIES as readonly string[]).includes(o.category)) throw new UsageError(`--category must be one of ${RETENTION_ACTION_CATEGORIES.join(', ')}.`);
      requireConfirm(o.confirm, 'Destruction');
      const asOf = asOfOption(o.asOf);
      await withSignedIn(opts, async (api) => {
        const items = o.client.map((clientId) => ({ clientId, category: o.category as RetentionActionCategory }));
        const b = await runWithProgress(api, 'retention.destroy', { items, confirm: DESTROY_CONFIRMATION, ...(asOf ? { asOf } : {}) });
        print(opts, b, () => batchText(b));
      });
    });

  retention
    .command('anonymise')
    .description('Keep the clients’ treatment statistics without identity and destroy the rest, as one batch with a certificate (owner only).')
    .requiredOption('--client <ids...>', 'the clients’ ids')
    .option('--as-of <date>', 'the date to count as today (DD/MM/YYYY)')
    .option('--confirm', 'confirm the anonymisation (it cannot be undone)')
    .action(async (o: { client: string[]; asOf?: string; confirm?: boolean }) => {
      const opts = globals();
      requireConfirm(o.confirm, 'Anonymisation');
      const asOf = asOfOption(o.asOf);
      await withSignedIn(opts, async (api) => {
        const b = await runWithProgress(api, 'retention.anonymise', { clientIds: o.client, confirm: ANONYMISE_CONFIRMATION, ...(asOf ? { asOf } : {}) });
        print(opts, b, () => batchText(b));
      });
    });

  retention
    .command('resume')
    .argument('<batch>', 'the batch’s id')
    .option('--as-of <date>', 'the date to count as today (DD/MM/YYYY)')
    .description('Finish a batch that was stopped or interrupted: the clients not yet done.')
    .action(async (batchId: string, o: { asOf?: string }) => {
      const opts = globals();
      const asOf = asOfOption(o.asOf);
      await withSignedIn(opts, async (api) => {
        const b = await runWithProgress(api, 'retention.batch.resume', { batchId, ...(asOf ? { asOf } : {}) });
        print(opts, b, () => batchText(b));
      });
    });

  retention
    .command('batches')
    .description('Every destroy and anonymise batch, newest first, with its state.')
    .action(async () => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const { batches } = await api.call('retention.batch.list', undefined);
        print(opts, batches, () =>
          batches.length === 0
            ? 'No batches yet.'
            : table(
                ['Batch', 'Kind', 'Started', 'State', 'Done', 'Certificate'],
                batches.map((b) => [b.id, b.kind, formatDateTime(b.startedAt), b.status, `${b.done} of ${b.total}`, b.certificateId ?? '']),
              ),
        );
      });
    });

  retention
    .command('certificates')
    .description('The destruction certificates, newest first (ids, dates and counts; no personal data).')
    .action(async () => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const { certificates } = await api.call('retention.certificates.list', undefined);
        print(opts, certificates, () =>
          certificates.length === 0
            ? 'No certificates yet.'
            : table(
                ['Certificate', 'Kind', 'Issued', 'Clients', 'Policy', 'By'],
                certificates.map((c) => [c.id, c.kind, formatUkDate(c.issuedAt.slice(0, 10)), String(c.count), `v${c.policyVersion}`, c.staffName]),
              ),
        );
      });
    });

  retention
    .command('certificate')
    .argument('<id>', 'the certificate’s id')
    .requiredOption('--out <file>', 'where to write the PDF')
    .description('Write a destruction certificate as a PDF.')
    .action(async (id: string, o: { out: string }) => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const pdf = await api.call('retention.certificates.pdf', { id });
        const file = resolve(o.out);
        writeFileSync(file, Buffer.from(pdf.pdfBase64, 'base64'), { mode: 0o600 });
        print(opts, { file, sha256: pdf.sha256, pages: pdf.pages }, () => `Certificate written to ${file} (${pdf.pages} page(s); data SHA-256 ${pdf.sha256}).`);
      });
    });
}
