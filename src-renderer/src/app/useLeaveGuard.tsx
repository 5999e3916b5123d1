import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { DiscardDialog } from '../components/DiscardDialog';
import { hasUnsavedChanges, lastEditedField, trackDirtyForms } from './unsaved-forms';

/**
 * The one gate every way out of a page goes through (sidebar, record tabs, the
 * back link, search, switch user): with a changed form on screen it asks
 * "Keep editing / Discard" first. Closing the window is guarded in App.tsx
 * (useCloseGuard), since drafts held behind the lock screen count too.
 * Locking is not a way out: the draft is kept for the same person (app/drafts.ts).
 */
export function useLeaveGuard(): {
  /** Runs `leave` at once when nothing is unsaved, else after the person chooses Discard. */
  attempt: (leave: () => void, detail?: string) => void;
  /** The dialog, while it is asking. */
  dialog: ReactNode;
} {
  const [asking, setAsking] = useState<{ leave: () => void; detail?: string } | null>(null);
  const refocus = useRef<HTMLElement | null>(null);

  useEffect(() => trackDirtyForms(document), []);

  // After "Keep editing" the dialog gives the focus back to what opened it (a nav button);
  // the person meant to carry on typing, so it goes to the field they last changed.
  useEffect(() => {
    if (asking || !refocus.current) return;
    const field = refocus.current;
    refocus.current = null;
    const frame = requestAnimationFrame(() => {
      if (field.isConnected) field.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [asking]);

  const attempt = useCallback((leave: () => void, detail?: string) => {
    if (!hasUnsavedChanges()) leave();
    else setAsking(detail === undefined ? { leave } : { leave, detail });
  }, []);

  const dialog = asking ? (
    <DiscardDialog
      detail={asking.detail}
      onKeep={() => {
        refocus.current = lastEditedField();
        setAsking(null);
      }}
      onDiscard={() => {
        setAsking(null);
        asking.leave();
      }}
    />
  ) : null;

  return { attempt, dialog };
}
