/**
 * TPS screening per phone number and "does not object to our calls" (PECR
 * reg 21 and 21(4); issue #11 item 1; docs/phones-and-tps.md).
 */
import type { ConsentMethod } from './consent-types';

/** Where a screening came from: the TPS website's single-number check, a screening service, the TPS file, other. */
export const TPS_SOURCES = ['tps-website', 'screening-service', 'tps-file', 'other'] as const;
export type TpsSource = (typeof TPS_SOURCES)[number];

export interface TpsScreening {
  id: string;
  /** E.164 (+447700900123). */
  phone: string;
  checkedOn: string;
  registered: boolean;
  source: TpsSource;
  reference: string;
  recordedAt: string;
  recordedByName: string;
}

/** reg 21(4): the subscriber told the clinic they do not object to its calls on this number (or withdrew that). */
export interface TpsNoObjection {
  id: string;
  clientId: string;
  phone: string;
  state: 'granted' | 'withdrawn';
  occurredAt: string;
  recordedAt: string;
  recordedByName: string;
  method: ConsentMethod;
  noticeId: string | null;
  noticeVersion: string | null;
  wording: string;
  evidenceFileId: string | null;
  note: string;
}

/**
 * What a number's screening says today:
 * clear — screened in the last 28 days and not on the TPS;
 * registered — on the TPS at its newest screening;
 * out-of-date — its newest screening is older than 28 days;
 * not-screened — never screened (a number added or changed since the last screening).
 */
export type TpsStanding = 'clear' | 'registered' | 'out-of-date' | 'not-screened';

export interface ClientPhoneTps {
  phone: string;
  /** 'Mobile', or the other phone's label ('Home', 'Work', or 'Phone'). */
  label: string;
  standing: TpsStanding;
  latest: TpsScreening | null;
  /** The reg 21(4) statement in force for this client and number, if any. */
  noObjection: TpsNoObjection | null;
  /** Whether a marketing call to this number is allowed by the TPS rules today (the consent itself is checked apart). */
  callable: boolean;
  /** Every screening of the number, newest first. */
  history: TpsScreening[];
}
