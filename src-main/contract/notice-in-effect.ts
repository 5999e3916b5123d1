/**
 * The privacy notice in force on a day: the newest effective on or before it,
 * the latest published on a tie. A consent is pre-filled with it (the window
 * and the command line; docs/consent-rules.md "Evidence"), so a backdated
 * paper form names the notice of its own day, not today's.
 */
import type { PrivacyNotice } from './consent-types';

export function noticeInEffectOn<N extends Pick<PrivacyNotice, 'effectiveOn' | 'createdAt'>>(notices: readonly N[], day: string): N | null {
  let best: N | null = null;
  for (const n of notices) {
    if (n.effectiveOn > day) continue;
    if (!best || n.effectiveOn > best.effectiveOn || (n.effectiveOn === best.effectiveOn && n.createdAt > best.createdAt)) best = n;
  }
  return best;
}
