/**
 * Who may be contacted by a marketing channel today (docs/compliance.md
 * "Consent and marketing"; PECR regs 21-22; UK GDPR Arts 18, 21(3)). Pure:
 * one client's facts in, the first reason to leave them out (or null) back.
 *
 * The reasons are checked in one fixed order and a client counts once, under
 * the first that applies, so the counts add up to the number of clients:
 * suppressed, not-granted, restricted, deceased, under-18, no-contact-detail,
 * evidence-incomplete (unless the clinic's setting includes those), then for
 * the telephone only tps, tps-check-out-of-date and tps-not-screened. An
 * objection comes first: it withdraws every channel, and "objected" is the
 * answer the clinic needs to see for those people, not "never asked".
 *
 * The telephone is judged number by number (docs/phones-and-tps.md): the TPS
 * screening belongs to the number, so a client is called on the first of their
 * numbers that may be called, and only on that one.
 */
import type { ConsentState, MarketingChannel, MarketingExclusion } from '../../contract/consent-types';
import type { TpsStanding } from '../../contract/tps-types';
import { ageOn } from '../../contract/uk-formats';
import { mayCall } from '../consent/tps-rules';

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
  'tps-not-screened',
];

/** One of a client's numbers as the telephone list sees it: its TPS standing today and any reg 21(4) statement. */
export interface CandidatePhone {
  /** As stored (E.164). */
  phone: string;
  standing: TpsStanding;
  /** The client told the clinic they do not object to its calls on this number (reg 21(4)), in force. */
  doesNotObject: boolean;
}

/** One client with the consent event in force for the channel's purpose (null fields: no event). */
export interface MarketingCandidate {
  state: ConsentState | null;
  basis: string | null;
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
  /** For the telephone: every number of the client, mobile first, with its screening (empty for other channels). */
  phones: CandidatePhone[];
  messengerHandle: string;
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
      return c.phones.length > 0;
    case 'post':
      return c.addressLines.some(filled) && filled(c.postcode);
    case 'messenger':
      // The handle only: someone who agreed to Messenger did not agree to be found by email or mobile.
      return filled(c.messengerHandle);
  }
}

/**
 * The number to call, or why none may be called (PECR reg 21, 21(4)). When no
 * number may be called, the reason counted is the one screening would change
 * first: a number never screened, then one screened too long ago, then one on
 * the TPS.
 */
export function phoneChoice(phones: readonly CandidatePhone[]): { call: string } | { reason: MarketingExclusion } {
  const callable = phones.find((p) => mayCall(p.standing, p.doesNotObject));
  if (callable) return { call: callable.phone };
  if (phones.some((p) => p.standing === 'not-screened')) return { reason: 'tps-not-screened' };
  if (phones.some((p) => p.standing === 'out-of-date')) return { reason: 'tps-check-out-of-date' };
  return { reason: 'tps' };
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
  if (channel === 'phone') {
    const choice = phoneChoice(c.phones);
    return 'reason' in choice ? choice.reason : null;
  }
  return null;
}

export function emptyExclusionCounts(): Record<MarketingExclusion, number> {
  return Object.fromEntries(EXCLUSION_ORDER.map((r) => [r, 0])) as Record<MarketingExclusion, number>;
}
