import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { SelectField } from '../../components/Field';
import type { ConsentCurrent, ConsentMethod } from '../../../../src-main/contract/consent-types';
import type { ClientRecord } from '../../../../src-main/contract/record-types';
import type { MethodInput } from '../../../../src-main/contract/schemas';
import { METHOD_OPTIONS } from './consent-labels';
import { useConsentChanged } from './useConsentChanged';
import { lastWithdrawMethod, rememberWithdrawMethod } from './withdraw-method';

/**
 * One step: the dialog opens with Withdraw focused, so Enter confirms, and the
 * method is the one this desk used last (withdraw-method.ts), still changeable.
 */
export function WithdrawDialog(props: {
  client: ClientRecord;
  row: ConsentCurrent;
  onClose: () => void;
  onDone: (label: string) => void;
}) {
  const [method, setMethod] = useState<ConsentMethod>(() => lastWithdrawMethod());
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = props.row.purpose.label;
  const consentChanged = useConsentChanged(props.client.id);
  const withdraw = useMutation({
    mutationFn: (input: MethodInput<'consent.withdraw'>) => api('consent.withdraw', input),
    onSuccess: consentChanged,
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await withdraw.mutateAsync({
        clientId: props.client.id,
        purposeId: props.row.purpose.id,
        method,
        treatmentId: props.row.treatmentId,
      });
      rememberWithdrawMethod(method);
      props.onDone(label);
    } catch (err) {
      setProblem(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title={`Withdraw: ${label}`} onClose={props.onClose}>
      <form onSubmit={submit} noValidate className="form-stack">
        {problem ? <Alert kind="error">{problem}</Alert> : null}
        <p>
          This stops from now on. What was done before stays in the timeline, and the client can give it again
          later.
        </p>
        <SelectField
          label="How did the client tell you?"
          value={method}
          onChange={setMethod}
          options={METHOD_OPTIONS}
        />
        <div className="form-actions">
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button--danger" disabled={busy} data-autofocus>
            {busy ? 'Withdrawing…' : 'Withdraw'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
