/**
 * What a change to a member of staff's key slot needs (staff/staff-service.ts,
 * vault/recovery-slot.ts): the open vault, who is signed in, the clock and the
 * key-derivation cost. It lives in vault/ because the slots and the keyring do;
 * staff/ builds on it, so the two folders never import each other both ways.
 */
import type { Clock, KdfCost } from '../platform/ports';
import type { Session } from '../session/session';
import type { OpenVault } from './open-vault';

export interface StaffContext {
  vault: OpenVault;
  session: Session;
  clock: Clock;
  kdfCost: KdfCost;
}
