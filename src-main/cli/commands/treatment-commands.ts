/**
 * treatments add | recall
 *
 * `--json` is the program's own flag (print JSON), and Commander reads it
 * wherever it appears, so in `treatments add --client ID --json FILE` the FILE
 * arrives as the command's argument: the treatment comes in as JSON and the
 * saved treatment goes out as JSON.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { MethodInput } from '../../contract/schemas';
import { formatUkDate, formatUkPhone, parseUkDate } from '../../contract/uk-formats';
import { type GlobalOptions, UsageError, print, stdinText, table, withSignedIn } from '../cli-context';

type TreatmentInput = MethodInput<'treatments.create'>;

const DATE_FIELDS = ['treatedOn', 'batchExpiry', 'followUpOn'] as const;

function readJsonText(file: string, opts: GlobalOptions): string {
  if (file === '-') {
    // cli-context reads standard input once for passwords; it cannot carry both.
    if (opts.passwordStdin) throw new UsageError('With --json -, give the password in CLINIC_VAULT_PASSWORD, not --password-stdin.');
    return stdinText(opts);
  }
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`Cannot read ${file}.`);
  }
}

/**
 * The JSON as a treatment for this client. Dates may be written the UK way
 * (DD/MM/YYYY) and become ISO; anything else is left for the core to check, so
 * a wrong value is reported against its field like any other.
 */
export function treatmentInputFromJson(text: string, clientId: string, source: string): TreatmentInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${source} is not valid JSON.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`${source} must hold one treatment as a JSON object.`);
  }
  const fields = { ...(value as Record<string, unknown>) };
  if ('clientId' in fields) throw new UsageError('Give the client with --client, not in the JSON.');
  for (const key of DATE_FIELDS) {
    const v = fields[key];
    if (typeof v === 'string') fields[key] = parseUkDate(v) ?? v;
  }
  return { ...fields, clientId } as TreatmentInput;
}

export function registerTreatmentCommands(program: Command, globals: () => GlobalOptions): void {
  const treatments = program.command('treatments').description('Record treatments (owner and practitioners).');

  treatments
    .command('add [file]')
    .description('Record a treatment given as JSON (fields as in the app, without clientId): --json FILE, or --json - for standard input.')
    .requiredOption('--client <id>', "the client's id")
    .action(async (file: string | undefined, o: { client: string }) => {
      const opts = globals();
      if (!file) throw new UsageError('Give the treatment as JSON: --json FILE, or --json - to read standard input.');
      const input = treatmentInputFromJson(readJsonText(file, opts), o.client, file === '-' ? 'Standard input' : file);
      await withSignedIn(opts, async (api) => {
        const t = await api.call('treatments.create', input);
        print(opts, t, () => `Recorded ${t.typeName} on ${formatUkDate(t.treatedOn)} by ${t.practitionerName} (${t.id}).`);
      });
    });

  program
    .command('recall <batch>')
    .description("Every client who received a batch or lot, for a manufacturer's recall (spacing, dashes and case are ignored).")
    .action(async (batch: string) => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const result = await api.call('recall.byBatch', { batchNumber: batch });
        print(opts, result, () => {
          if (result.hits.length === 0) return `No treatments are recorded from batch ${result.batchNumber}.`;
          const rows = result.hits.map((h) => [
            formatUkDate(h.treatedOn),
            h.clientName,
            formatUkDate(h.dateOfBirth),
            formatUkPhone(h.mobile),
            h.email,
            h.product,
            h.batchNumber,
            h.practitionerName,
          ]);
          const count = result.hits.length === 1 ? '1 treatment' : `${result.hits.length} treatments`;
          return `${count} from batch ${result.batchNumber}:\n${table(['Treated', 'Client', 'Born', 'Mobile', 'Email', 'Product', 'Batch', 'Practitioner'], rows)}`;
        });
      });
    });
}
