/**
 * marketing-list: who may be contacted by a channel today (owner only). Prints
 * the counts (included, and each reason people were left out); with --csv the
 * list is streamed to FILE (core/marketing/marketing-export.ts): a temporary
 * file beside it, written row by row, flushed and renamed into place, so a
 * mailing tool never reads half a list and the whole list is never in memory.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { MARKETING_CHANNELS, type MarketingChannel, type MarketingExclusion, type MarketingExport } from '../../contract/consent-types';
import { AppError } from '../../contract/errors';
import { can } from '../../contract/permissions';
import { writeMarketingList } from '../../core/marketing/marketing-export';
import { EXCLUSION_ORDER } from '../../core/marketing/marketing-rules';
import type { CoreApi } from '../../core/app';
import { type GlobalOptions, UsageError, print, withSignedIn } from '../cli-context';

const REASON_LABELS: Record<MarketingExclusion, string> = {
  'not-granted': 'no consent (withdrawn, refused or never asked)',
  suppressed: 'objected to marketing',
  restricted: 'processing restricted',
  deceased: 'deceased',
  'under-18': 'under 18 or no date of birth',
  'no-contact-detail': 'no contact detail for this channel',
  'evidence-incomplete': 'consent evidence incomplete (no privacy notice or no wording recorded)',
  tps: 'on the Telephone Preference Service',
  'tps-check-out-of-date': 'TPS check older than 28 days',
  'tps-not-screened': 'number not screened against the TPS (new or changed since; clinic-vault tps screen)',
};

/**
 * The list straight to a file, in this process (the CLI runs the core itself).
 * The contract's marketing.export answers with the text for the window; here
 * the same rule of who may make a list is checked before anything is read.
 */
function streamListToFile(api: CoreApi, channel: MarketingChannel, file: string) {
  const { vault, session } = api.core.requireSession();
  if (!can(session.staff.role, 'marketing.export')) throw new AppError('FORBIDDEN');
  api.core.refuseIfRollbackUnconfirmed('marketing.export');
  return writeMarketingList({ db: vault.db, audit: vault.audit, clock: api.core.clock, staffId: session.staff.id }, channel, file);
}

export function registerMarketingCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('marketing-list')
    .description('Who may be sent marketing by a channel today, with the reasons others are left out (owner only).')
    .requiredOption('--channel <channel>', `one of ${MARKETING_CHANNELS.join(', ')}`)
    .option('--csv <file>', 'write the list as CSV (UTF-8, for Excel or a mailing service)')
    .action(async (o: { channel: string; csv?: string }) => {
      const opts = globals();
      if (!(MARKETING_CHANNELS as readonly string[]).includes(o.channel)) {
        throw new UsageError(`--channel must be one of ${MARKETING_CHANNELS.join(', ')}.`);
      }
      const channel = o.channel as MarketingChannel;
      await withSignedIn(opts, async (api) => {
        let summary: Omit<MarketingExport, 'csv'>;
        if (o.csv) {
          const { bytes: _bytes, ...written } = streamListToFile(api, channel, o.csv);
          summary = written;
        } else {
          const { csv: _csv, ...made } = await api.call('marketing.export', { channel });
          summary = made;
        }
        const list = summary;
        print(opts, { ...summary, ...(o.csv ? { csvFile: resolve(o.csv) } : {}) }, () =>
          [
            `Marketing by ${channel}: ${list.included.toLocaleString('en-GB')} may be contacted.`,
            ...(list.includedEvidenceIncomplete > 0
              ? [`  of whom ${list.includedEvidenceIncomplete.toLocaleString('en-GB')} rest on a consent whose evidence is incomplete (included by the clinic's setting).`]
              : []),
            ...EXCLUSION_ORDER.filter((r) => channel === 'phone' || !r.startsWith('tps')).map(
              (r) => `  left out, ${r === 'no-contact-detail' && channel === 'messenger' ? 'no Messenger handle' : REASON_LABELS[r]}: ${list.excluded[r].toLocaleString('en-GB')}`,
            ),
            ...(o.csv ? [`List written to ${resolve(o.csv)}.`] : []),
          ].join('\n'),
        );
      });
    });
}
