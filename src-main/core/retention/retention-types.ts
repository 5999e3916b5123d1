/**
 * The retention domain's types (docs/retention.md). The ones that cross the
 * boundary live in the contract (contract/retention-types.ts); re-exported
 * here so core code names one place.
 */
export type {
  DueWindow,
  QueueRow,
  RetentionCategory,
  RetentionPeriods,
  RetentionPolicy,
  RetentionRule,
  TriggerKind,
  WithinDays,
} from '../../contract/retention-types';

/**
 * What the pure rules need to know of one client (read by SQL aggregates in
 * queue-facts.ts). Dates are YYYY-MM-DD (London).
 */
export interface ClientRetentionFacts {
  clientId: string;
  dateOfBirth: string | null;
  /** The last treatment's date; without any treatment, the last clinical entry (photo, history), or null. */
  lastTreatedOn: string | null;
  /** Whether the client holds any clinical data (treatments, photos, histories, treatment consents). */
  hasClinical: boolean;
  /** The latest interaction (docs/retention.md, "What counts as an interaction"). */
  lastInteractionOn: string;
  /** Contact data already erased (UK GDPR Art 17): no 'personal' row. */
  personalErased: boolean;
  held: boolean;
  /** Closed requests of this client: id and the day it closed. */
  closedRequests: { requestId: string; closedOn: string }[];
  /** "Keep longer" reviews in force: category → kept until (YYYY-MM-DD). */
  reviewedUntil: Partial<Record<'clinical' | 'personal' | 'requests', string>>;
}
