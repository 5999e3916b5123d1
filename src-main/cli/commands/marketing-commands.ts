/**
 * marketing-list: who may be contacted by a channel today (owner only). Prints
 * the counts (included, and each reason people were left out); with --csv the
 * list goes to FILE, written to a temporary file beside it and renamed into
 * place, so a mailing tool never reads half a list.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { MARKETING_CHANNELS, type MarketingChannel, type MarketingExclusion } from '../../shared/consent-types';
import { EXCLUSION_ORDER } from '../../core/marketing/marketing-rules';
import { type GlobalOptions, UsageError, print, withSignedIn } from '../cli-context';

const REASON_LABELS: Record<MarketingExclusion, string> = {
  'not-granted': 'no consent (withdrawn, refused or never asked)',
  suppressed: 'objected to marketing',
  restricted: 'processing restricted',
  deceased: 'deceased',
  'under-18': 'under 18 or no date of birth',
  'no-contact-detail': 'no contact detail for this channel',
  tps: 'on the Telephone Preference Service',
  'tps-check-out-of-date': 'TPS check missing or older than 28 days',
};

/** Writes `text` to `file` whole or not at all: temp file in the same folder, flushed, renamed. */
export function writeFileAtomically(file: string, text: string): void {
  const target = resolve(file);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, text, null, 'utf8');
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(temp, target);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
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
        const list = await api.call('marketing.export', { channel });
        if (o.csv) writeFileAtomically(o.csv, list.csv);
        const { csv: _csv, ...summary } = list;
        print(opts, { ...summary, ...(o.csv ? { csvFile: resolve(o.csv) } : {}) }, () =>
          [
            `Marketing by ${channel}: ${list.included.toLocaleString('en-GB')} may be contacted.`,
            ...EXCLUSION_ORDER.filter((r) => channel === 'phone' || (r !== 'tps' && r !== 'tps-check-out-of-date')).map(
              (r) => `  left out, ${REASON_LABELS[r]}: ${list.excluded[r].toLocaleString('en-GB')}`,
            ),
            ...(channel === 'messenger' ? ['  (No Messenger handle is kept: the list has name, email and mobile for finding each person.)'] : []),
            ...(o.csv ? [`List written to ${resolve(o.csv)}.`] : []),
          ].join('\n'),
        );
      });
    });
}
