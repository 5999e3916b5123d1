import type { ConsentMethod } from '../../../../src-main/contract/consent-types';
import { TOLD_US_METHODS } from './consent-labels';

/**
 * The way clients last told this desk they withdraw (in person at the counter,
 * by phone on the back-office PC), offered first next time so a withdrawal is
 * one step: open, Enter. It is this PC's habit, not a clinic rule, so it lives
 * in this browser profile's localStorage rather than in the vault's settings
 * (those are the owner's, and every desk would share one). It names a method
 * only, never a client, so keeping it outside the encrypted vault is safe.
 */
export const WITHDRAW_METHOD_KEY = 'clinic-vault.withdraw-method';
const DEFAULT_METHOD: ConsentMethod = 'in-person';

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

function deskStorage(): KeyValueStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage switched off: every withdrawal starts from "in person"
  }
}

export function lastWithdrawMethod(store: KeyValueStore | null = deskStorage()): ConsentMethod {
  let saved: string | null = null;
  try {
    saved = store?.getItem(WITHDRAW_METHOD_KEY) ?? null;
  } catch {
    saved = null;
  }
  // Anything else (an old or edited value) falls back rather than reaching the core.
  return TOLD_US_METHODS.find((m) => m === saved) ?? DEFAULT_METHOD;
}

export function rememberWithdrawMethod(
  method: ConsentMethod,
  store: KeyValueStore | null = deskStorage(),
): void {
  try {
    store?.setItem(WITHDRAW_METHOD_KEY, method);
  } catch {
    // Full or refused: the next withdrawal just starts from the default.
  }
}
