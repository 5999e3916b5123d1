/**
 * Progress at most every 100 ms per call (a verify of 10,000 files would
 * otherwise post 10,000 messages), but never drops a new label or the last step.
 */
import type { CallProgress } from '../contract/api';

const MIN_INTERVAL_MS = 100;

export function progressThrottle(
  send: (progress: CallProgress) => void,
  now: () => number = Date.now,
): (progress: CallProgress) => void {
  let lastAt = -Infinity;
  let lastLabel: string | null = null;
  return (progress) => {
    const t = now();
    const finished = progress.total > 0 && progress.done >= progress.total;
    if (!finished && progress.label === lastLabel && t - lastAt < MIN_INTERVAL_MS) return;
    lastAt = t;
    lastLabel = progress.label;
    send(progress);
  };
}
