/**
 * requests add | update | show | list: the register of data subject requests
 * from a script (issue #12 item 13, docs/requests.md). `--as-of YYYY-MM-DD`
 * fixes "today" for the days left and the overdue list (and for checking that
 * no date is in the future), so a printed register can be reproduced; the core
 * refuses a day after the real today. `--json` prints the request with `id`,
 * `dueDate`, `status` and, while an extension can still be given,
 * `extensionNoticeBy`.
 */
import type { Command } from 'commander';
import {
  REQUEST_CHANNELS,
  REQUEST_OUTCOMES,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  type RequestChannel,
  type RequestOutcome,
  type RequestStatus,
  type RequestType,
  type RequestWithHistory,
  type SubjectRequest,
} from '../../contract/request-types';
import type { MethodInput } from '../../contract/schemas';
import { formatUkDate } from '../../contract/uk-formats';
import { type GlobalOptions, UsageError, parseUkDate, print, table, withSignedIn } from '../cli-context';

/** What --json prints for a request: the request, with extensionNoticeBy on top while an extension can be given. */
export function requestJson(r: SubjectRequest): Record<string, unknown> {
  const noticeBy = r.status === 'open' ? r.deadline.extensionNoticeBy : null;
  return { ...r, ...(noticeBy ? { extensionNoticeBy: noticeBy } : {}) };
}

function daysLeftText(r: SubjectRequest): string {
  if (r.status === 'closed') return 'closed';
  if (r.daysLeft === null) return r.deadline.clockStoppedFor ? `clock stopped (${r.deadline.clockStoppedFor})` : '';
  if (r.daysLeft < 0) return `${-r.daysLeft} days overdue`;
  return r.daysLeft === 0 ? 'due today' : `${r.daysLeft} days left`;
}

function requestText(r: SubjectRequest): string {
  const lines = [
    `${r.reference}  ${r.displayName}  (${r.id})`,
    `  ${r.types.join(', ')}, by ${r.channel.replace('_', ' ')}, received ${formatUkDate(r.receivedOn)}`,
    `  status ${r.status}${r.outcome ? ` (${r.outcome.replaceAll('_', ' ')})` : ''}; due ${r.dueDate ? formatUkDate(r.dueDate) : '-'}; ${daysLeftText(r)}`,
  ];
  if (r.status === 'open' && r.deadline.extensionNoticeBy) lines.push(`  an extension can be given until ${formatUkDate(r.deadline.extensionNoticeBy)}`);
  if (!r.identityVerified) lines.push(`  identity: ${r.identityProblem}`);
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  return lines.join('\n');
}

/** "access,erasure" (or consent-withdrawal, with a dash) to the request types, or a usage error naming the wrong one. */
function parseTypes(text: string): RequestType[] {
  return text.split(',').map((raw) => {
    const t = raw.trim().replaceAll('-', '_');
    if (!(REQUEST_TYPES as readonly string[]).includes(t)) throw new UsageError(`--type: "${raw}" is not a kind of request. Use ${REQUEST_TYPES.join(', ')}.`);
    return t as RequestType;
  });
}

function oneOf<T extends string>(flag: string, list: readonly T[], raw: string): T {
  const v = raw.replaceAll('-', '_');
  if (!(list as readonly string[]).includes(v)) throw new UsageError(`${flag} takes one of ${list.join(', ')}.`);
  return v as T;
}

const asOfOf = (o: { asOf?: string }) => (o.asOf ? { asOf: parseUkDate(o.asOf, '--as-of') } : {});

function printRequest(opts: GlobalOptions, r: RequestWithHistory): void {
  for (const w of r.request.warnings) process.stderr.write(`Warning: ${w}\n`);
  print(opts, requestJson(r.request), () => requestText(r.request));
}

interface UpdateOptions {
  asOf?: string;
  idRequested?: string;
  idReceived?: string;
  clarificationAsked?: string;
  clarificationAnswered?: string;
  feeRequested?: string;
  feeReceived?: string;
  feeReason?: string;
  fee?: string;
  extend?: boolean;
  reason?: string;
  told?: string;
  status?: string;
  outcome?: string;
  sent?: string;
  client?: string;
}

