/**
 * tps status | screen | no-objection: TPS screening per phone number and the
 * reg 21(4) statement "the client does not object to our calls on this
 * number" (docs/phones-and-tps.md). A number may be typed any UK way; the core
 * checks it is one of the client's and refuses anything else with nothing stored.
 */
import type { Command } from 'commander';
import { CONSENT_METHODS, type ConsentMethod } from '../../contract/consent-types';
import type { MethodInput } from '../../contract/schemas';
import { type ClientPhoneTps, TPS_SOURCES, type TpsSource, type TpsStanding } from '../../contract/tps-types';
import { formatUkDate, formatUkPhone, parseUkDate } from '../../contract/uk-formats';
import { type GlobalOptions, UsageError, table, print, withSignedIn } from '../cli-context';
import { noticeIdFor, uploadEvidence } from './consent-commands';

const STANDING_LABELS: Record<TpsStanding, string> = {
  clear: 'screened, not on the TPS',
  registered: 'on the TPS',
  'out-of-date': 'screening older than 28 days',
  'not-screened': 'not screened',
};

/** One row per number: what it is, its newest screening, any reg 21(4) statement, and whether it may be called. */
export function tpsTable(numbers: ClientPhoneTps[]): string {
  if (numbers.length === 0) return 'This client has no phone number.';
  return table(
    ['Number', 'Label', 'TPS', 'Checked on', 'Does not object', 'May call'],
    numbers.map((n) => [
      formatUkPhone(n.phone),
      n.label,
      STANDING_LABELS[n.standing],
      n.latest ? formatUkDate(n.latest.checkedOn) : '',
      n.noObjection ? (n.noObjection.state === 'granted' ? `yes, since ${formatUkDate(n.noObjection.occurredAt)}` : 'withdrawn') : '',
      n.callable ? 'yes' : 'no',
    ]),
  );
}

const yesNo = (flag: string, v: string): boolean => {
  if (v !== 'yes' && v !== 'no') throw new UsageError(`${flag} takes yes or no.`);
  return v === 'yes';
};

export function registerTpsCommands(program: Command, globals: () => GlobalOptions): void {
  const tps = program.command('tps').description('Telephone Preference Service screening, number by number (PECR reg 21).');

  tps
    .command('status')
    .description("Each of the client's numbers: its TPS screening and whether it may get a marketing call today.")
    .requiredOption('--client <id>', "the client's id")
    .action(async (o: { client: string }) => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const numbers = await api.call('tps.status', { clientId: o.client });
        print(opts, numbers, () => tpsTable(numbers));
      });
    });

  tps
    .command('screen')
    .description('Record a screening of one of the client’s numbers against the TPS.')
    .requiredOption('--client <id>', "the client's id")
    .requiredOption('--number <phone>', 'the number screened, as written on the record (any UK form)')
    .requiredOption('--checked <date>', 'the day it was checked, DD/MM/YYYY')
    .requiredOption('--registered <yes|no>', 'whether the number is on the TPS')
    .option('--source <source>', TPS_SOURCES.join(', '), 'tps-website')
    .option('--reference <text>', 'the screening service’s reference or batch', '')
    .action(async (o: { client: string; number: string; checked: string; registered: string; source: string; reference: string }) => {
      const opts = globals();
      const input: MethodInput<'tps.screen'> = {
        clientId: o.client,
        phone: o.number,
        checkedOn: parseUkDate(o.checked) ?? o.checked,
        registered: yesNo('--registered', o.registered),
        source: o.source as TpsSource,
        reference: o.reference,
      };
      await withSignedIn(opts, async (api) => {
        const numbers = await api.call('tps.screen', input);
        print(opts, numbers, () => `recorded  TPS screening of ${formatUkPhone(input.phone)}\n${tpsTable(numbers)}`);
      });
    });

  tps
    .command('no-objection')
    .description('reg 21(4): record that the client does not object to our marketing calls on this number (or, with --withdraw, that they now do).')
    .requiredOption('--client <id>', "the client's id")
    .requiredOption('--number <phone>', 'the number (any UK form)')
    .requiredOption('--method <method>', CONSENT_METHODS.join(', '))
    .option('--withdraw', 'the client now objects to our calls on this number')
    .option('--occurred <date>', 'when the client told you, DD/MM/YYYY (default now)')
    .option('--notice <version>', 'the version label of the privacy notice the client was shown')
    .option('--wording <text>', 'the exact wording the client agreed to', '')
    .option('--evidence <file>', 'a scanned form or PDF to keep as evidence')
    .option('--note <text>', 'a note', '')
    .action(
      async (o: {
        client: string;
        number: string;
        method: string;
        withdraw?: boolean;
        occurred?: string;
        notice?: string;
        wording: string;
        evidence?: string;
        note: string;
      }) => {
        const opts = globals();
        await withSignedIn(opts, async (api) => {
          const input: MethodInput<'tps.noObjection'> = {
            clientId: o.client,
            phone: o.number,
            state: o.withdraw ? 'withdrawn' : 'granted',
            method: o.method as ConsentMethod,
            wording: o.wording,
            note: o.note,
          };
          if (o.occurred) input.occurredAt = parseUkDate(o.occurred) ?? o.occurred;
          if (o.notice) input.noticeId = await noticeIdFor(api, o.notice);
          if (o.evidence) input.evidenceUploadId = await uploadEvidence(api, o.evidence);
          const numbers = await api.call('tps.noObjection', input);
          const what = o.withdraw ? 'objects again to calls on' : 'does not object to calls on';
          print(opts, numbers, () => `recorded  the client ${what} ${formatUkPhone(input.phone)}\n${tpsTable(numbers)}`);
        });
      },
    );
}
