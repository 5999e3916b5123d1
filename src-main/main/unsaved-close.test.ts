import { describe, expect, it } from 'vitest';
import {
  askBeforeClosingWithUnsavedChanges,
  DISCARD_AND_CLOSE,
  KEEP_EDITING,
  type CloseQuestion,
} from './unsaved-close';

/** A stand-in for webContents: fires will-prevent-unload and reports whether the window closes. */
function closeAttempt(ask: ((q: CloseQuestion) => number) | null): {
  closes: boolean;
  asked: CloseQuestion[];
} {
  let listener: ((e: { preventDefault(): void }) => void) | null = null;
  const asked: CloseQuestion[] = [];
  askBeforeClosingWithUnsavedChanges(
    { on: (_name, l) => (listener = l) },
    ask === null ? null : (q) => (asked.push(q), ask(q)),
  );
  let closes = false;
  listener!({ preventDefault: () => (closes = true) });
  return { closes, asked };
}

describe('closing the window with unsaved changes', () => {
  it('asks, and keeps the window open when the person chooses Keep editing', () => {
    const { closes, asked } = closeAttempt(() => KEEP_EDITING);
    expect(closes).toBe(false);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.buttons[KEEP_EDITING]).toBe('Keep editing');
    expect(asked[0]!.buttons[DISCARD_AND_CLOSE]).toBe('Discard and close');
    // Enter and Escape both mean the safe answer.
    expect(asked[0]!.defaultId).toBe(KEEP_EDITING);
    expect(asked[0]!.cancelId).toBe(KEEP_EDITING);
  });

  it('closes when the person chooses Discard and close', () => {
    expect(closeAttempt(() => DISCARD_AND_CLOSE).closes).toBe(true);
  });

  it('closes without asking when no dialog may be shown (test runs)', () => {
    expect(closeAttempt(null).closes).toBe(true);
  });
});
