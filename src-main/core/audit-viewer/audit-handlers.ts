/**
 * The audit log's methods of the contract (owner only: 'audit.read', checked by
 * the dispatcher). Pages come with the names of their clients and staff,
 * looked up when shown (audit-names.ts, which checks 'audit.read' again).
 */
import type { HandlersFor } from '../handler-types';
import { auditFilterOf } from '../audit/audit-filter-input';
import { pageWithNames } from './audit-names';
import { auditCsvChunk } from './audit-csv';
import { recordOpenings } from './record-openings';

export const auditHandlers: HandlersFor<'audit.list' | 'audit.verify' | 'audit.recordOpenings' | 'audit.exportCsv'> = {
  'audit.list': {
    access: 'audit.read',
    run: ({ vault, session }, input) => pageWithNames(vault.db, session, vault.audit.list(auditFilterOf(vault.db, input))),
  },
  'audit.verify': { access: 'audit.read', run: ({ vault }) => vault.audit.verify() },
  'audit.recordOpenings': { access: 'audit.read', run: (ctx, input) => recordOpenings(ctx, input) },
  'audit.exportCsv': { access: 'audit.read', run: (ctx, input) => auditCsvChunk(ctx, input) },
};
