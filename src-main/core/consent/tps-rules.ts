/**
 * Whether a number may get a marketing call under PECR reg 21, from its newest
 * TPS screening and any reg 21(4) statement (docs/phones-and-tps.md). Pure.
 *
 * A screening belongs to a number, not to a client or a consent: a number
 * changed or added after a screening has no screening of its own and is
 * "not screened" until someone screens it.
 */
import type { TpsStanding } from '../../contract/tps-types';

/** A TPS screening older than this no longer counts (the TPS asks callers to re-screen every 28 days). */
export const TPS_CHECK_VALID_DAYS = 28;

/** Whole days from one ISO date to another (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}

/** The newest screening's facts: the day it was checked and whether the number was on the TPS. */
export interface LatestScreening {
  checkedOn: string;
  registered: boolean;
}

/** What the number's newest screening says on `today` (London date). */
export function tpsStanding(latest: LatestScreening | null | undefined, today: string): TpsStanding {
  if (!latest) return 'not-screened';
  const age = daysBetween(latest.checkedOn, today);
  // A screening dated in the future cannot be trusted, so it does not count either.
  if (age > TPS_CHECK_VALID_DAYS || age < 0) return 'out-of-date';
  return latest.registered ? 'registered' : 'clear';
}

/**
 * reg 21: no marketing call to a number on the TPS, nor to one not screened in
 * the last 28 days; reg 21(4): unless the subscriber told the clinic they do
 * not, for the time being, object to its calls on that number.
 */
export function mayCall(standing: TpsStanding, doesNotObject: boolean): boolean {
  return doesNotObject || standing === 'clear';
}
