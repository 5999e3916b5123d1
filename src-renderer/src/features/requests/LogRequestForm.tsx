import { useState, type FormEvent } from 'react';
import { messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { Checkbox } from '../../components/Checkbox';
import { DateField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { formatDay, parseUkDate, todayIso } from '../../dates';
import {
  REQUEST_CHANNEL_LABELS,
  REQUEST_CHANNELS,
  REQUEST_TYPE_LABELS,
  REQUEST_TYPES,
  type RequestChannel,
  type RequestType,
  type SubjectRequest,
} from '../../../../src-main/contract/request-types';
import { ClientPicker, type PickedClient } from '../audit/ClientPicker';
import { useRequestWrite } from './request-queries';

const CHANNEL_OPTIONS = REQUEST_CHANNELS.map((c) => ({ value: c, label: REQUEST_CHANNEL_LABELS[c] }));

/**
 * "Log a request": what reception fills in when a request arrives, in any
 * form (UK GDPR: a request need not use any words or form). The person may be
 * a client on file, or someone not matched yet; someone may ask for them.
 */
export function LogRequestForm(props: { onCancel: () => void; onLogged: (r: SubjectRequest) => void }) {
  const add = useRequestWrite('requests.add');
  const [from, setFrom] = useState<'client' | 'person'>('client');
  const [client, setClient] = useState<PickedClient | null>(null);
  const [personName, setPersonName] = useState('');
  const [types, setTypes] = useState<RequestType[]>(['access']);
  const [channel, setChannel] = useState<RequestChannel>('email');
  const [received, setReceived] = useState(formatDay(todayIso()));
  const [byOther, setByOther] = useState(false);
  const [otherName, setOtherName] = useState('');
  const [relationship, setRelationship] = useState('');
  const [authority, setAuthority] = useState('');
  const [needsId, setNeedsId] = useState(false);
  const [idNeeded, setIdNeeded] = useState('Photo ID (passport or driving licence) and a recent bill with your address');
  const [idAsked, setIdAsked] = useState(formatDay(todayIso()));
  const [notes, setNotes] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  function toggle(t: RequestType, on: boolean) {
    setTypes((list) => (on ? [...list, t] : list.filter((x) => x !== t)));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const receivedOn = parseUkDate(received);
    if (!receivedOn) return setProblem('Enter the day the request arrived as DD/MM/YYYY.');
    const idAskedOn = needsId ? parseUkDate(idAsked) : null;
    if (needsId && !idAskedOn) return setProblem('Enter the day you asked for ID as DD/MM/YYYY.');
    if (from === 'client' && !client) return setProblem('Find the client the request is from, or choose “Someone not matched to a client yet”.');
    try {
      const { request } = await add.mutateAsync({
        clientId: from === 'client' ? client!.id : null,
        personName: from === 'person' ? personName : null,
        types,
        channel,
        receivedOn,
        requester: byOther ? { kind: 'third_party', name: otherName, relationship, authority: authority || null } : { kind: 'self' },
        identityNeeded: needsId ? idNeeded : '',
        identityRequestedOn: idAskedOn,
        notes,
      });
      props.onLogged(request);
    } catch (err) {
      setProblem(messageOf(err));
    }
  }

  return (
    <form className="card request-form" onSubmit={submit} noValidate aria-labelledby="log-request-title">
      <h2 id="log-request-title" className="card__title">
        Log a request
      </h2>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      <fieldset className="request-form__group">
        <legend className="field__label">Who is it about?</legend>
        <label className="checkbox checkbox--inline">
          <input type="radio" name="from" checked={from === 'client'} onChange={() => setFrom('client')} />
          <span>A client on file</span>
        </label>
        <label className="checkbox checkbox--inline">
          <input type="radio" name="from" checked={from === 'person'} onChange={() => setFrom('person')} />
          <span>Someone not matched to a client yet</span>
        </label>
        {from === 'client' ? <ClientPicker value={client} onChange={setClient} /> : null}
        {from === 'person' ? <TextField label="Their name, as they gave it" value={personName} onChange={setPersonName} dir="auto" /> : null}
      </fieldset>
      <fieldset className="request-form__group">
        <legend className="field__label">What do they ask for?</legend>
        <div className="request-form__types">
          {REQUEST_TYPES.map((t) => (
            <Checkbox key={t} checked={types.includes(t)} onChange={(on) => toggle(t, on)}>
              {REQUEST_TYPE_LABELS[t]}
            </Checkbox>
          ))}
        </div>
      </fieldset>
      <div className="form-grid">
        <SelectField label="How it came in" value={channel} onChange={setChannel} options={CHANNEL_OPTIONS} />
        <DateField label="Received on" value={received} onChange={setReceived} hint="The clock starts on this day, even a weekend." />
      </div>
      <fieldset className="request-form__group">
        <Checkbox checked={byOther} onChange={setByOther}>
          Someone else is asking on their behalf (a relative, solicitor, attorney)
        </Checkbox>
        {byOther ? (
          <div className="form-grid">
            <TextField label="Name of the person asking" value={otherName} onChange={setOtherName} dir="auto" />
            <TextField label="Relationship to the client" value={relationship} onChange={setRelationship} />
            <TextField
              className="form-grid__full"
              label="Their authority, if given (optional)"
              hint="For example the client’s signed authority or a lasting power of attorney. Nothing is released until it is recorded."
              value={authority}
              onChange={setAuthority}
            />
          </div>
        ) : null}
      </fieldset>
      <fieldset className="request-form__group">
        <Checkbox checked={needsId} onChange={setNeedsId}>
          We need ID before we can act (the clock waits until it arrives)
        </Checkbox>
        {needsId ? (
          <div className="form-grid">
            <TextField label="ID needed (goes on the acknowledgement letter)" value={idNeeded} onChange={setIdNeeded} />
            <DateField label="ID asked for on" value={idAsked} onChange={setIdAsked} />
          </div>
        ) : null}
      </fieldset>
      <TextAreaField label="Notes (optional)" value={notes} onChange={setNotes} />
      <div className="form-actions form-actions--start">
        <button type="submit" className="button button--primary" disabled={add.isPending}>
          {add.isPending ? 'Logging…' : 'Log the request'}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
