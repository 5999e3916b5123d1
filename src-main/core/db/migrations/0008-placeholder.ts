import type { Migration } from '../migration-types';

/**
 * A placeholder on the consent branch only: issue #9 gives number 0008 to
 * another branch and 0009 to the consent ledger, and versions must be
 * consecutive. Whoever merges drops this file (and its fixture) in favour of
 * the real 0008; a vault never sees it.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'placeholder',
  up() {},
};
