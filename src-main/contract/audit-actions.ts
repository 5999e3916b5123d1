/**
 * Every action the core writes to the audit log, with the plain-English label
 * the viewer, the History tab and the CSV export show (issue #10 item 6,
 * docs/audit-viewer.md). The core's `AuditEvent.action` is typed from this
 * list, so an append with an action missing here does not compile, and
 * audit-actions.test.ts scans the core's source for every action it appends
 * and fails if one has no label. The log itself holds the codes only.
 */
export const AUDIT_ACTION_LABELS = {
  'session.signed_in': 'Signed in',
  'session.sign_in_failed': 'Sign-in failed',
  'session.signed_out': 'Signed out',
  'session.locked': 'Locked the screen',
  'session.auto_locked': 'Locked after inactivity',
  'vault.created': 'Vault created',
  'vault.recovery_key_confirmed': 'Recovery key stored',
  'vault.recovery_key_reissued': 'New recovery key issued',
  'vault.verified': 'Vault checked',
  'backup.snapshot_created': 'Backup made',
  'backup.failed': 'Backup failed',
  'backup.verified': 'Backup checked',
  'backup.drill': 'Restore drill run',
  'backup.pruned': 'Old backups removed',
  'backup.interrupted_cleaned': 'Unfinished backup cleared away',
  'backup.settings_changed': 'Backup settings changed',
  'backup.destruction_reapplied': 'Destroyed client destroyed again on restore',
  'backup.ledger_replaced': 'Damaged list of destroyed clients in a backup folder replaced',
  'restore.completed': 'Vault restored from a backup',
  'vault.quick_check': 'Quick database check',
  'vault.database_key_rotated': 'Database key changed',
  'vault.database_key_rotation_finished': 'Interrupted database key change finished',
  'vault.key_slot_converted': 'Key slot updated from an earlier version',
  'vault.rollback_detected': 'Older database found at sign-in',
  'vault.rollback_accepted': 'Older database accepted by owner',
  'audit.tamper_detected': 'Audit log tampering found at sign-in',
  'audit.exported': 'Audit log exported as CSV',
  'staff.added': 'Staff member added',
  'staff.removed': 'Staff member removed',
  'staff.password_reset': 'Password reset by owner',
  'staff.password_changed': 'Password changed',
  'staff.password_recovered': 'Password reset with recovery key',
  'settings.updated': 'Settings changed',
  'settings.bank_holiday_added': 'Bank holiday added to the clinic calendar',
  'settings.bank_holiday_removed': 'Bank holiday removed from the clinic calendar',
  'access.denied': 'Refused: not allowed for role',
  'client.created': 'Client added',
  'client.marked_distinct': 'Confirmed not a duplicate',
  'client.merge_previewed': 'Merge previewed',
  'client.merged': 'Duplicate record merged in',
  'client.merged_away': 'Record merged into another',
  'client.viewed': 'Client record opened',
  'access_pack.reviewed': 'Subject-access pack reviewed',
  'access_pack.exported': 'Subject-access pack exported',
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
  'client.deceased_set': 'Date of death recorded or cleared',
  'treatment.created': 'Treatment recorded',
  'treatment.viewed': 'Treatment viewed',
  'treatment.refused_under_18': 'Treatment refused: under 18',
  'treatment_type.saved': 'Treatment catalogue changed',
  'recall.searched': 'Recall search',
  'recall.exported': 'Recall list exported (CSV)',
  'photo.imported': 'Photo imported',
  'photo.viewed': 'Photo viewed',
  'photo.updated': 'Photo details changed',
  'consent.recorded': 'Consent recorded',
  'consent.viewed': 'Consent history viewed',
  'consent.objection_recorded': 'Objection to marketing recorded',
  'consent.purpose_saved': 'Consent purpose changed',
  'tps.screened': 'Phone number screened against the TPS',
  'tps.no-objection-recorded': 'Told us they do not object to calls (TPS)',
  'notice.published': 'Privacy notice published',
  'notice.affected_viewed': 'Clients to contact about a notice listed',
  'notice.affected_exported': 'Clients to contact about a notice exported',
  'marketing.exported': 'Marketing list exported',
  'synthetic.generated': 'Made-up demo clients generated',
  'processing_record.updated': 'Record of processing (Art 30) changed',
  'processing_record.exported': 'Record of processing (Art 30) exported as PDF',
  'request.logged': 'Data subject request logged',
  'request.updated': 'Data subject request changed',
  'request.step_recorded': 'Step recorded on a data subject request',
  'request.letter_made': 'Letter made for a data subject request',
  'restriction.set': 'Processing restricted (Art 18)',
  'restriction.lifted': 'Restriction lifted, client told',
  'restriction.overridden': 'Restricted record released by owner override',
  'erasure.previewed': 'Erasure previewed',
  'erasure.applied': 'Client data erased (Art 17)',
  'erasure.letter_made': 'Erasure reply letter made',
  'rectification.declined': 'Rectification declined with reasons',
  'rectification.statement_recorded': 'Client statement of disagreement recorded',
  'portability.exported': 'Data exported for the client (Art 20)',
  'hold.placed': 'Legal hold placed on a client',
  'hold.released': 'Legal hold released',
  'retention.policy_changed': 'Retention policy changed (new version)',
  'retention.queue_viewed': 'Retention queue viewed',
  'retention.reviewed': 'Retention reviewed: kept longer',
  'retention.batch_started': 'Retention batch started (destroy or anonymise)',
  'retention.client_destroyed': 'Client data destroyed at the end of its retention period',
  'retention.client_anonymised': 'Client anonymised at the end of its retention period (treatment statistics kept)',
  'retention.batch_stopped': 'Retention batch stopped before it finished',
  'retention.batch_finished': 'Retention batch finished',
  'retention.certificate_issued': 'Destruction certificate issued (its SHA-256 recorded)',
  'retention.certificate_exported': 'Destruction certificate exported as PDF',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

/**
 * The filter's groups, by the part of the code before the dot. A group's value
 * ends in '.' and matches every action in it (src-main/core/audit/audit-query.ts).
 */
export const AUDIT_ACTION_GROUPS: Record<string, string> = {
  'session.': 'All sign-in and lock activity',
  'vault.': 'All vault events',
  'audit.': 'All audit log events',
  'staff.': 'All staff changes',
  'settings.': 'All settings changes',
  'access.': 'All refused requests',
  'client.': 'All client record activity',
  'treatment.': 'All treatments',
  'treatment_type.': 'All treatment catalogue changes',
  'recall.': 'All recall searches and exports',
  'photo.': 'All photo activity',
  'consent.': 'All consent activity',
  'tps.': 'All TPS screening',
  'notice.': 'All privacy notice activity',
  'marketing.': 'All marketing exports',
  'synthetic.': 'All demo data generation',
  'processing_record.': 'All record of processing changes and exports',
  'request.': 'All data subject requests',
  'access_pack.': 'All subject-access packs',
  'restriction.': 'All restrictions of processing',
  'erasure.': 'All erasures',
  'rectification.': 'All rectification decisions',
  'portability.': 'All portability exports',
  'hold.': 'All legal holds',
  'retention.': 'All retention activity',
  'backup.': 'All backups, checks and drills',
  'restore.': 'All restores from a backup',
};

/** The group an action code belongs to: its text up to and including the first dot. */
export function actionGroupOf(action: string): string {
  const dot = action.indexOf('.');
  return dot < 0 ? action : action.slice(0, dot + 1);
}

/** The action's label; an unknown code (from an older or newer version) is shown as it is. */
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}

/**
 * The actions that mean someone opened or read part of a client's record: what
 * the "Who has opened this record" panel on the History tab lists.
 */
export const RECORD_OPENING_ACTIONS = [
  'client.viewed',
  'client.history_viewed',
  'client.medical_viewed',
  'client.alerts_viewed',
  'client.lifestyle_viewed',
  'client.treatments_viewed',
  'client.photos_viewed',
  'consent.viewed',
  // Their subject is the treatment or photo; record-openings.ts asks for the client's ones by id.
  'treatment.viewed',
  'photo.viewed',
] as const satisfies readonly AuditAction[];

/** An entry's detail as short "key: value" text (ids, counts and flags only, never personal data). */
export function describeAuditDetail(detail: Record<string, string | number | boolean | null> | null): string {
  if (!detail) return '';
  return Object.entries(detail)
    .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${v === null ? '—' : String(v).replace(/_/g, ' ')}`)
    .join(' · ');
}
