import type { Migration } from '../migration-types';
import { migration0001 } from './0001-foundation';
import { migration0002 } from './0002-client-records';
import { migration0003 } from './0003-audit-append-speed';
import { migration0004 } from './0004-consent-ledger';
import { migration0007 } from './0007-audit-anchor';

/**
 * BRANCH-ONLY stand-ins for the reserved numbers 0005 (hooks) and 0006 (clinical),
 * so 0007 can be applied on this branch. The integrator replaces them with the
 * real migrations (or renumbers 0007 if one of them is unused).
 */
const reserved = (version: number): Migration => ({ version, name: `reserved-${version}`, up() {} });

/** Every migration, in order. A new schema change is a new file appended here. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, reserved(5), reserved(6), migration0007];
