import type { Migration } from '../migration-types';

/** TEMPORARY (wt-ractions only): stands for retention-core's 0021 until it lands; removed at the merge. */
export const migration0021: Migration = { version: 21, name: 'placeholder', up() {} };
