/**
 * The destruction ledger's hook (issue #14 item 6). Clients destroyed or
 * erased after a snapshot was taken must be destroyed again when it is
 * restored, so restoring never brings an erased person back. The ledger (ids
 * only, authenticated) lives beside the snapshots, in `destructions.json`.
 *
 * The destruction engine (`src-main/core/destruction/`, issue #12) had not
 * landed when this was written, so the ledger is not written yet and this
 * hook re-applies nothing: `reapplyDestructions` is the one place the restore
 * calls, and where the integrator connects the engine's "destroy this client"
 * (see docs/backups.md, "Destructions on restore").
 */
import type { Db } from '../db/types';
import type { SetLayout } from './set-layout';

export interface ReappliedDestructions {
  /** Client ids in the ledger that were found in the restored database and destroyed again. */
  destroyed: number;
  /** False until the destruction engine is connected: the restore reports it. */
  ledgerSupported: boolean;
}

export function reapplyDestructions(_db: Db, _set: SetLayout): ReappliedDestructions {
  return { destroyed: 0, ledgerSupported: false };
}
