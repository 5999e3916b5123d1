import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { DiscardDialog } from '../components/DiscardDialog';
import { hasUnsavedChanges, lastEditedField, trackDirtyForms } from './unsaved-forms';

/**
 * The one gate every way out of a page goes through (sidebar, record tabs, the
 * back link, search, switch user): with a changed form on screen it asks
 * "Keep editing / Discard" first. Closing the window asks too (beforeunload;
 * the desktop app turns that into its own dialog, src-main/main/window.ts).
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

  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!hasUnsavedChanges()) return;
      e.preventDefault();
      // Older engines show their prompt only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

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
