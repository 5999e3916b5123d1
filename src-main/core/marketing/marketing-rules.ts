/**
 * Who may be contacted by a marketing channel today (docs/compliance.md
 * "Consent and marketing"; PECR regs 21-22; UK GDPR Arts 18, 21(3)). Pure:
 * one client's facts in, the first reason to leave them out (or null) back.
 *
 * The reasons are checked in one fixed order and a client counts once, under
 * the first that applies, so the counts add up to the number of clients:
 * suppressed, not-granted, restricted, deceased, under-18, no-contact-detail,
 * evidence-incomplete (unless the clinic's setting includes those), then for
 * the telephone only tps and tps-check-out-of-date. An objection comes
 * first: it withdraws every channel, and "objected" is the answer the clinic
 * needs to see for those people, not "never asked".
 */
import type { ConsentState, MarketingChannel, MarketingExclusion } from '../../shared/consent-types';
import { ageOn } from '../../shared/uk-formats';

export const EXCLUSION_ORDER: readonly MarketingExclusion[] = [
  'suppressed',
  'not-granted',
  'restricted',
  'deceased',
  'under-18',
  'no-contact-detail',
  'evidence-incomplete',
  'tps',
  'tps-check-out-of-date',
];

/** A TPS screening older than this no longer counts (the TPS asks callers to re-screen every 28 days). */
export const TPS_CHECK_VALID_DAYS = 28;

/** One client with the consent event in force for the channel's purpose (null fields: no event). */
export interface MarketingCandidate {
  state: ConsentState | null;
  basis: string | null;
  tpsCheckedOn: string | null;
  tpsRegistered: boolean | null;
  /**
   * Objected to direct marketing (Art 21(3)) and this channel not explicitly
   * re-granted since: the consent ledger's rule, `suppressedForPurposeSql`.
   */
  suppressed: boolean;
  /** The grant names no privacy notice or no wording (Art 7(1); docs/consent-rules.md). */
  evidenceIncomplete: boolean;
  restricted: boolean;
  deceasedOn: string | null;
  dateOfBirth: string | null;
  email: string;
  mobile: string;
  otherPhone: string;
  addressLines: string[];
  postcode: string;
}

const filled = (s: string | null | undefined) => typeof s === 'string' && s.trim() !== '';

export function hasContactDetail(channel: MarketingChannel, c: MarketingCandidate): boolean {
  switch (channel) {
    case 'email':
      return filled(c.email);
    case 'sms':
      return filled(c.mobile);
    case 'phone':
      return filled(c.mobile) || filled(c.otherPhone);
    case 'post':
      return c.addressLines.some(filled) && filled(c.postcode);
    case 'messenger':
      // No Messenger handle is kept: the clinic finds the person by name, email or mobile.
      return filled(c.email) || filled(c.mobile);
  }
}

/** Whole days from one ISO date to another (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}

/**
 * PECR reg 21: no marketing call to a number on the TPS, unless the person told
 * the clinic they do not object (a grant on the basis of explicit consent),
 * in which case the TPS status, and so its screening, does not matter.
 */
function tpsReason(c: MarketingCandidate, today: string): MarketingExclusion | null {
  if (c.basis === 'consent') return null;
  if (c.tpsRegistered === true) return 'tps';
  if (!filled(c.tpsCheckedOn) || c.tpsRegistered === null) return 'tps-check-out-of-date';
  const age = daysBetween(c.tpsCheckedOn!, today);
  return age > TPS_CHECK_VALID_DAYS || age < 0 ? 'tps-check-out-of-date' : null;
}

/**
 * The first reason to leave this client off the channel's list today (London
 * date), or null to include them. A consent whose evidence is incomplete is
 * left out unless the clinic chose to include those (clinic setting
 * marketingIncludesIncompleteEvidence).
 */
export function exclusionFor(
  channel: MarketingChannel,
  c: MarketingCandidate,
  today: string,
  opts: { includeIncompleteEvidence?: boolean } = {},
): MarketingExclusion | null {
  if (c.suppressed) return 'suppressed';
  if (c.state !== 'granted') return 'not-granted';
  if (c.restricted) return 'restricted';
  if (filled(c.deceasedOn)) return 'deceased';
  if (!filled(c.dateOfBirth) || ageOn(c.dateOfBirth!, today) < 18) return 'under-18';
  if (!hasContactDetail(channel, c)) return 'no-contact-detail';
  if (c.evidenceIncomplete && !opts.includeIncompleteEvidence) return 'evidence-incomplete';
  if (channel === 'phone') return tpsReason(c, today);
  return null;
}

export function emptyExclusionCounts(): Record<MarketingExclusion, number> {
  return Object.fromEntries(EXCLUSION_ORDER.map((r) => [r, 0])) as Record<MarketingExclusion, number>;
}
