import type { AuditVerifyResult } from '../../../../src-main/shared/types';

/** Plain-English names for the audit log's action codes. Unknown codes are shown as they are. */
export const ACTION_LABELS: Record<string, string> = {
  'session.signed_in': 'Signed in',
  'session.sign_in_failed': 'Sign-in failed',
  'session.signed_out': 'Signed out',
  'session.locked': 'Locked the screen',
  'session.auto_locked': 'Locked after inactivity',
  'vault.created': 'Vault created',
  'vault.recovery_key_confirmed': 'Recovery key stored',
  'vault.verified': 'Vault checked',
  'vault.quick_check': 'Quick database check',
  'staff.added': 'Staff member added',
  'staff.removed': 'Staff member removed',
  'staff.password_reset': 'Password reset by owner',
  'staff.password_changed': 'Password changed',
  'staff.password_recovered': 'Password reset with recovery key',
  'settings.updated': 'Settings changed',
  'access.denied': 'Refused: not allowed for role',
  'vault.recovery_key_reissued': 'New recovery key issued',
  'vault.database_key_rotated': 'Database key changed',
  'vault.database_key_rotation_finished': 'Interrupted database key change finished',
  'vault.key_slot_converted': 'Key slot updated from an earlier version',
  'audit.tamper_detected': 'Audit log tampering found at sign-in',
  'vault.rollback_detected': 'Older database found at sign-in',
  'vault.rollback_accepted': 'Older database accepted by owner',
  'client.created': 'Client added',
  'client.viewed': 'Client record opened',
  'client.updated': 'Client details changed',
  'client.history_viewed': 'Change history viewed',
  'client.medical_viewed': 'Medical history viewed',
  'client.alerts_viewed': 'Clinical alerts shown',
  'client.medical_updated': 'Medical history changed',
  'client.lifestyle_viewed': 'Lifestyle viewed',
  'client.lifestyle_updated': 'Lifestyle changed',
  'client.treatments_viewed': 'Treatments viewed',
  'client.photos_viewed': 'Photos listed',
  'client.dispute_added': 'Dispute noted',
  'client.dispute_resolved': 'Dispute resolved',
  'treatment.created': 'Treatment recorded',
  'treatment.viewed': 'Treatment viewed',
  'treatment.refused_under_18': 'Treatment refused: under 18',
  'treatment_type.saved': 'Treatment catalogue changed',
  'recall.searched': 'Recall search',
  'recall.exported': 'Recall list exported (CSV)',
  'photo.imported': 'Photo imported',
  'photo.viewed': 'Photo viewed',
  'photo.updated': 'Photo details changed',
};

/** Filter choices; a value ending in '.' matches every action in that group. */
export const ACTION_GROUPS: { value: string; label: string }[] = [
  { value: 'session.', label: 'All sign-in and lock activity' },
  { value: 'staff.', label: 'All staff changes' },
  { value: 'vault.', label: 'All vault events' },
  { value: 'client.', label: 'All client record activity' },
  { value: 'treatment.', label: 'All treatments' },
  { value: 'photo.', label: 'All photo activity' },
];

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** An entry's detail as short "key: value" text (ids, counts and flags only, never personal data). */
export function describeDetail(detail: Record<string, string | number | boolean | null> | null): string {
  if (!detail) return '';
  return Object.entries(detail)
    .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${v === null ? '—' : String(v).replace(/_/g, ' ')}`)
    .join(' · ');
}

/** "All N entries intact", or from which entry the log cannot be trusted and why (docs/audit-anchoring.md). */
export function auditVerifyMessage(r: AuditVerifyResult): string {
  if (r.ok) return `All ${r.entriesChecked} ${r.entriesChecked === 1 ? 'entry' : 'entries'} intact`;
  if (r.firstBrokenSeq !== null)
    return `The audit log cannot be trusted from entry #${r.firstBrokenSeq}: ${r.problem ?? 'its seal does not match.'}`;
  return `The audit log failed its check: ${r.problem ?? 'reason unknown.'}`;
}
