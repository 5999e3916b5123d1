import { useState, type FormEvent } from 'react';
import { api, ApiError, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { DateField } from '../../components/Field';
import { formatDay, parseUkDate, todayIso } from '../../dates';
import type { ClientRecord } from '../../../../src-main/contract/record-types';
import { fullName } from '../clients/client-names';

/** Records (or corrects) a client's death: the record is kept, and marketing to them stops. */
export function DeceasedDialog(props: {
  client: ClientRecord;
  deceasedOn: string | null;
  onClose: () => void;
  onSaved: (client: ClientRecord, message: string) => void;
}) {
  const { client } = props;
  const [date, setDate] = useState(props.deceasedOn ? formatDay(props.deceasedOn) : '');
  const [error, setError] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = fullName(client);

  async function save(deceasedOn: string | null, message: string) {
    setBusy(true);
    setProblem(null);
    try {
      props.onSaved(await api('clients.setDeceased', { clientId: client.id, deceasedOn }), message);
    } catch (err) {
      if (err instanceof ApiError) {
        const issue = err.issues.find((i) => i.field === 'deceasedOn');
        if (issue) setError(issue.message);
      }
      setProblem(messageOf(err));
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const day = parseUkDate(date);
    if (!day) return setError('Enter the date of death, like 25/12/2026.');
    if (day > todayIso()) return setError('That date is in the future.');
    if (day < client.dateOfBirth) return setError('That is before the client’s date of birth.');
    void save(day, `${name} is marked as deceased (${formatDay(day)}). Marketing to them has stopped.`);
  }

  return (
    <Dialog title={props.deceasedOn ? 'Date of death' : 'Mark as deceased'} onClose={props.onClose}>
      <form onSubmit={submit} noValidate className="form-stack">
        {problem ? <Alert kind="error">{problem}</Alert> : null}
        <p>
          The record of <bdi dir="auto">{name}</bdi> is kept as it is. They are left off every marketing list
          from now on.
        </p>
        <DateField
          label="Date of death"
          hint="DD/MM/YYYY"
          value={date}
          onChange={(v) => {
            setDate(v);
            setError(undefined);
          }}
          error={error}
          autoFocus
        />
        <div className="form-actions">
          {props.deceasedOn ? (
            <button
              type="button"
              className="button button--danger-quiet form-actions__left"
              disabled={busy}
              onClick={() => void save(null, `${name} is no longer marked as deceased.`)}
            >
              Not deceased: undo
            </button>
          ) : null}
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Saving…' : props.deceasedOn ? 'Save date' : 'Mark as deceased'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
