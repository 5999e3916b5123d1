import type { DueWindow, RetentionRule } from '../../../src-main/contract/retention-types';

/** Each rule in the words of the Retention page. */
export const RULE_LABELS: Record<RetentionRule, string> = {
  'clinical-after-last-treatment': 'Clinical: after the last treatment',
  'clinical-under-18-until-25': 'Clinical: treated under 18, until the 25th birthday',
  'clinical-aged-17-until-26': 'Clinical: treated at 17, until the 26th birthday',
  'personal-after-last-interaction': 'Personal data: after the last interaction',
  'request-after-closing': 'Request record: after closing',
};

export const TRIGGER_LABELS = {
  'last-treatment': 'Last treatment',
  'last-interaction': 'Last interaction',
  'date-of-birth': 'Date of birth',
  'request-closed': 'Request closed',
} as const;

export const DUE_LABELS: Record<DueWindow, string> = {
  passed: 'Passed',
  'within-30': 'Within 30 days',
  'within-90': 'Within 90 days',
};
