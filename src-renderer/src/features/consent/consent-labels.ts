/**
 * Words for the consent ledger and the marketing lists, written for the person
 * at the desk (docs/compliance.md "Consent and marketing"). Pure: no React.
 */
import type {
  ConsentCurrent,
  ConsentMethod,
  ConsentPurpose,
  ConsentState,
  MarketingChannel,
  MarketingExclusion,
  PrivacyNotice,
  PurposeCategory,
  RecordedConsent,
} from '../../../../src-main/contract/consent-types';
import type { ClientRecord, PhotoConsentScope, PhotoSummary } from '../../../../src-main/contract/record-types';
import { formatDateTime } from '../../dates';

export const STATE_LABELS: Record<ConsentState, string> = {
  granted: 'Given',
  withdrawn: 'Withdrawn',
  refused: 'Refused',
  unknown: 'Not asked',
};

/** The states a person can record (unknown is only what is shown before anything is recorded). */
export const RECORDABLE_STATES: readonly ConsentState[] = ['granted', 'refused', 'withdrawn'];

export const METHOD_LABELS: Record<ConsentMethod, string> = {
  'in-person': 'In person',
  'paper-form': 'Paper form',
  'online-form': 'Online form',
  phone: 'By phone',
  email: 'By email',
  imported: 'Imported from another system',
};

/** How a client can tell the clinic, for the withdraw and objection dialogs (importing is not telling). */
export const TOLD_US_METHODS: readonly ConsentMethod[] = [
  'in-person',
  'phone',
  'email',
  'paper-form',
  'online-form',
];

/** TOLD_US_METHODS as the options of a select. */
export const METHOD_OPTIONS = TOLD_US_METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] }));

export const BASIS_LABELS = {
  consent: 'Consent',
  'soft-opt-in': 'Soft opt-in',
} as const;

export const CHANNEL_LABELS: Record<MarketingChannel, string> = {
  email: 'Email',
  sms: 'SMS',
  phone: 'Telephone',
  post: 'Post',
  messenger: 'Facebook Messenger',
};

/** "... may be contacted by email today". */
export const CHANNEL_PHRASES: Record<MarketingChannel, string> = {
  email: 'by email',
  sms: 'by SMS',
  phone: 'by telephone',
  post: 'by post',
  messenger: 'on Facebook Messenger',
};

const NO_CONTACT_DETAIL: Record<MarketingChannel, string> = {
  email: 'No email address',
  sms: 'No mobile number',
  phone: 'No phone number',
  post: 'No postal address',
  messenger: 'No Messenger handle in the record',
};

/** Why a client was left off a list, in plain English. */
export function exclusionLabel(reason: MarketingExclusion, channel: MarketingChannel): string {
  switch (reason) {
    case 'not-granted':
      return 'Consent withdrawn or never given';
    case 'suppressed':
      return 'Objected to direct marketing';
    case 'restricted':
      return 'Processing restricted at the client’s request';
    case 'deceased':
      return 'Deceased';
    case 'under-18':
      return 'Under 18';
    case 'no-contact-detail':
      return NO_CONTACT_DETAIL[channel];
    case 'evidence-incomplete':
      return 'Consent evidence incomplete (no privacy notice or wording)';
    case 'tps':
      return 'Number is on the TPS';
    case 'tps-check-out-of-date':
      return 'TPS check more than 28 days old';
    case 'tps-not-screened':
      return 'Number not screened against the TPS (new or changed since the last check)';
  }
}

/** The order the app checks them in: each client is counted once, under the first that applies. */
export const EXCLUSION_ORDER: readonly MarketingExclusion[] = [
  'not-granted',
  'suppressed',
  'restricted',
  'deceased',
  'under-18',
  'no-contact-detail',
  'evidence-incomplete',
  'tps',
  'tps-check-out-of-date',
  'tps-not-screened',
];

/** Exclusions that cannot apply to a channel (the TPS is for telephone only). */
export function exclusionsFor(channel: MarketingChannel): MarketingExclusion[] {
  return EXCLUSION_ORDER.filter((r) => channel === 'phone' || !r.startsWith('tps'));
}

export interface PurposeGroup {
  id: PurposeCategory;
  title: string;
  lead: string;
}

export const PURPOSE_GROUPS: readonly PurposeGroup[] = [
  {
    id: 'marketing',
    title: 'Marketing',
    lead: 'Separate for each channel. Never assumed: only what the client has said yes to.',
  },
  {
    id: 'service',
    title: 'Appointment reminders',
    lead: 'Service messages, kept apart from marketing.',
  },
  { id: 'photo', title: 'Photo uses', lead: 'What the client’s photos may be used for.' },
  { id: 'treatment', title: 'Treatment consents', lead: 'Consent to each treatment.' },
  { id: 'custom', title: 'Other purposes', lead: 'Purposes the clinic has added.' },
];

