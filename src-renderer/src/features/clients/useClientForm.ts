import { useState, type FormEvent } from 'react';
import { ApiError, messageOf } from '../../api';
import { useFieldErrors } from '../../components/useFieldErrors';
import { issuesToFieldErrors } from '../../validation';
import { checkClientForm, foldListErrors, type ClientForm } from './client-form';

/**
 * A client-details form (a new client, or editing one): its state, the same
 * checks before anything is sent, and the app's field errors put back on the
 * fields they name (phone rows included).
 *
 * `submitWith(send, refuse)` makes the form's submit handler: `refuse` may
 * return a message to show instead of sending (like "Nothing has been changed
 * yet."); `send` does the call. On success the caller moves on, so busy stays set.
 */
/**
 * After a refused submit, brings the problem into view: the Add/Save button is
 * at the foot of a long form, the summary alert and the marked fields at its
 * top, so without this the person sees nothing happen. The first marked field
 * takes focus (its message sits under it); with none, the alert is scrolled to.
 */
function showFirstProblem(form: HTMLFormElement): void {
  requestAnimationFrame(() => {
    const field = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field) {
      field.focus();
      field.scrollIntoView({ block: 'center' });
      return;
    }
    form.querySelector('.alert')?.scrollIntoView({ block: 'nearest' });
  });
}

export function useClientForm(initial: () => ClientForm) {
  const [form, setForm] = useState(initial);
  const { errors, setErrors, clear } = useFieldErrors();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onFieldChange = (next: ClientForm, field: string) => {
    setForm(next);
    clear(field);
  };

  const submitWith =
    (send: (form: ClientForm) => Promise<void>, refuse?: (form: ClientForm) => string | null) =>
    async (e: FormEvent) => {
      e.preventDefault();
      const formElement = e.currentTarget as HTMLFormElement;
      setProblem(null);
      const found = checkClientForm(form);
      setErrors(found);
      if (Object.keys(found).length > 0) {
        setProblem('Some details need correcting. They are marked below.');
        showFirstProblem(formElement);
        return;
      }
      const refusal = refuse?.(form) ?? null;
      if (refusal) {
        setProblem(refusal);
        showFirstProblem(formElement);
        return;
      }
      setBusy(true);
      try {
        await send(form);
      } catch (err) {
        if (err instanceof ApiError && err.issues.length > 0)
          setErrors(foldListErrors(issuesToFieldErrors(err.issues)));
        setProblem(messageOf(err));
        setBusy(false);
        showFirstProblem(formElement);
      }
    };

  return { form, onFieldChange, errors, problem, busy, submitWith };
}
