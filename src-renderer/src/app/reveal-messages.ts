/**
 * Keeps what a person's own action produced where they are looking
 * (docs/unsaved-edits.md, "Messages in view"). After they submit a form, or
 * press a button inside a form or a dialog (Save, Withdraw, Confirm):
 *
 * - if the form now has a field in error, that field is scrolled to the middle
 *   of the window and gets the focus (its message is right under it); a message
 *   under a group (radios, a file) focuses the group's first control;
 * - otherwise a new error or success message that is off-screen (a problem at
 *   the top of a long form) is scrolled into view, and an error takes the focus
 *   unless the person is still in a text field of the form (the password after
 *   a wrong one: they will type again).
 *
 * It watches the page rather than each form, so every form is covered, and it
 * acts once per action: typing or clicking again stands it down, so it never
 * pulls the focus away from someone who has moved on. Confirmations that close
 * the form go to a toast instead (components/Toast.tsx), which is always in view.
 */

const MESSAGE = '.alert--error, .alert--success';
const INVALID = '[aria-invalid="true"]';
/** A field marked invalid, or a message under a group that has no single field to mark. */
const FIELD_IN_ERROR = `${INVALID}, .field__error`;
const FOCUSABLE = 'input:not([type="hidden"]), select, textarea, button';

interface Armed {
  /** Where a field in error counts: the form submitted, or the one the button is in. */
  form: HTMLFormElement | null;
  /** Where the focus goes if the form closes (saved) and takes the focus with it: its section. */
  section: HTMLElement | null;
}

/** The record tab's panel, or the page, a form sits in. */
function sectionOf(el: Element): HTMLElement | null {
  return el.closest<HTMLElement>('[role="tabpanel"], main');
}

export function revealMessages(doc: Document = document): () => void {
  const win = doc.defaultView;
  if (!win) return () => undefined;
  let armed: Armed | null = null;

  const onSubmit = (e: Event) => {
    if (e.target instanceof HTMLFormElement) armed = { form: e.target, section: sectionOf(e.target) };
  };
  const onClick = (e: Event) => {
    if (!(e.target instanceof Element)) return;
    const button = e.target.closest('button');
    if (!button || !button.closest('form, dialog')) return;
    armed = { form: button.closest('form'), section: sectionOf(button) };
  };
  const standDown = (e: Event) => {
    // The Enter that submits arrives before the submit event; any later key or press means they moved on.
    if (e instanceof KeyboardEvent && (e.key === 'Enter' || e.key === ' ')) return;
    armed = null;
  };

  const observer = new win.MutationObserver((records) => {
    if (!armed) return;
    const form = armed.form;
    if (form && !form.isConnected) {
      // The form closed: it was saved. Its confirmation is a toast, or a message added with it.
      // The focus was in the form: rather than drop to the top of the page, it goes to the section.
      const section = armed.section;
      armed = { form: null, section: null };
      if (section?.isConnected && (doc.activeElement === doc.body || doc.activeElement === null)) {
        if (!section.hasAttribute('tabindex')) section.setAttribute('tabindex', '-1');
        section.focus({ preventScroll: true });
      }
    }
    const inError = armed.form?.querySelector<HTMLElement>(FIELD_IN_ERROR) ?? null;
    if (inError) {
      armed = null;
      const field = inError.matches(INVALID) ? inError : groupControl(inError);
      bringIntoView(inError, win);
      field?.focus({ preventScroll: true });
      return;
    }
    const message = firstAddedMessage(records);
    if (!message) return;
    armed = null;
    bringIntoView(message, win);
    const typing = isTextEntry(doc.activeElement) && !!form?.contains(doc.activeElement);
    if (message.classList.contains('alert--error') && !typing) {
      if (!message.hasAttribute('tabindex')) message.setAttribute('tabindex', '-1');
      message.focus({ preventScroll: true });
    }
  });
  observer.observe(doc.body, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['aria-invalid'],
  });
  doc.addEventListener('submit', onSubmit, true);
  doc.addEventListener('click', onClick, true);
  doc.addEventListener('keydown', standDown, true);
  doc.addEventListener('pointerdown', standDown, true);
  return () => {
    observer.disconnect();
    doc.removeEventListener('submit', onSubmit, true);
    doc.removeEventListener('click', onClick, true);
    doc.removeEventListener('keydown', standDown, true);
    doc.removeEventListener('pointerdown', standDown, true);
  };
}

/** The first control beside a message (in its own box), else in its fieldset or field. */
function groupControl(message: HTMLElement): HTMLElement | null {
  return (
    message.parentElement?.querySelector<HTMLElement>(FOCUSABLE) ??
    message.closest('fieldset, .field')?.querySelector<HTMLElement>(FOCUSABLE) ??
    null
  );
}

function isTextEntry(el: Element | null): boolean {
  if (el instanceof HTMLTextAreaElement) return true;
  return (
    el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'file'].includes(el.type)
  );
}

/** The first error or success message among the nodes just added (or inside them). */
function firstAddedMessage(records: MutationRecord[]): HTMLElement | null {
  for (const r of records) {
    for (const node of r.addedNodes) {
      if (!(node instanceof HTMLElement)) continue;
      if (node.matches(MESSAGE)) return node;
      const inner = node.querySelector<HTMLElement>(MESSAGE);
      if (inner) return inner;
    }
  }
  return null;
}

/** Scrolls the element to the middle of its scroll area unless it is already wholly in the window. */
function bringIntoView(el: HTMLElement, win: Window): void {
  const box = el.getBoundingClientRect();
  const inView =
    box.top >= 0 && box.left >= 0 && box.bottom <= win.innerHeight && box.right <= win.innerWidth;
  if (!inView) el.scrollIntoView({ block: 'center', inline: 'nearest' });
}