/** Which purposes a role may see and record: photos and treatment consents are clinical. */
export function visibleCategories(canClinical: boolean): PurposeCategory[] {
  return canClinical
    ? ['marketing', 'service', 'photo', 'treatment', 'custom']
    : ['marketing', 'service', 'custom'];
}

/**
 * Every purpose's current state, including those never asked about (shown as
 * "Not asked"), grouped for the Consent tab. Treatment consent has one row per
 * treatment it was recorded against.
 */
export function groupCurrent(
  current: ConsentCurrent[],
  purposes: ConsentPurpose[],
  categories: PurposeCategory[],
): { group: PurposeGroup; rows: ConsentCurrent[] }[] {
  const rows = [...current];
  const seen = new Set(current.map((c) => c.purpose.id));
  for (const p of purposes) {
    if (!p.active || seen.has(p.id) || !categories.includes(p.category)) continue;
    rows.push({
      purpose: p,
      state: 'unknown',
      since: null,
      basis: null,
      eventId: null,
      noticeVersion: null,
      treatmentId: null,
      evidenceIncomplete: false,
    });
  }
  const order = new Map(purposes.map((p, i) => [p.id, i]));
  return PURPOSE_GROUPS.map((group) => ({
    group,
    rows: rows
      .filter((r) => r.purpose.category === group.id)
      .sort(
        (a, b) =>
          (order.get(a.purpose.id) ?? 999) - (order.get(b.purpose.id) ?? 999) ||
          (b.since ?? '').localeCompare(a.since ?? ''),
      ),
  })).filter((g) => g.rows.length > 0);
}


/** The photo purposes in the ledger are named after the photo's consent scopes. */
export function photoPurposeId(scope: PhotoConsentScope): string {
  return `photo.${scope}`;
}

/**
 * The uses a photo may be put to now: `activeScopes` from the app (the uses the
 * client's consents currently allow). Until the app reports it, the tagged uses.
 */
export function activeScopesOf(photo: PhotoSummary): PhotoConsentScope[] {
  const active = (photo as PhotoSummary & { activeScopes?: PhotoConsentScope[] }).activeScopes;
  return Array.isArray(active) ? active : photo.consentScopes;
}

/** The uses a photo is tagged with, each marked as allowed now or not (consent withdrawn). */
export function photoUses(photo: PhotoSummary): { scope: PhotoConsentScope; allowed: boolean }[] {
  const active = new Set(activeScopesOf(photo));
  return photo.consentScopes.map((scope) => ({ scope, allowed: active.has(scope) }));
}

/** The date of death recorded with clients.setDeceased, if any. */
export function deceasedOnOf(client: ClientRecord): string | null {
  const value = (client as ClientRecord & { deceasedOn?: string | null }).deceasedOn;
  return typeof value === 'string' && value ? value : null;
}

/**
 * What the desk is told after recording: a backdated answer outranked by a
 * later one is said to be not in force, never just "recorded" (issue #11 item 3).
 */
export function recordedNotice(e: RecordedConsent): string {
  const parts = [`${e.purposeLabel}: ${STATE_LABELS[e.state].toLowerCase()}, recorded.`];
  const later = e.overriddenBy;
  if (later) {
    parts.push(
      `It is not in force: the client’s later answer (${STATE_LABELS[later.state].toLowerCase()}, ${formatDateTime(later.occurredAt).slice(0, 16)}) stands.`,
    );
  }
  if (e.evidenceIncomplete) parts.push('Evidence incomplete: no privacy notice or no wording was recorded.');
  return parts.join(' ');
}

/** The latest version in force: the newest effective date, then the newest published. */
export function latestNotice(notices: PrivacyNotice[]): PrivacyNotice | null {
  return (
    [...notices].sort(
      (a, b) => b.effectiveOn.localeCompare(a.effectiveOn) || b.createdAt.localeCompare(a.createdAt),
    )[0] ?? null
  );
}

/** "3 clients", "1 client". */
export function clients(n: number): string {
  return `${n} ${n === 1 ? 'client' : 'clients'}`;
}

/** A file name for a marketing list: marketing-email-2026-05-01.csv. */
export function exportFileName(channel: MarketingChannel, generatedAt: string): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(generatedAt)?.[0] ?? 'today';
  return `marketing-${channel}-${day}.csv`;
}
