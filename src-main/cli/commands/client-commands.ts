/**
 * clients add | show | search | update
 *
 * A client goes in as a JSON ClientIdentity, from a file or '-' for standard
 * input: `clinic-vault clients add --json zoe.json` (the global --json then
 * also makes the output JSON). Dates of birth may be written 25/12/1990 or
 * 1990-12-25. The core validates everything; a refused field is named in the
 * one-line error and nothing is changed.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { clientIdentitySchema } from '../../contract/record-schemas';
import type { ClientIdentity, ClientRecord, ClientSearchHit } from '../../contract/record-types';
import type { MethodInput } from '../../contract/schemas';
import { formatNhsNumber, formatUkDate, formatUkPhone, parseUkDate } from '../../contract/uk-formats';
import { type GlobalOptions, UsageError, formatDate, print, stdinText, table, withSignedIn } from '../cli-context';
import { notDuplicateIds, withDuplicateMatches } from './client-duplicates';

const IDENTITY_KEYS = new Set(Object.keys(clientIdentitySchema.shape));

/** Reads a JSON object from FILE, or standard input for '-'. */
function readJsonObject(file: string, opts: GlobalOptions): Record<string, unknown> {
  if (file === '-' && opts.passwordStdin) {
    // Both would need standard input; the password reader takes all of it.
    throw new UsageError('With - (client details on standard input), give the password in CLINIC_VAULT_PASSWORD instead of --password-stdin.');
  }
  let text: string;
  try {
    text = file === '-' ? stdinText(opts) : readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`Cannot read ${file === '-' ? 'standard input' : file}.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${file === '-' ? 'Standard input' : file} is not valid JSON.`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError('The client details must be one JSON object, like {"firstName": "Zoë", ...}.');
  }
  return value as Record<string, unknown>;
}

/**
 * Client fields from the JSON: unknown names are refused (a typo must not be
 * silently dropped), and a UK-style date of birth becomes ISO. A date that is
 * not real is passed on as typed, so the core's message names the field.
 */
export function identityFromJson(json: Record<string, unknown>, allowed: ReadonlySet<string> = IDENTITY_KEYS): Record<string, unknown> {
  const unknown = Object.keys(json).filter((k) => !allowed.has(k));
  if (unknown.length > 0) {
    throw new UsageError(`Unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Use the names of a ClientIdentity, like firstName or dateOfBirth.`);
  }
  const out = { ...json };
  if (typeof out.dateOfBirth === 'string') out.dateOfBirth = parseUkDate(out.dateOfBirth) ?? out.dateOfBirth;
  return out;
}

function fullName(c: Pick<ClientIdentity, 'firstName' | 'lastName' | 'preferredName'>): string {
  return `${c.firstName} ${c.lastName}${c.preferredName ? ` (${c.preferredName})` : ''}`;
}

/** A readable summary: only the fields that hold something, dates the UK way. */
export function describeClient(c: ClientRecord): string {
  const rows: [string, string][] = [
    ['Date of birth', formatUkDate(c.dateOfBirth)],
    ['Gender', c.gender],
    ['Mobile', formatUkPhone(c.mobile)],
    ...c.otherPhones.map((p): [string, string] => [p.label ? `Phone (${p.label})` : 'Phone', formatUkPhone(p.number)]),
    ['Messenger', c.messengerHandle],
    ['Email', c.email],
    ['Address', [...c.addressLines, c.postcode].filter(Boolean).join(', ')],
    ['NHS number', c.nhsNumber ? formatNhsNumber(c.nhsNumber) : ''],
    ['Occupation', c.occupation],
    ['Interests', c.treatmentInterests.join(', ')],
    ['GP', c.gp ? [c.gp.name, c.gp.practice, formatUkPhone(c.gp.phone)].filter(Boolean).join(', ') : ''],
    ['Notes', c.notes],
    // Absent for reception when the clinic keeps the visit summary from them (empty rows are not shown).
    ['Last visit', c.lastVisitOn === undefined ? '' : c.lastVisitOn ? formatUkDate(c.lastVisitOn) : 'none yet'],
    ['Treatments', c.treatmentCount === undefined ? '' : String(c.treatmentCount)],
    ['Photos', c.photoCount === undefined ? '' : String(c.photoCount)],
    ['Added', formatDate(c.createdAt)],
    ['Last contact', formatDate(c.lastInteractionAt)],
  ];
  const shown = rows.filter(([, v]) => v !== '');
  const width = Math.max(...shown.map(([k]) => k.length));
  const lines = [`${fullName(c)}  [${c.id}]`, ...shown.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)];
  for (const d of c.openDisputes) lines.push(`  Disputed: ${d.section} ${d.field} (since ${formatDate(d.recordedAt)}): ${d.note}`);
  return lines.join('\n');
}

