/**
 * Data portability (UK GDPR Art 20, docs/erasure-and-restriction.md): the data
 * the client provided to the clinic, processed by consent or contract, in a
 * structured, commonly used, machine-readable form: one JSON file and a CSV
 * per part. "Provided" means what they told us: their identity and contact
 * details, the answers they gave to the medical and lifestyle questions, and
 * their consents. Not the clinician's assessments (contraindications, notes,
 * review dates, treatments, photos), which are the clinic's own, nor staff notes.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../contract/errors';
import type { PortabilityExport, PortabilityFile } from '../../contract/erasure-types';
import { londonToday } from '../../contract/field-schemas';
import { identityFromRow, type ClientRow } from '../clients/client-repo';
import { SectionStore } from '../clients/section-store';
import { mergedAwayMessage } from '../clients/merge-state';
import { listConsentEvents } from '../consent/ledger';
import { CSV_BOM, csvRow } from '../export/csv';
import type { ServiceContext } from '../service/service-context';

/** The medical and lifestyle answers the client gives; the rest of each section is the clinician's. */
export const PROVIDED_MEDICAL = ['conditions', 'medications', 'allergies', 'pregnant', 'breastfeeding', 'previousAestheticTreatments'] as const;
export const PROVIDED_LIFESTYLE = ['smoking', 'alcohol', 'sunExposure', 'skincareRoutine'] as const;
/** Identity fields the client told us (staff notes are the clinic's). */
export const PROVIDED_IDENTITY = [
  'firstName', 'lastName', 'preferredName', 'dateOfBirth', 'gender', 'addressLines', 'postcode', 'email', 'mobile',
  'otherPhones', 'messengerHandle', 'nhsNumber', 'occupation', 'treatmentInterests', 'gp',
] as const;

export const PORTABILITY_SCHEMA_VERSION = 1;

function pick<T extends object, K extends keyof T>(obj: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = obj[k];
  return out;
}

const cellOf = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

function fieldsCsv(rows: Record<string, unknown>): string {
  return CSV_BOM + [csvRow(['field', 'value']), ...Object.entries(rows).map(([k, v]) => csvRow([k, cellOf(v)]))].join('\r\n') + '\r\n';
}

/** The export, as text files (the CLI writes them to a folder; the window offers them to save). */
export function portabilityExport(ctx: ServiceContext, clientId: string): PortabilityExport {
  const row = ctx.db.prepare('SELECT rowid, * FROM clients WHERE id = ?').get(clientId) as ClientRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'That client could not be found.');
  const merged = mergedAwayMessage(ctx.db, clientId);
  if (merged) throw new AppError('NOT_FOUND', merged);
  const sections = new SectionStore(ctx.db, ctx.keys);
  const identity = pick(identityFromRow(row), PROVIDED_IDENTITY);
  const medical = pick(sections.get(clientId, 'medical'), PROVIDED_MEDICAL);
  const lifestyle = pick(sections.get(clientId, 'lifestyle'), PROVIDED_LIFESTYLE);
  const consents = listConsentEvents(ctx.db, clientId).map((e) => ({
    purpose: e.purposeLabel,
    state: e.state,
    occurredAt: e.occurredAt,
    method: e.method,
    noticeVersion: e.noticeVersion,
    wording: e.wording,
  }));
  const today = londonToday(ctx.clock.now());
  const data = { schemaVersion: PORTABILITY_SCHEMA_VERSION, exportedOn: today, clientId, identity, medical, lifestyle, consents };
  const consentCsv =
    CSV_BOM +
    [csvRow(['purpose', 'state', 'occurredAt', 'method', 'noticeVersion', 'wording']), ...consents.map((c) => csvRow([c.purpose, c.state, c.occurredAt, c.method, c.noticeVersion ?? '', c.wording]))].join('\r\n') +
    '\r\n';
  const files: PortabilityFile[] = [
    { name: 'data.json', mediaType: 'application/json', text: `${JSON.stringify(data, null, 2)}\n` },
    { name: 'identity.csv', mediaType: 'text/csv', text: fieldsCsv(identity) },
    { name: 'medical.csv', mediaType: 'text/csv', text: fieldsCsv(medical) },
    { name: 'lifestyle.csv', mediaType: 'text/csv', text: fieldsCsv(lifestyle) },
    { name: 'consents.csv', mediaType: 'text/csv', text: consentCsv },
  ];
  ctx.audit.append({ staffId: ctx.actor.id, action: 'portability.exported', subjectType: 'client', subjectId: clientId, detail: { files: files.length } });
  return { clientId, folderName: `portability-${clientId}-${today}`, files };
}

/**
 * Writes the export as a folder inside `outDir`, atomically: every file goes
 * into a temporary folder beside it, which is renamed into place only when
 * all are written. An error (a full disk) or a stop leaves nothing behind.
 */
export function writePortabilityFolder(exp: PortabilityExport, outDir: string, shouldStop: () => boolean = () => false): string {
  if (!existsSync(outDir)) throw new AppError('VALIDATION', `The folder ${outDir} does not exist. Create it or choose another.`);
  const target = join(outDir, basename(exp.folderName));
  if (existsSync(target)) throw new AppError('CONFLICT', `${target} already exists. Move it away or choose another folder.`);
  const temp = mkdtempSync(join(dirname(target), `.${basename(exp.folderName)}.partial-`));
  try {
    for (const f of exp.files) {
      if (shouldStop()) throw new AppError('CANCELLED');
      writeFileSync(join(temp, f.name), f.text, { encoding: 'utf8', mode: 0o600 });
    }
    renameSync(temp, target);
    return target;
  } catch (err) {
    rmSync(temp, { recursive: true, force: true });
    if (err instanceof AppError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOSPC') throw new AppError('DISK_FULL');
    throw err;
  }
}
