import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, messageOf } from '../../api';
import { queryKeys } from '../../app/query-keys';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextAreaField } from '../../components/Field';
import type { ConsentMethod } from '../../../../src-main/contract/consent-types';
import type { ClientRecord } from '../../../../src-main/contract/record-types';
import { fullName } from '../clients/client-names';
import { METHOD_OPTIONS } from './consent-labels';
import { useConsentChanged } from './useConsentChanged';

/** The objection to direct marketing (Art 21(3)): what it does, how the client said it, and their words. */
export function ObjectDialog(props: {
  client: ClientRecord;
  hasMarketing: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const [method, setMethod] = useState<ConsentMethod>('in-person');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  const consentChanged = useConsentChanged(props.client.id);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const summary = await api('consent.object', { clientId: props.client.id, method, note });
      // The answer is the client's consents now; the rest (ledger, TPS, photos, marketing) is asked again.
      queryClient.setQueryData(queryKeys.consentCurrent(props.client.id), summary);
      consentChanged();
      props.onDone();
    } catch (err) {
      setProblem(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title="Objects to direct marketing" onClose={props.onClose} wide>
      <form onSubmit={submit} noValidate className="form-stack">
        {problem ? <Alert kind="error">{problem}</Alert> : null}
        <p>
          When a client objects to direct marketing, the clinic must stop, with no exceptions (UK GDPR Article
          21(3)). Recording the objection for <bdi dir="auto">{fullName(props.client)}</bdi>:
        </p>
        <ul className="plain-list">
          <li>
            withdraws marketing on every channel: email, SMS, telephone, post and Facebook Messenger
            {props.hasMarketing ? '' : ' (none is given at the moment)'};
          </li>
          <li>
            adds their email address and phone numbers to the suppression list <strong>permanently</strong>,
            so they are left off every marketing list, even if their record is later erased or they are added
            again;
          </li>
          <li>does not affect appointment reminders, photo uses or treatment consents.</li>
        </ul>
        <p className="muted">Marketing can only restart if the client later gives fresh, explicit consent.</p>
        <SelectField
          label="How did the client tell you?"
          value={method}
          onChange={setMethod}
          options={METHOD_OPTIONS}
        />
        <TextAreaField
          label="Note"
          hint="Optional. In their words where you can, like “Please stop all the offers”."
          value={note}
          onChange={setNote}
          rows={2}
          maxLength={2000}
        />
        <div className="form-actions">
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button--danger" disabled={busy}>
            {busy ? 'Recording…' : 'Record the objection'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
