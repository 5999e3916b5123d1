import { useState } from 'react';
import { api } from '../../api';
import { useDrafts, useKeptDraft } from '../../app/drafts';
import { Alert } from '../../components/Alert';
import { PageHeader } from '../../components/PageHeader';
import type { ClientRecord } from '../../../../src-main/shared/record-types';
import { clientInputFromForm, EMPTY_CLIENT_FORM, type ClientForm } from './client-form';
import { ClientFormFields } from './ClientFormFields';
import { useClientForm } from './useClientForm';

/** Names the draft of a new client's details, kept across a lock (app/drafts.ts). */
export const NEW_CLIENT_DRAFT = 'new-client';

export function NewClientPage(props: { onCancel: () => void; onCreated: (client: ClientRecord) => void }) {
  const drafts = useDrafts();
  const [kept] = useState(() => drafts.get<ClientForm>(NEW_CLIENT_DRAFT));
  const { form, onFieldChange, errors, problem, busy, submitWith } = useClientForm(
    () => kept ?? EMPTY_CLIENT_FORM,
  );
  useKeptDraft(NEW_CLIENT_DRAFT, form, form !== EMPTY_CLIENT_FORM);
  const submit = submitWith(async (f) => props.onCreated(await api('clients.create', clientInputFromForm(f))));

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
      <form onSubmit={submit} noValidate data-guard data-dirty={kept ? '' : undefined}>
        {problem ? <Alert kind="error">{problem}</Alert> : null}
        <section className="card">
          <ClientFormFields
            value={form}
            onChange={onFieldChange}
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
