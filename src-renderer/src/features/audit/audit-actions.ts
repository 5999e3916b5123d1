import type { AuditVerifyResult } from '../../../../src-main/contract/types';
import {
  AUDIT_ACTION_GROUPS,
  AUDIT_ACTION_LABELS,
  auditActionLabel,
  describeAuditDetail,
} from '../../../../src-main/contract/audit-actions';

/**
 * Plain-English names for the audit log's action codes: one list, shared with
 * the core (src-main/contract/audit-actions.ts). Unknown codes are shown as they are.
 */
export const ACTION_LABELS: Record<string, string> = AUDIT_ACTION_LABELS;

/** Filter choices; a value ending in '.' matches every action in that group. */
export const ACTION_GROUPS: { value: string; label: string }[] = Object.entries(AUDIT_ACTION_GROUPS).map(
  ([value, label]) => ({ value, label }),
);

/** The action filter's choices: everything, each group, then each action. */
export const ACTION_OPTIONS: { value: string; label: string }[] = [
  { value: '', label: 'All actions' },
  ...ACTION_GROUPS,
  ...Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label })),
];

export const actionLabel = auditActionLabel;
export const describeDetail = describeAuditDetail;

/** "All N entries intact", or from which entry the log cannot be trusted and why (docs/audit-anchoring.md). */
export function auditVerifyMessage(r: AuditVerifyResult): string {
  if (r.ok) return `All ${r.entriesChecked} ${r.entriesChecked === 1 ? 'entry' : 'entries'} intact`;
  if (r.firstBrokenSeq !== null)
    return `The audit log cannot be trusted from entry #${r.firstBrokenSeq}: ${r.problem ?? 'its seal does not match.'}`;
  return `The audit log failed its check: ${r.problem ?? 'reason unknown.'}`;
}