function updateChanges(o: UpdateOptions): MethodInput<'requests.update'>['changes'] {
  const c: MethodInput<'requests.update'>['changes'] = {};
  if (o.clarificationAsked) c.clarificationAskedOn = parseUkDate(o.clarificationAsked, '--clarification-asked');
  if (o.clarificationAnswered) c.clarificationAnsweredOn = parseUkDate(o.clarificationAnswered, '--clarification-answered');
  if (o.feeRequested) {
    if (!o.feeReason || !o.fee) {
      throw new UsageError('A fee is only for a manifestly unfounded or excessive request: give --fee-reason unfounded|excessive and --fee POUNDS with --fee-requested.');
    }
    const pence = Math.round(Number(o.fee) * 100);
    if (!Number.isFinite(pence) || pence <= 0) throw new UsageError('--fee is the amount in pounds, like 25 or 12.50.');
    c.fee = { reason: oneOf('--fee-reason', ['unfounded', 'excessive'] as const, o.feeReason) === 'unfounded' ? 'manifestly_unfounded' : 'manifestly_excessive', amountPence: pence, requestedOn: parseUkDate(o.feeRequested, '--fee-requested') };
  }
  if (o.feeReceived) c.feeReceivedOn = parseUkDate(o.feeReceived, '--fee-received');
  if (o.extend) {
    if (!o.reason || !o.told) throw new UsageError('--extend needs --reason TEXT (why it is complex) and --told DATE (when the person was told).');
    c.extension = { reason: o.reason, toldOn: parseUkDate(o.told, '--told') };
  } else if (o.reason || o.told) {
    throw new UsageError('--reason and --told go with --extend.');
  }
  if (o.status) c.status = oneOf<RequestStatus>('--status', REQUEST_STATUSES, o.status);
  if (o.outcome) c.outcome = oneOf<RequestOutcome>('--outcome', REQUEST_OUTCOMES, o.outcome);
  if (o.sent) c.responseSentOn = parseUkDate(o.sent, '--sent');
  if (o.client) c.clientId = o.client;
  return c;
}

