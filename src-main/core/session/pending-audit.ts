/**
 * Failed sign-ins happen while the database is locked, so they wait in a small
 * file (staff ids and times only) and are appended to the audit log at the
 * next successful unlock.
 */
import { readFileSync, rmSync } from 'node:fs';
import { writeFileAtomicSync } from '../platform/atomic-file';
import type { AuditEvent } from '../audit/audit-log';

/** Bounded so a flood of attempts cannot fill the disk. */
const MAX_PENDING = 1000;

export class PendingAudit {
  constructor(private readonly path: string) {}

  read(): AuditEvent[] {
    try {
      const events = JSON.parse(readFileSync(this.path, 'utf8')) as unknown;
      return Array.isArray(events) ? (events as AuditEvent[]) : [];
    } catch {
      return [];
    }
  }

  add(event: AuditEvent): void {
    const events = [...this.read(), event].slice(-MAX_PENDING);
    writeFileAtomicSync(this.path, JSON.stringify(events));
  }

  clear(): void {
    rmSync(this.path, { force: true });
  }
}
