import { describe, expect, it } from 'vitest';
import { delaySecondsAfter, secondsToWait } from './signin-throttle';

describe('sign-in delay', () => {
  it.each([
    [0, 0],
    [1, 0],
    [2, 0],
    [3, 5],
    [4, 10],
    [5, 20],
    [8, 160],
    [9, 300],
    [50, 300],
  ])('after %i failures waits %i s', (failures, seconds) => {
    expect(delaySecondsAfter(failures)).toBe(seconds);
  });

  it('counts down from the last failure', () => {
    const state = { consecutiveFailures: 3, lastFailureAt: '2026-11-22T09:00:00.000Z' };
    expect(secondsToWait(state, new Date('2026-11-22T09:00:00.000Z'))).toBe(5);
    expect(secondsToWait(state, new Date('2026-11-22T09:00:04.200Z'))).toBe(1);
    expect(secondsToWait(state, new Date('2026-11-22T09:00:05.000Z'))).toBe(0);
  });
});
