import { createContext, useContext, useEffect, useState } from 'react';

/**
 * Unsaved form contents kept in memory (never stored) across a lock, for the
 * member of staff who typed them and nobody else (docs/unsaved-edits.md).
 *
 * Forms put their contents here while they differ from what is saved. When a
 * form closes, its draft goes, unless the screen is locking: then every draft is
 * held until the same person signs in again, and the form, reopened on the same
 * page, takes its draft back. Anyone else signing in, or "Switch user", drops them.
 */
export class DraftStore {
  private readonly drafts = new Map<string, unknown>();
  private ownerId: string | null = null;
  private holding = false;

  /** The shell opens for `staffId`: their own drafts come back; anyone else's are dropped unseen. */
  openFor(staffId: string): void {
    if (this.ownerId !== staffId) this.drafts.clear();
    this.ownerId = staffId;
    this.holding = false;
  }

  /** The screen is about to lock: forms closing now keep their drafts. */
  hold(): void {
    this.holding = true;
  }

  /** Switch user or sign-out: every draft is thrown away. */
  discardAll(): void {
    this.drafts.clear();
    this.ownerId = null;
    this.holding = false;
  }

  /** Whose drafts are waiting behind the lock screen (null when there are none). */
  heldFor(): string | null {
    return this.holding && this.drafts.size > 0 ? this.ownerId : null;
  }

  has(key: string): boolean {
    return this.drafts.has(key);
  }

  get<T>(key: string): T | undefined {
    return this.drafts.get(key) as T | undefined;
  }

  put(key: string, value: unknown): void {
    this.drafts.set(key, value);
  }

  /** The form's contents match what is saved again (or it was saved): nothing to keep. */
  drop(key: string): void {
    this.drafts.delete(key);
  }

  /** The form closed: its draft goes, unless the screen is locking. */
  release(key: string): void {
    if (!this.holding) this.drafts.delete(key);
  }
}

const fallback = new DraftStore();
export const DraftContext = createContext<DraftStore>(fallback);

export function useDrafts(): DraftStore {
  return useContext(DraftContext);
}

/**
 * Keeps a form's contents under `key` while `changed` is true, and returns the
 * contents kept from before a lock (once, when the form opens), or undefined.
 * A form that gets a draft back marks itself dirty, so the exits still ask.
 */
export function useKeptDraft<T>(key: string, value: T, changed: boolean): T | undefined {
  const drafts = useDrafts();
  const [restored] = useState(() => drafts.get<T>(key));
  useEffect(() => {
    if (changed) drafts.put(key, value);
    else drafts.drop(key);
  }, [drafts, key, value, changed]);
  useEffect(() => () => drafts.release(key), [drafts, key]);
  return restored;
}
