import { useState, type FormEvent } from 'react';
import { api, ApiError, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { PageHeader } from '../../components/PageHeader';
import { useFieldErrors } from '../../components/useFieldErrors';
import type { ClientRecord } from '../../../../src-main/shared/record-types';
import { issuesToFieldErrors } from '../../validation';
import { checkClientForm, clientInputFromForm, EMPTY_CLIENT_FORM, foldListErrors } from './client-form';
import { ClientFormFields } from './ClientFormFields';

export function NewClientPage(props: { onCancel: () => void; onCreated: (client: ClientRecord) => void }) {
  const [form, setForm] = useState(EMPTY_CLIENT_FORM);
  const { errors, setErrors, clear } = useFieldErrors();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const found = checkClientForm(form);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setProblem('Some details need correcting. They are marked below.');
      return;
    }
    setBusy(true);
    try {
      props.onCreated(await api('clients.create', clientInputFromForm(form)));
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0)
        setErrors(foldListErrors(issuesToFieldErrors(err.issues)));
      setProblem(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader
        title="New client"
        takeFocus={false}
        before={
          <button type="button" className="link-button back-link" onClick={props.onCancel}>
            All clients
          </button>
        }
      >
        Only first name, last name and date of birth are needed now; the rest can be added later.
      </PageHeader>
      <form onSubmit={submit} noValidate data-guard>
        {problem ? <Alert kind="error">{problem}</Alert> : null}
        <section className="card">
          <ClientFormFields
            value={form}
            onChange={(next, field) => {
              setForm(next);
              clear(field);
            }}
            errors={errors}
            autoFocus
          />
        </section>
        <div className="form-actions form-actions--start">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Adding…' : 'Add client'}
          </button>
          <button type="button" className="button" onClick={props.onCancel} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}
