import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../../api';
import { useDrafts, useKeptDraft } from '../../app/drafts';
import { queryKeys } from '../../app/query-keys';
import { Alert } from '../../components/Alert';
import { PageHeader } from '../../components/PageHeader';
import type { ClientRecord } from '../../../../src-main/contract/record-types';
import { PossibleDuplicates } from '../merge/PossibleDuplicates';
import { useDuplicateCheck } from '../merge/useDuplicateCheck';
import { clientInputFromForm, EMPTY_CLIENT_FORM, type ClientForm } from './client-form';
import { ClientFormFields } from './ClientFormFields';
import { useClientForm } from './useClientForm';

/** Names the draft of a new client's details, kept across a lock (app/drafts.ts). */
export const NEW_CLIENT_DRAFT = 'new-client';

export function NewClientPage(props: {
  onCancel: () => void;
  onCreated: (client: ClientRecord) => void;
  /** "Open that record" on a possible duplicate. */
  onOpenClient: (clientId: string) => void;
}) {
  const drafts = useDrafts();
  const [kept] = useState(() => drafts.get<ClientForm>(NEW_CLIENT_DRAFT));
  const { form, onFieldChange, errors, problem, busy, submitWith } = useClientForm(
    () => kept ?? EMPTY_CLIENT_FORM,
  );
  useKeptDraft(NEW_CLIENT_DRAFT, form, form !== EMPTY_CLIENT_FORM);
  const duplicates = useDuplicateCheck(form);
  const queryClient = useQueryClient();
  // Each save stopped by the prompt asks it to come into view with focus (the Add button is far below it).
  const [promptFocus, setPromptFocus] = useState(0);
  const showPrompt = () => setPromptFocus((n) => n + 1);

  const submit = submitWith(async (f) => {
    // Asked again now, not from the last pause in typing: the prompt must reflect what is saved.
    if ((await duplicates.checkNow()).length > 0) {
      showPrompt();
      throw new ApiError({
        code: 'POSSIBLE_DUPLICATE',
        message: 'Not added yet: first look at the possible match under “Is this someone already on file?”.',
      });
    }
    try {
      const created = await api('clients.create', { ...clientInputFromForm(f), notDuplicateOf: duplicates.notDuplicateOf });
      // Every list of clients (search, recent, duplicate checks) may now include them.
      void queryClient.invalidateQueries({ queryKey: queryKeys.clients });
      props.onCreated(created);
    } catch (err) {
      // Someone added a matching client meanwhile: the core refused, so show who.
      if (err instanceof ApiError && err.code === 'POSSIBLE_DUPLICATE') {
        await duplicates.checkNow();
        showPrompt();
      }
      throw err;
    }
  });

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
        <PossibleDuplicates
          matches={duplicates.open}
          onOpen={props.onOpenClient}
          onDifferent={duplicates.confirmDifferent}
          disabled={busy}
          focusRequest={promptFocus}
        />
        <section className="card">
          <ClientFormFields value={form} onChange={onFieldChange} errors={errors} autoFocus />
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
