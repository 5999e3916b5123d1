/**
 * The record of processing activities (UK GDPR Art 30; docs/processing-record.md):
 * read the version in force, save a new version (the old ones are kept), list
 * the versions. Saving is the owner's (settings.manage) and audit-logged with
 * the version number only.
 */
import { AppError } from '../../contract/errors';
import type { ProcessingRecord, ProcessingRecordContent, ProcessingRecordVersion } from '../../contract/processing-types';
import type { ServiceContext } from '../service/service-context';

export type { ProcessingRecord, ProcessingRecordContent } from '../../contract/processing-types';

interface VersionRow {
  version: number;
  record: string;
  saved_at: string;
  saved_by_name: string | null;
}

const SELECT = `SELECT v.version, v.record, v.saved_at, s.display_name AS saved_by_name
                  FROM processing_record_versions v LEFT JOIN staff s ON s.id = v.saved_by`;

function fromRow(row: VersionRow): ProcessingRecord {
  const content = JSON.parse(row.record) as ProcessingRecordContent;
  return { ...content, updatedAt: row.saved_at, version: row.version, updatedBy: row.saved_by_name };
}

/** The version in force: the latest saved (migration 0017 seeds version 1 with the clinic defaults). */
export function readProcessingRecord(ctx: Pick<ServiceContext, 'db'>): ProcessingRecord {
  const row = ctx.db.prepare(`${SELECT} ORDER BY v.version DESC LIMIT 1`).get() as VersionRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'The record of processing is missing from this vault. Contact support.');
  return fromRow(row);
}

/** The record as it stood at an earlier version (for "what did it say then"). */
export function readProcessingRecordVersion(ctx: Pick<ServiceContext, 'db'>, version: number): ProcessingRecord {
  const row = ctx.db.prepare(`${SELECT} WHERE v.version = ?`).get(version) as VersionRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `There is no version ${version} of the record of processing.`);
  return fromRow(row);
}

export function listProcessingRecordVersions(ctx: Pick<ServiceContext, 'db'>): ProcessingRecordVersion[] {
  const rows = ctx.db.prepare(`${SELECT} ORDER BY v.version DESC`).all() as VersionRow[];
  return rows.map((r) => ({ version: r.version, savedAt: r.saved_at, savedBy: r.saved_by_name }));
}

/**
 * Save the owner's edit as a new version. `expectedVersion` is the version they
 * started from: if someone saved since, nothing is written and they are told
 * to reload (PROCESSING_RECORD_CHANGED), so one edit never silently undoes another.
 */
export function updateProcessingRecord(
  ctx: Pick<ServiceContext, 'db' | 'audit' | 'clock' | 'actor'>,
  content: ProcessingRecordContent,
  expectedVersion: number,
): ProcessingRecord {
  const save = ctx.db.transaction(() => {
    const current = readProcessingRecord(ctx);
    if (current.version !== expectedVersion) throw new AppError('PROCESSING_RECORD_CHANGED');
    const version = current.version + 1;
    const stored: ProcessingRecordContent = {
      purposes: content.purposes,
      peopleCategories: content.peopleCategories,
      dataCategories: content.dataCategories,
      recipients: content.recipients,
      transfers: content.transfers,
      retention: content.retention,
      securityMeasures: content.securityMeasures,
      sources: content.sources,
      automatedDecisions: content.automatedDecisions,
    };
    ctx.db
      .prepare('INSERT INTO processing_record_versions (version, record, saved_at, saved_by) VALUES (?, ?, ?, ?)')
      .run(version, JSON.stringify(stored), ctx.clock.now().toISOString(), ctx.actor.id);
    ctx.audit.append({ staffId: ctx.actor.id, action: 'processing_record.updated', subjectType: 'processing_record', subjectId: String(version), detail: { version } });
  });
  save();
  return readProcessingRecord(ctx);
}
