/**
 * Increasing delays after repeated failed sign-ins, across all usernames (so
 * guessing usernames is throttled too) and across restarts (the state is kept
 * in a small file beside the vault, since the database is locked at this point).
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomicSync } from '../platform/atomic-file';

/** Failures allowed before any delay. */
export const FREE_ATTEMPTS = 3;
const FIRST_DELAY_SECONDS = 5;
const MAX_DELAY_SECONDS = 300;

export interface ThrottleState {
  consecutiveFailures: number;
  lastFailureAt: string | null;
}

/** Pure: the delay that applies after this many consecutive failures. */
export function delaySecondsAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (failures - FREE_ATTEMPTS));
}

/** Pure: whole seconds still to wait at `now`, or 0 when a new attempt may be made. */
export function secondsToWait(state: ThrottleState, now: Date): number {
  if (!state.lastFailureAt) return 0;
  const until = new Date(state.lastFailureAt).getTime() + delaySecondsAfter(state.consecutiveFailures) * 1000;
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}

export class SignInThrottle {
  constructor(private readonly path: string) {}

  read(): ThrottleState {
    try {
      const s = JSON.parse(readFileSync(this.path, 'utf8')) as ThrottleState;
      if (typeof s.consecutiveFailures === 'number' && s.consecutiveFailures >= 0) return s;
    } catch {
      // missing or unreadable: start counting afresh
    }
    return { consecutiveFailures: 0, lastFailureAt: null };
  }

  recordFailure(now: Date): ThrottleState {
    const state = { consecutiveFailures: this.read().consecutiveFailures + 1, lastFailureAt: now.toISOString() };
    writeFileAtomicSync(this.path, JSON.stringify(state));
    return state;
  }

  reset(): void {
    if (this.read().consecutiveFailures > 0) {
      writeFileAtomicSync(this.path, JSON.stringify({ consecutiveFailures: 0, lastFailureAt: null }));
    }
  }
}
