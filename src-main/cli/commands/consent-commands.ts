/**
 * consent record | withdraw | current | history | purposes, and suppress.
 *
 * Every consent is recorded with how it was given (Art 7(1)); withdrawing is
 * one command, as easy as giving; `suppress` records an objection to direct
 * marketing (Art 21(3)). The core validates everything: a refused field is
 * named in the one-line error (exit 1) and nothing is stored.
 */
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type {
  ClientConsentSummary,
  ConsentEvent,
  ConsentMethod,
  ConsentState,
  MarketingBasis,
  RecordedConsent,
} from '../../contract/consent-types';
import { AppError } from '../../contract/errors';
import { londonToday } from '../../contract/field-schemas';
import { noticeInEffectOn } from '../../contract/notice-in-effect';
import type { MethodInput } from '../../contract/schemas';
import { formatUkDateTime, isRealIsoDate, parseUkDate } from '../../contract/uk-formats';
import type { CoreApi } from '../../core/app';
import { type GlobalOptions, UsageError, formatDateTime, print, table, withSignedIn } from '../cli-context';

interface RecordOptions {
  client: string;
  purpose: string;
  state: string;
  method?: string;
  notice?: string;
  evidence?: string;
  occurred?: string;
  at?: string;
  basis?: string;
  wording?: string;
  note?: string;
  treatment?: string;
  tpsChecked?: string;
  tpsRegistered?: string;
  softOptInConfirmed?: boolean;
  explicitRegrant?: boolean;
}

function fieldError(field: string, message: string): AppError {
  return new AppError('VALIDATION', message, { issues: [{ field, message }] });
}

/** A DD/MM/YYYY date becomes ISO; anything else goes to the core as typed, so its message names the field. */
const isoOrAsTyped = (text: string) => parseUkDate(text) ?? text;

export async function noticeIdFor(api: CoreApi, label: string): Promise<string> {
  const notices = await api.call('notices.list', undefined);
  const found = notices.find((n) => n.versionLabel.toLowerCase() === label.trim().toLowerCase());
  if (!found) throw fieldError('--notice', `There is no privacy notice with version label "${label}".`);
  return found.id;
}

/** Streams the file into the vault as a staged upload (never read into memory whole). */
export async function uploadEvidence(api: CoreApi, path: string): Promise<string> {
  if (!statSync(path, { throwIfNoEntry: false })?.isFile()) throw fieldError('--evidence', `There is no file at ${path}.`);
  const staged = await api.upload(createReadStream(path), { fileName: basename(path) });
  if (!staged.ok) throw new AppError(staged.error.code, staged.error.message, { issues: staged.error.issues });
  return staged.value.uploadId;
}

function eventLine(e: ConsentEvent): string {
  return `${e.state.padEnd(9)}  ${e.purposeLabel}  (${e.purposeId})  ${e.id}`;
}

/**
 * What was recorded, and what it means now: a backdated event outranked by a
 * later one is said to be not in force (never just "recorded granted"), and a
 * grant the clinic cannot demonstrate is marked (docs/consent-rules.md).
 */
function recordedText(e: RecordedConsent, prefilled: string[]): string {
  const lines = [`recorded  ${eventLine(e)}`];
  if (prefilled.length > 0) lines.push(`  with ${prefilled.join(' and ')}`);
  if (e.overriddenBy) {
    lines.push(
      `  not in force: the client's later answer (${e.overriddenBy.state}, ${formatUkDateTime(e.overriddenBy.occurredAt).slice(0, 16)}) stands.`,
    );
  }
  if (e.evidenceIncomplete) lines.push('  evidence incomplete: no privacy-notice version or no wording recorded (Art 7(1)).');
  return lines.join('\n');
}

/** --occurred DD/MM/YYYY and --at HH:MM become one London time (YYYY-MM-DDTHH:MM) for the core. */
function occurredInput(occurred: string | undefined, at: string | undefined, today: string): string | undefined {
  if (at === undefined) return occurred ? isoOrAsTyped(occurred) : undefined;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(at.trim())) throw new UsageError('--at takes a time like 14:30 (24-hour, London time).');
  const day = occurred ? isoOrAsTyped(occurred) : today;
  if (!isRealIsoDate(day)) throw fieldError('--occurred', 'Enter a real date, like 25/12/2026.');
  return `${day}T${at.trim()}`;
}