function describeHits(hits: ClientSearchHit[]): string {
  if (hits.length === 0) return 'No clients found.';
  return table(
    ['Name', 'Born', 'Postcode', 'Mobile', 'Last visit', 'Id'],
    hits.map((h) => [fullName(h), formatUkDate(h.dateOfBirth), h.postcode, h.mobile, formatUkDate(h.lastVisitOn ?? null), h.id]),
  );
}

export function registerClientCommands(program: Command, globals: () => GlobalOptions): void {
  const clients = program.command('clients').description('Client records: add, show, search and update.');

  clients
    .command('add <file>')
    .description('Add a client from a JSON ClientIdentity in FILE (or - for standard input).')
    .option('--not-duplicate-of <ids>', 'ids (comma-separated) of possible duplicates confirmed to be a different person')
    .action(async (file: string, cmd: { notDuplicateOf?: string }) => {
      const opts = globals();
      const identity = identityFromJson(readJsonObject(file, opts));
      const notDuplicateOf = notDuplicateIds(cmd.notDuplicateOf);
      await withSignedIn(opts, async (api) => {
        // Checked field by field by the core, which names whatever is wrong, and refuses a likely duplicate.
        const record = await withDuplicateMatches(api, identity, undefined, () =>
          api.call('clients.create', { ...identity, notDuplicateOf } as MethodInput<'clients.create'>),
        );
        print(opts, record, () => `Added:\n${describeClient(record)}`);
      });
    });

  clients
    .command('show <id>')
    .description("Show a client's details (not their medical history).")
    .action(async (id: string) => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const record = await api.call('clients.get', { clientId: id });
        print(opts, record, () => describeClient(record));
      });
    });

  clients
    .command('search [text...]')
    .description('Search by name, phone, email, postcode or date of birth (DD/MM/YYYY); no text lists recent clients.')
    .option('--limit <n>', 'how many results', '20')
    .action(async (words: string[], o: { limit: string }) => {
      const opts = globals();
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UsageError('--limit must be a whole number from 1 to 100.');
      await withSignedIn(opts, async (api) => {
        const { results } = await api.call('clients.search', { query: words.join(' '), limit });
        print(opts, { results }, () => describeHits(results));
      });
    });

  clients
    .command('update <id> <file>')
    .description('Change some of a client\'s details from a JSON object in FILE (or -); add "reason" to say why.')
    .option('--not-duplicate-of <ids>', 'ids (comma-separated) of possible duplicates confirmed to be a different person')
    .action(async (id: string, file: string, cmd: { notDuplicateOf?: string }) => {
      const opts = globals();
      const notDuplicateOf = notDuplicateIds(cmd.notDuplicateOf);
      const json = readJsonObject(file, opts);
      const reason = json.reason;
      delete json.reason;
      if (reason !== undefined && typeof reason !== 'string') throw new UsageError('"reason" must be text.');
      const changes = identityFromJson(json);
      await withSignedIn(opts, async (api) => {
        // Sent whole (the current record with the changes over it), so a field the
        // file leaves out can never be reset, whatever the schema does with omitted keys.
        const current = await api.call('clients.get', { clientId: id });
        const identity = Object.fromEntries([...IDENTITY_KEYS].map((k) => [k, current[k as keyof ClientIdentity]]));
        const merged = { ...identity, ...changes } as MethodInput<'clients.update'>['changes'];
        const record = await withDuplicateMatches(api, merged as Partial<ClientIdentity>, id, () =>
          api.call('clients.update', { clientId: id, changes: merged, reason: reason ?? '', notDuplicateOf }),
        );
        print(opts, record, () => `Updated:\n${describeClient(record)}`);
      });
    });
}
