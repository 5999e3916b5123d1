/**
 * Test support (not shipped code): what an insider holding the database key
 * could do to the audit log with an SQLite shell, for the anchoring tests.
 */
import { cpSync, rmSync } from 'node:fs';
import type { Db } from '../db/types';
import { EXPECTED_AUDIT_TRIGGERS } from '../audit/audit-triggers';
import { GENESIS_HASH, entryHash } from '../audit/entry-hash';
import type { AuditCheckpoint } from '../audit/checkpoint';
import type { AuditRow } from '../audit/audit-row';

type Row = Omit<AuditRow, 'prev_hash' | 'hash'>;

/** Runs fn with the audit triggers dropped, then puts them back exactly as migrated, as a careful attacker would. */
export function withoutTriggers(raw: Db, fn: () => void): void {
  for (const name of Object.keys(EXPECTED_AUDIT_TRIGGERS)) raw.exec(`DROP TRIGGER IF EXISTS ${name}`);
  fn();
  for (const sql of Object.values(EXPECTED_AUDIT_TRIGGERS)) raw.exec(sql);
}

/** Recomputes every entry's prev_hash and hash, so the chain walk passes again. Call inside withoutTriggers. */
export function recomputeChain(raw: Db): void {
  let prev = GENESIS_HASH;
  const update = raw.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
  for (const r of raw.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Row[]) {
    const hash = entryHash(prev, { seq: r.seq, at: r.at, staffId: r.staff_id, action: r.action, subjectType: r.subject_type, subjectId: r.subject_id, detail: r.detail });
    update.run(prev, hash, r.seq);
    prev = hash;
  }
}

export function checkpointsIn(raw: Db): AuditCheckpoint[] {
  return (raw.prepare('SELECT vault_id AS vaultId, seq, hash, at, generation, signature FROM audit_checkpoints ORDER BY seq').all() as AuditCheckpoint[]);
}

export function headSeq(raw: Db): number {
  return (raw.prepare('SELECT max(seq) AS s FROM audit_log').get() as { s: number }).s;
}

/** Copies the database file (and its WAL, if any) so it can be put back later. The vault must be locked. */
export function copyDatabase(dbPath: string, to: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    rmSync(`${to}${suffix}`, { force: true });
    try {
      cpSync(`${dbPath}${suffix}`, `${to}${suffix}`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}
