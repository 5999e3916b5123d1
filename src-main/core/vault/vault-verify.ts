/**
 * `vault.verify`: the whole vault, in order of what a restore would fix first —
 * the database page by page and SQLite's structural check, the audit chain,
 * then every stored file (docs/integrity-checks.md). A damaged database can
 * make the later checks fail to read at all; that is reported, not thrown, so
 * the owner still sees which pages are damaged.
 */
import { AppError } from '../../contract/errors';
import type { AuditVerifyResult, FileCheckResult, VaultVerifyResult } from '../../contract/types';
import type { SignedInContext } from '../handler-types';
import { checkDatabase } from '../db/database-check';

const codeOf = (err: unknown) => (err as { code?: string }).code ?? 'error';

export async function verifyVault({ core, vault, session, call }: SignedInContext): Promise<VaultVerifyResult> {
  const signal = call?.signal;
  // core.progress reaches the CLI's sink and, through call-progress.ts, the window's call.
  const report = (phase: string, done: number, total: number) => core.progress({ task: 'vault.verify', phase, done, total });
  const database = await checkDatabase(vault.db, vault.paths.database, vault.databaseKey, { depth: 'full', onProgress: report, ...(signal ? { signal } : {}) });

  signal?.throwIfAborted();
  report('audit', 0, 1);
  let audit: AuditVerifyResult;
  try {
    // Walked in batches, yielding between them (audit/chain-walk.ts); a cancelled walk signs no checkpoint.
    audit = await vault.audit.verify({ onProgress: (done, total) => report('audit', done, total), ...(signal ? { signal } : {}) });
  } catch (err) {
    audit = { ok: false, entriesChecked: 0, firstBrokenSeq: null, problem: `the audit log could not be read (${codeOf(err)})` };
  }
  // A walk stopped by a cancel or a lock: stop here too, recording nothing.
  if (audit.cancelled) throw signal?.aborted ? signal.reason : new AppError('CANCELLED');
  signal?.throwIfAborted();

  let files: FileCheckResult;
  try {
    files = await vault.files.verifyAll((done, total) => report('files', done, total), signal);
  } catch (err) {
    // A cancelled check stops here and records nothing (no vault.verified entry).
    if (signal?.aborted) throw err;
    files = { checked: 0, damaged: [{ fileId: '-', problem: `the list of stored files could not be read (${codeOf(err)})` }] };
  }

  const ok = database.ok && audit.ok && files.damaged.length === 0;
  try {
    vault.audit.append({
      staffId: session.staff.id,
      action: 'vault.verified',
      detail: {
        ok,
        pages: database.pagesChecked,
        damagedPages: database.damagedPageCount,
        auditEntries: audit.entriesChecked,
        files: files.checked,
        damagedFiles: files.damaged.length,
      },
    });
  } catch (err) {
    // A database too damaged to take the entry still gets its report to the owner.
    core.logger.error('could not record vault.verified', { code: codeOf(err) });
  }
  return { database, audit, files, ok };
}
