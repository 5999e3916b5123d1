/** The worker's progress throttle: bounded messages, but never a lost new step or a lost end. */
import { describe, expect, it } from 'vitest';
import type { CallProgress } from '../contract/api';
import { progressThrottle } from './progress-throttle';

describe('progressThrottle', () => {
  it('passes one update per 100 ms, every new label, and the last step', () => {
    let now = 0;
    const sent: CallProgress[] = [];
    const report = progressThrottle((p) => sent.push(p), () => now);
    for (let done = 0; done <= 1_000; done++) {
      report({ done, total: 1_000, label: 'Checking stored files' });
      now += 1; // 1 ms per file: 1,000 updates over a second
    }
    report({ done: 0, total: 0, label: 'Writing the report' });
    expect(sent.length).toBeLessThanOrEqual(13);
    expect(sent[0]).toEqual({ done: 0, total: 1_000, label: 'Checking stored files' });
    expect(sent).toContainEqual({ done: 1_000, total: 1_000, label: 'Checking stored files' });
    expect(sent.at(-1)).toEqual({ done: 0, total: 0, label: 'Writing the report' });
  });
});