/** The core asks for the time of a same-day paper form (field occurredTime): here that is --at. */
function withAtHint(err: unknown): unknown {
  if (!(err instanceof AppError) || !err.issues?.some((i) => i.field === 'occurredTime')) return err;
  const issues = err.issues.map((i) => (i.field === 'occurredTime' ? { field: '--at', message: `${i.message} Give it with --at HH:MM.` } : i));
  return new AppError(err.code, err.message, { issues });
}

function currentTable(s: ClientConsentSummary): string {
  const head = s.suppressed ? `Objected to direct marketing on ${formatDateTime(s.suppressedAt!)}: on the suppression list.\n` : '';
  return (
    head +
    table(
      ['Purpose', 'State', 'Since', 'Basis', 'Notice', 'Evidence'],
      s.current.map((c) => [
        c.treatmentId ? `${c.purpose.label} (${c.treatmentId})` : c.purpose.label,
        c.state,
        c.since ? formatDateTime(c.since) : '',
        c.basis ?? '',
        c.noticeVersion ?? '',
        c.evidenceIncomplete ? 'incomplete' : '',
      ]),
    )
  );
}

function historyTable(events: ConsentEvent[]): string {
  return table(
    ['When', 'Purpose', 'State', 'How', 'Recorded by', 'Notice', 'Evidence', 'Note'],
    events.map((e) => [
      formatDateTime(e.occurredAt),
      e.purposeId,
      e.state,
      e.method,
      e.recordedByName,
      e.noticeVersion ?? '',
      e.evidenceIncomplete ? 'incomplete' : '',
      e.note,
    ]),
  );
}

/**
 * A grant is recorded with the privacy notice in force on its day and the
 * purpose's standard wording unless others are given, as the window pre-fills
 * them (Art 7(1)); the output says which were used.
 */
async function prefill(api: CoreApi, o: RecordOptions, input: MethodInput<'consent.record'>, today: string): Promise<string[]> {
  if (o.state !== 'granted') return [];
  const used: string[] = [];
  if (!o.notice) {
    const day = input.occurredAt && /^\d{4}-\d{2}-\d{2}/.test(input.occurredAt) ? input.occurredAt.slice(0, 10) : today;
    const notice = noticeInEffectOn(await api.call('notices.list', undefined), day);
    if (notice) {
      input.noticeId = notice.id;
      used.push(`privacy notice ${notice.versionLabel} (in force on that day)`);
    }
  }
  if (o.wording === undefined) {
    const purpose = (await api.call('consent.purposes', undefined)).find((p) => p.id === o.purpose);
    if (purpose?.standardWording) {
      input.wording = purpose.standardWording;
      used.push("the purpose's standard wording");
    }
  }
  return used;
}

async function recordInput(api: CoreApi, o: RecordOptions, today: string): Promise<MethodInput<'consent.record'>> {
  const input: MethodInput<'consent.record'> = {
    clientId: o.client,
    purposeId: o.purpose,
    state: o.state as ConsentState,
    method: o.method as ConsentMethod,
    wording: o.wording ?? '',
    note: o.note ?? '',
    treatmentId: o.treatment ?? null,
    explicitRegrant: o.explicitRegrant ?? false,
  };
  const occurredAt = occurredInput(o.occurred, o.at, today);
  if (occurredAt !== undefined) input.occurredAt = occurredAt;
  if (o.basis) input.basis = o.basis as MarketingBasis;
  if (o.softOptInConfirmed) {
    input.softOptIn = { detailsCollectedDuringSale: true, similarServicesOnly: true, optOutOfferedAtCollection: true };
  }
  if (o.tpsChecked) input.tpsCheckedOn = isoOrAsTyped(o.tpsChecked);
  if (o.tpsRegistered !== undefined) {
    if (!['yes', 'no'].includes(o.tpsRegistered)) throw new UsageError('--tps-registered takes yes or no.');
    input.tpsRegistered = o.tpsRegistered === 'yes';
  }
  if (o.notice) input.noticeId = await noticeIdFor(api, o.notice);
  if (o.evidence) input.evidenceUploadId = await uploadEvidence(api, o.evidence);
  return input;
}

