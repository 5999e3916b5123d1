import type { Migration } from '../migration-types';

/**
 * PLACEHOLDER for the number reserved for the consent_current repair (issue #8
 * item 9), so that 0006 can be numbered in this branch. It changes nothing; the
 * real 0005 replaces this file when the branches are joined.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'placeholder',
  up() {},
};
