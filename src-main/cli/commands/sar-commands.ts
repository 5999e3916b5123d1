/**
 * sar export: writes a subject-access pack (the response PDF and the ZIP with
 * data.json, response.pdf and files/) for a request, after the owner has
 * reviewed and redacted it in the app or with the API (docs/access-pack.md).
 * Progress goes to stderr, the result to stdout.
 */
import type { Command } from 'commander';
import { AppError } from '../../contract/errors';
import type { HealthCheck } from '../../contract/access-pack-schemas';
import type { MethodOutput } from '../../contract/api';
import { type GlobalOptions, UsageError, parseUkDate, print, withSignedIn } from '../cli-context';
import { sarProgressPrinter } from './sar-progress';

interface ExportOptions {
  out: string;
  protect?: boolean;
  healthOpinion?: string;
  opinionDate?: string;
  reviewerIsHealthProfessional?: boolean;
  alreadySeen?: boolean;
  overrideRestriction?: string;
}

/** What each flag records (DPA 2018 Sch 3 paras 2-3), for the refusal's message and --help. */
export const HEALTH_FLAGS_TEXT =
  'The pack contains health data (DPA 2018 Sch 3). Record one of these, then run the command again:\n' +
  '  --reviewer-is-health-professional          you, reviewing it, are the appropriate health professional\n' +
  '  --health-opinion NAME --opinion-date DATE  a health professional said in the last six months that disclosure is safe\n' +
  '  --already-seen                             the person has already seen or knows this data';

function isoDate(text: string, what: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : parseUkDate(text, what);
}

export function healthCheckFrom(o: ExportOptions): HealthCheck | null {
  const chosen = [o.healthOpinion !== undefined || o.opinionDate !== undefined, !!o.reviewerIsHealthProfessional, !!o.alreadySeen].filter(Boolean).length;
  if (chosen > 1) throw new UsageError('Give only one of --health-opinion (with --opinion-date), --reviewer-is-health-professional and --already-seen.');
  if (o.reviewerIsHealthProfessional) return { kind: 'reviewer_is_health_professional' };
  if (o.alreadySeen) return { kind: 'already_seen' };
  if (o.healthOpinion !== undefined || o.opinionDate !== undefined) {
    if (!o.healthOpinion || !o.opinionDate) throw new UsageError('--health-opinion NAME needs --opinion-date DATE (and the other way round).');
    return { kind: 'health_opinion', professionalName: o.healthOpinion, opinionOn: isoDate(o.opinionDate, '--opinion-date') };
  }
  return null;
}

export function registerSarCommands(program: Command, globals: () => GlobalOptions): void {
  const sar = program.command('sar').description('Subject-access responses (the owner).');
  sar
    .command('export <request>')
    .description('Write the subject-access pack of a request (its id or reference, like DSR-2026-0007): a PDF and a ZIP.')
    .requiredOption('--out <dir>', 'the folder to write the PDF and ZIP to')
    .option('--protect', 'encrypt the PDF and the ZIP (AES-256) with a generated passphrase, printed once')
    .option('--health-opinion <name>', 'the health professional whose opinion (in the last six months) allows disclosure')
    .option('--opinion-date <date>', 'the date of that opinion, DD/MM/YYYY or YYYY-MM-DD')
    .option('--reviewer-is-health-professional', 'you are the appropriate health professional')
    .option('--already-seen', 'the person has already seen or knows the health data')
    .option('--override-restriction <reason>', 'disclose a restricted client’s data (UK GDPR Art 18), with the reason')
    .action(async (request: string, o: ExportOptions) => {
      const opts = globals();
      const healthCheck = healthCheckFrom(o);
      await withSignedIn(opts, async (api) => {
        try {
          // Progress on stderr (sar-progress.ts); the result alone on stdout.
          const answer = await api.dispatch(
            'accessPack.export',
            {
              requestId: request,
              outDir: o.out,
              protect: !!o.protect,
              healthCheck,
              ...(o.overrideRestriction ? { restrictionOverride: o.overrideRestriction } : {}),
            },
            { onProgress: sarProgressPrinter() },
          );
          if (!answer.ok) throw new AppError(answer.error.code, answer.error.message, { issues: answer.error.issues });
          const r = answer.value as MethodOutput<'accessPack.export'>;
          print(opts, r, () =>
            [
              `Wrote ${r.pdfFile} (${r.pages} pages)`,
              `Wrote ${r.zipFile} (${r.files} files)`,
              `SHA-256 of the PDF ${r.pdfSha256}`,
              `SHA-256 of the ZIP ${r.zipSha256}`,
              ...(r.passphrase
                ? [`Passphrase: ${r.passphrase}`, 'Tell the person this passphrase by phone. It is not stored and cannot be shown again.']
                : []),
            ].join('\n'),
          );
        } catch (err) {
          if (err instanceof AppError && err.code === 'HEALTH_CHECK_REQUIRED') throw new AppError('HEALTH_CHECK_REQUIRED', HEALTH_FLAGS_TEXT);
          throw err;
        }
      });
    });
}