export function registerRequestCommands(program: Command, globals: () => GlobalOptions): void {
  const requests = program.command('requests').description('The register of data subject requests (access, erasure, ...) and their statutory deadlines.');

  requests
    .command('add')
    .description('Log a request from a client (--client) or from a person not yet matched to one (--person).')
    .option('--client <id>', "the client's id")
    .option('--person <name>', 'the name the person gave, when they are not matched to a client yet')
    .requiredOption('--type <types>', `what they ask for, comma-separated: ${REQUEST_TYPES.join(', ')}`)
    .requiredOption('--received <date>', 'the day the request arrived, YYYY-MM-DD or DD/MM/YYYY')
    .option('--channel <channel>', REQUEST_CHANNELS.join(', '), 'letter')
    .option('--id-needed <text>', 'the ID you will ask for (shown on the acknowledgement letter)')
    .option('--id-requested <date>', 'the day you asked for ID (the clock waits until it arrives)')
    .option('--as-of <date>', 'the day to count from instead of today')
    .action(async (o: { client?: string; person?: string; type: string; received: string; channel: string; idNeeded?: string; idRequested?: string; asOf?: string }) => {
      const opts = globals();
      if (!o.client === !o.person) throw new UsageError('Give either --client ID or --person NAME.');
      const input: MethodInput<'requests.add'> = {
        clientId: o.client ?? null,
        personName: o.person ?? null,
        types: parseTypes(o.type),
        channel: oneOf<RequestChannel>('--channel', REQUEST_CHANNELS, o.channel),
        receivedOn: parseUkDate(o.received, '--received'),
        ...(o.idNeeded ? { identityNeeded: o.idNeeded } : {}),
        ...(o.idRequested ? { identityRequestedOn: parseUkDate(o.idRequested, '--id-requested') } : {}),
        ...asOfOf(o),
      };
      await withSignedIn(opts, async (api) => printRequest(opts, await api.call('requests.add', input)));
    });

  requests
    .command('update <id>')
    .description('Record what happened on a request; prints it with its new due date.')
    .option('--id-requested <date>', 'the day ID was asked for')
    .option('--id-received <date>', 'the day the ID arrived')
    .option('--clarification-asked <date>', 'the day you asked the person to clarify (stops the clock)')
    .option('--clarification-answered <date>', 'the day their clarification arrived (restarts it)')
    .option('--fee-requested <date>', 'the day a fee was asked for (manifestly unfounded or excessive requests only)')
    .option('--fee-reason <reason>', 'unfounded or excessive')
    .option('--fee <pounds>', 'the fee asked for, in pounds')
    .option('--fee-received <date>', 'the day the fee was paid')
    .option('--extend', 'extend by two months (complex or several requests), with --reason and --told')
    .option('--reason <text>', 'why the request is extended')
    .option('--told <date>', 'the day the person was told of the extension')
    .option('--status <status>', REQUEST_STATUSES.join(', '))
    .option('--outcome <outcome>', REQUEST_OUTCOMES.join(', '))
    .option('--sent <date>', 'the day the response was sent')
    .option('--client <id>', 'match the request to this client')
    .option('--as-of <date>', 'the day to count from instead of today')
    .action(async (id: string, o: UpdateOptions) => {
      const opts = globals();
      const changes = updateChanges(o);
      const identity: MethodInput<'requests.recordIdentity'> = { id, ...asOfOf(o) };
      if (o.idRequested) identity.identityRequestedOn = parseUkDate(o.idRequested, '--id-requested');
      if (o.idReceived) identity.identityReceivedOn = parseUkDate(o.idReceived, '--id-received');
      const hasIdentity = o.idRequested !== undefined || o.idReceived !== undefined;
      if (!hasIdentity && Object.keys(changes).length === 0) throw new UsageError('Say what to record: see clinic-vault requests update --help.');
      await withSignedIn(opts, async (api) => {
        // ID alone is reception's part (requests.log); anything else is the owner's, in the same change.
        const result = Object.keys(changes).length === 0
          ? await api.call('requests.recordIdentity', identity)
          : await api.call('requests.update', {
              id,
              changes: { ...changes, ...(identity.identityRequestedOn ? { identityRequestedOn: identity.identityRequestedOn } : {}), ...(identity.identityReceivedOn ? { identityReceivedOn: identity.identityReceivedOn } : {}) },
              ...asOfOf(o),
            });
        printRequest(opts, result);
      });
    });

  requests
    .command('show <id>')
    .description('One request, with its history.')
    .option('--as-of <date>', 'the day to count from instead of today')
    .action(async (id: string, o: { asOf?: string }) => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const r = await api.call('requests.get', { id, ...asOfOf(o) });
        print(opts, { ...requestJson(r.request), history: r.history }, () =>
          [requestText(r.request), '', table(['When', 'Who', 'What'], r.history.map((h) => [h.at.slice(0, 10), h.staffName, h.kind]))].join('\n'),
        );
      });
    });

  requests
    .command('list')
    .description('Open requests by due date.')
    .option('--overdue', 'only those past their due date')
    .option('--due-within <days>', 'only those due within this many days (overdue included)')
    .option('--all', 'closed requests too')
    .option('--as-of <date>', 'the day to count from instead of today')
    .action(async (o: { overdue?: boolean; dueWithin?: string; all?: boolean; asOf?: string }) => {
      const opts = globals();
      const within = o.dueWithin === undefined ? null : Number(o.dueWithin);
      if (within !== null && (!Number.isInteger(within) || within < 0)) throw new UsageError('--due-within takes a number of days, like 7.');
      await withSignedIn(opts, async (api) => {
        const list = await api.call('requests.list', { status: o.all ? 'all' : 'open', overdue: o.overdue ?? false, dueWithinDays: within, ...asOfOf(o) });
        print(opts, list.map(requestJson), () =>
          list.length === 0
            ? 'No requests.'
            : table(
                ['Reference', 'Name', 'Types', 'Received', 'Due', 'Days left', 'Id'],
                list.map((r) => [r.reference, r.displayName, r.types.join(','), formatUkDate(r.receivedOn), r.dueDate ? formatUkDate(r.dueDate) : '-', daysLeftText(r), r.id]),
              ),
        );
      });
    });
}