export function registerConsentCommands(program: Command, globals: () => GlobalOptions): void {
  const consent = program.command('consent').description('The consent ledger: record, withdraw and show consents.');

  consent
    .command('record')
    .description('Record a consent given, refused or withdrawn, with how the client told you.')
    .requiredOption('--client <id>', "the client's id")
    .requiredOption('--purpose <id>', 'the purpose, like marketing.email (see `consent purposes`)')
    .requiredOption('--state <state>', 'granted, refused or withdrawn')
    .option('--method <method>', 'in-person, paper-form, online-form, phone, email or imported')
    .option('--notice <version>', 'the version label of the privacy notice the client was shown (a grant: default the one in force that day)')
    .option('--evidence <file>', 'a scanned form or PDF to keep as evidence')
    .option('--occurred <date>', 'when the client told you, DD/MM/YYYY (default now; a date alone is the start of that day)')
    .option('--at <HH:MM>', 'the time the client told you (London time), needed on a day that already has a record for the purpose')
    .option('--basis <basis>', 'email and SMS marketing: consent or soft-opt-in')
    .option('--soft-opt-in-confirmed', 'all three soft opt-in conditions hold (PECR reg 22(3))')
    .option('--tps-checked <date>', 'telephone marketing, optional: a TPS check noted on the grant (the list reads `tps screen`, per number)')
    .option('--tps-registered <yes|no>', 'telephone marketing, with --tps-checked: whether the number was on the TPS')
    .option('--treatment <id>', 'consent to treatment: the treatment')
    .option('--wording <text>', "the exact wording the client was shown or told (a grant: default the purpose's standard wording)")
    .option('--note <text>', 'a note')
    .option('--explicit-regrant', 'the client, who objected to marketing, has given fresh explicit consent')
    .action(async (o: RecordOptions) => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const today = londonToday(api.core.clock.now());
        const input = await recordInput(api, o, today);
        const prefilled = await prefill(api, o, input, today);
        const event = await api.call('consent.record', input).catch((err: unknown) => {
          throw withAtHint(err);
        });
        print(opts, event, () => recordedText(event, prefilled));
      });
    });

  consent
    .command('withdraw')
    .description('Record that the client withdrew a consent (Art 7(3): as easy as giving it).')
    .requiredOption('--client <id>', "the client's id")
    .requiredOption('--purpose <id>', 'the purpose, like marketing.sms')
    .option('--method <method>', 'how the client told you')
    .option('--treatment <id>', 'consent to treatment: the treatment')
    .option('--note <text>', 'a note', '')
    .action(async (o: { client: string; purpose: string; method?: string; treatment?: string; note: string }) => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const event = await api.call('consent.withdraw', {
          clientId: o.client,
          purposeId: o.purpose,
          method: o.method as ConsentMethod,
          treatmentId: o.treatment ?? null,
          note: o.note,
        });
        print(opts, event, () => recordedText(event, []));
      });
    });

  consent
    .command('current')
    .description("The client's current consent for every purpose you may see.")
    .requiredOption('--client <id>', "the client's id")
    .action(async (o: { client: string }) => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const summary = await api.call('consent.current', { clientId: o.client });
        print(opts, summary, () => currentTable(summary));
      });
    });

  consent
    .command('history')
    .description("The client's full consent timeline, newest first.")
    .requiredOption('--client <id>', "the client's id")
    .option('--purpose <id>', 'one purpose only')
    .action(async (o: { client: string; purpose?: string }) => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const events = await api.call('consent.history', { clientId: o.client, purposeId: o.purpose });
        print(opts, events, () => (events.length ? historyTable(events) : 'No consents recorded.'));
      });
    });

  consent
    .command('purposes')
    .description("The clinic's consent purposes.")
    .action(async () => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const purposes = await api.call('consent.purposes', undefined);
        print(opts, purposes, () =>
          table(['Id', 'Purpose', 'Category', 'Channel', 'In use'], purposes.map((p) => [p.id, p.label, p.category, p.channel ?? '', p.active ? 'yes' : 'no'])),
        );
      });
    });

  program
    .command('suppress')
    .description('Record an objection to direct marketing (Art 21(3)): withdraws all marketing and adds the client to the suppression list.')
    .requiredOption('--client <id>', "the client's id")
    .option('--method <method>', 'how the client told you', 'in-person')
    .option('--note <text>', 'a note', '')
    .action(async (o: { client: string; method: string; note: string }) => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const summary = await api.call('consent.object', { clientId: o.client, method: o.method as ConsentMethod, note: o.note });
        print(opts, summary, () => `suppressed  ${o.client}: every marketing consent withdrawn; on the suppression list.`);
      });
    });
}
