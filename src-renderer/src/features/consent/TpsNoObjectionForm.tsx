import { useState, type FormEvent } from 'react';
import { api, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { SelectField, TextAreaField } from '../../components/Field';
import type { ConsentMethod } from '../../../../src-main/contract/consent-types';
import { formatUkPhone } from '../../../../src-main/contract/uk-formats';
import { METHOD_OPTIONS } from './consent-labels';
import { useTpsSaved } from './useTpsStatus';

/** Records that the client does not object to our calls on one number (PECR reg 21(4)), or objects again. */
export function TpsNoObjectionForm(props: {
  clientId: string;
  phone: string;
  current: boolean;
  onCancel: () => void;
  onSaved: (state: 'granted' | 'withdrawn') => void;
}) {
  const [state, setState] = useState<'granted' | 'withdrawn'>(props.current ? 'withdrawn' : 'granted');
  const [method, setMethod] = useState<ConsentMethod>('phone');
  const [wording, setWording] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tpsSaved = useTpsSaved(props.clientId);
  const shown = formatUkPhone(props.phone);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    api('tps.noObjection', { clientId: props.clientId, phone: props.phone, state, method, wording, note }).then(
      (list) => {
        tpsSaved(list);
        props.onSaved(state);
      },
      (err: unknown) => {
        setBusy(false);
        setError(messageOf(err));
      },
    );
  };

  return (
    <form className="tps-form" onSubmit={submit} aria-label={`Calls on ${shown}`}>
      <h4 className="tps-form__title">Calls on {shown}</h4>
      {error ? <Alert kind="error">{error}</Alert> : null}
      <SelectField
        label="The client told us"
        value={state}
        onChange={setState}
        options={[
          { value: 'granted', label: 'They do not object to our marketing calls on this number (PECR reg 21(4))' },
          { value: 'withdrawn', label: 'They object to our calls on this number again' },
        ]}
      />
      <div className="form-grid">
        <SelectField label="How they told us" value={method} onChange={setMethod} options={METHOD_OPTIONS} />
      </div>
      <TextAreaField
        label="What they were told or agreed to"
        hint="The exact words, so the clinic can show what the client said."
        rows={2}
        value={wording}
        onChange={setWording}
      />
      <TextAreaField label="Note" rows={2} value={note} onChange={setNote} />
      <div className="form-actions">
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          Save
        </button>
      </div>
    </form>
  );
}
