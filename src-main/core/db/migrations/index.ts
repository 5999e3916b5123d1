import type { Migration } from '../migration-types';
import { migration0001 } from './0001-foundation';

/** Every migration, in order. A new schema change is a new file appended here. */
export const MIGRATIONS: readonly Migration[] = [migration0001];
