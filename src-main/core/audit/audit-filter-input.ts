/**
 * A filter as the contract takes it, made into the query's: a client becomes
 * the list of records an entry about them can have as its subject
 * (client-subjects.ts), so "this client" also finds their treatments and
 * photos viewed.
 */
import type { Db } from '../db/types';
import type { AuditFilter } from './audit-query';
import { clientSubjects } from './client-subjects';

export function auditFilterOf<F extends Omit<AuditFilter, 'limit' | 'subjectIds'> & { clientId?: string | undefined }>(
  db: Db,
  input: F,
): Omit<F, 'clientId'> & { subjectIds?: readonly string[] } {
  const { clientId, ...rest } = input;
  return clientId === undefined ? rest : { ...rest, subjectIds: clientSubjects(db, clientId) };
}
