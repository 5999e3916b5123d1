import type { Migration } from '../migration-types';
import { migration0001 } from './0001-foundation';
import { migration0002 } from './0002-client-records';
import { migration0003 } from './0003-audit-append-speed';
import { migration0004 } from './0004-consent-ledger';
import { migration0005 } from './0005-consent-current-repair';
import { migration0006 } from './0006-audit-anchor';
import { migration0007 } from './0007-clinical-sealing';
import { migration0008 } from './0008-client-recency';
import { migration0009 } from './0009-consent-compact';
import { migration0010 } from './0010-audit-filter-indexes';
import { migration0011 } from './0011-marketing-objection-index';
import { migration0012 } from './0012-client-merges';
import { migration0013 } from './0013-phones-and-tps';
import { migration0014 } from './0014-forgiving-search';
import { migration0015 } from './0015-consent-evidence-and-2021-act';
import { migration0016 } from './0016-subject-requests';
import { migration0017 } from './0017-processing-record';
import { migration0018 } from './0018-access-pack-redactions';
import { migration0019 } from './0019-erasure-and-restriction';
import { migration0020 } from './0020-search-secure-delete';
import { migration0021 } from './0021-retention';
import { migration0022 } from './0022-retention-batches';
import { migration0023 } from './0023-photo-print-copies';
import { migration0024 } from './0024-destruction-ledger';
import { migration0025 } from './0025-destruction-lookups';

/** Every migration, in order. A new schema change is a new file appended here. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
  migration0017,
  migration0018,
  migration0019,
  migration0020,
  migration0021,
  migration0022,
  migration0023,
  migration0024,
  migration0025,
];
