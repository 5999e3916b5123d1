/**
 * The destruction certificate's data (issue #13 item 6): made once, when a
 * batch finishes, from the batch's items; stored in the vault as canonical
 * JSON (ids, dates and counts: no client's name, date of birth or contact),
 * and its SHA-256 written to the audit log, so a PDF printed from it later can
 * be checked against the log. The PDF is made again from this data on
 * demand (certificate-pdf.ts): nothing of it needs to be kept as a file.
 */
import { createHash } from 'node:crypto';
import type { RetentionCertificateData, RetentionCertificateSummary } from '../../contract/retention-action-types';
import type { Db } from '../db/types';
import { newId } from '../platform/ids';
import type { ServiceContext } from '../service/service-context';
import { allItems, type BatchRow } from './batch-store';

/**
 * Said on every certificate: the backups kept before the destruction still
 * hold the data until their rotation removes them, and a restore destroys
 * these clients again from the destruction ledger kept beside the backups
 * (docs/backups.md) before anyone can read the restored vault.
 */
export const BACKUP_STATEMENT =
  'Backups made before this date still hold these clients’ data, encrypted, until the backup rotation removes them. They cannot bring it back into use: every destruction is recorded, by reference only, in the destruction ledger kept with the backups, and restoring any backup destroys these clients again before anyone can open the restored vault.';

export function sha256Of(json: string): string {
  return createHash('sha256').update(json, 'utf8').digest('hex');
}

/** Writes the certificate of a finished batch (in the caller's transaction) and logs its hash. */
export function issueCertificate(ctx: ServiceContext, batch: BatchRow, issuedAt: string): RetentionCertificateData {
  const items = allItems(ctx.db, batch.id);
  const done = items.filter((i) => i.state === 'done');
  const staff = ctx.db.prepare('SELECT display_name AS n FROM staff WHERE id = ?').get(batch.started_by) as { n: string } | undefined;
  const data: RetentionCertificateData = {
    certificateId: newId('rc'),
    batchId: batch.id,
    kind: batch.kind,
    clinicName: ctx.settings.getClinic().clinicName,
    issuedAt,
    asOf: batch.as_of,
    startedAt: batch.started_at,
    staff: { id: batch.started_by, name: staff?.n ?? '' },
    policyVersion: batch.policy_version,
    count: done.length,
    clients: done.map((i) => ({ reference: i.client_id, categories: JSON.parse(i.destroyed) as string[] })),
    refusedCount: items.length - done.length - items.filter((i) => i.state === 'pending').length,
    backupStatement: BACKUP_STATEMENT,
  };
  const json = JSON.stringify(data);
  const sha256 = sha256Of(json);
  ctx.db.prepare('INSERT INTO retention_certificates (id, batch_id, issued_at, data, sha256) VALUES (?, ?, ?, ?, ?)').run(
    data.certificateId,
    batch.id,
    issuedAt,
    json,
    sha256,
  );
  ctx.audit.append({
    staffId: ctx.actor.id,
    action: 'retention.certificate_issued',
    subjectType: 'retention_certificate',
    subjectId: data.certificateId,
    detail: { batchId: batch.id, kind: batch.kind, clients: data.count, policyVersion: batch.policy_version, sha256 },
  });
  return data;
}

export interface StoredCertificate {
  data: RetentionCertificateData;
  json: string;
  sha256: string;
}

export function readCertificate(db: Db, id: string): StoredCertificate | null {
  const row = db.prepare('SELECT data, sha256 FROM retention_certificates WHERE id = ?').get(id) as { data: string; sha256: string } | undefined;
  return row ? { data: JSON.parse(row.data) as RetentionCertificateData, json: row.data, sha256: row.sha256 } : null;
}

export function listCertificates(db: Db): RetentionCertificateSummary[] {
  const rows = db.prepare('SELECT id, data, sha256 FROM retention_certificates ORDER BY issued_at DESC, id').all() as { id: string; data: string; sha256: string }[];
  return rows.map((r) => {
    const d = JSON.parse(r.data) as RetentionCertificateData;
    return { id: r.id, batchId: d.batchId, kind: d.kind, issuedAt: d.issuedAt, count: d.count, policyVersion: d.policyVersion, staffName: d.staff.name, sha256: r.sha256 };
  });
}
