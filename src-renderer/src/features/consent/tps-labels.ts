import { TPS_SOURCES, type TpsSource, type TpsStanding } from '../../../../src-main/contract/tps-types';

/** How a number's TPS standing reads in the panel. */
export const STANDING_LABELS: Record<TpsStanding, string> = {
  clear: 'Screened: not on the TPS',
  registered: 'On the TPS',
  'out-of-date': 'Screening more than 28 days old',
  'not-screened': 'Not screened',
};

export const SOURCE_LABELS: Record<TpsSource, string> = {
  'tps-website': 'TPS website (one number)',
  'screening-service': 'A TPS screening service',
  'tps-file': 'The TPS file (licensed)',
  other: 'Other',
};

export const SOURCE_OPTIONS = TPS_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }));
