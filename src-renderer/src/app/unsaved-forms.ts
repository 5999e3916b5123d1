/**
 * Which forms hold unsaved changes, read from the page itself: a form marked
 * `data-guard` gets `data-dirty` once anything in it is changed (or when it
 * reopens with a draft kept across a lock). Reading the page means every
 * guarded form is covered without registering itself (docs/unsaved-edits.md).
 */

const DIRTY = 'form[data-guard][data-dirty]';

export function hasUnsavedChanges(doc: Document = document): boolean {
  return doc.querySelector(DIRTY) !== null;
}

/** The field last changed in a guarded form, to give the focus back to after "Keep editing". */
let lastEdited: WeakRef<HTMLElement> | null = null;

export function lastEditedField(): HTMLElement | null {
  const el = lastEdited?.deref() ?? null;
  return el?.isConnected ? el : null;
}

/** A form that stays on screen after its save holds nothing unsaved any more. */
export function markSaved(form: HTMLFormElement): void {
  form.removeAttribute('data-dirty');
}

/** Marks guarded forms dirty as they are changed. Returns the function that stops it. */
export function trackDirtyForms(doc: Document = document): () => void {
  const onInput = (e: Event) => {
    if (!(e.target instanceof HTMLElement)) return;
    const form = e.target.closest('form[data-guard]');
    if (!form) return;
    form.setAttribute('data-dirty', '');
    lastEdited = new WeakRef(e.target);
  };
  doc.addEventListener('input', onInput, true);
  doc.addEventListener('change', onInput, true);
  return () => {
    doc.removeEventListener('input', onInput, true);
    doc.removeEventListener('change', onInput, true);
  };
}

/**
 * Closing the window (or reloading) while a form is changed, or while drafts
 * wait behind the lock screen, asks first. Chromium shows its own prompt; the
 * desktop app shows "Keep editing / Discard and close" (src-main/main/unsaved-close.ts).
 */
export function guardWindowClose(win: Window, draftsHeld: () => boolean): () => void {
  const onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (!hasUnsavedChanges(win.document) && !draftsHeld()) return;
    e.preventDefault();
    // Older engines show their prompt only when returnValue is set.
    e.returnValue = '';
  };
  win.addEventListener('beforeunload', onBeforeUnload);
  return () => win.removeEventListener('beforeunload', onBeforeUnload);
}
