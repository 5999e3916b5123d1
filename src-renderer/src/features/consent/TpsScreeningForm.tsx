import { useState, type FormEvent } from 'react';
import { api, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { Checkbox } from '../../components/Checkbox';
import { DateField, SelectField, TextField } from '../../components/Field';
import { formatDay, parseUkDate, todayIso } from '../../dates';
import type { TpsSource } from '../../../../src-main/contract/tps-types';
import { formatUkPhone } from '../../../../src-main/contract/uk-formats';
import { SOURCE_OPTIONS } from './tps-labels';
import { useTpsSaved } from './useTpsStatus';

/** Records one screening of one number against the TPS (date, registered or not, where it was checked). */
export function TpsScreeningForm(props: { clientId: string; phone: string; onCancel: () => void; onSaved: () => void }) {
  const [checkedOn, setCheckedOn] = useState(formatDay(todayIso()));
  const [registered, setRegistered] = useState(false);
  const [source, setSource] = useState<TpsSource>('tps-website');
  const [reference, setReference] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [dateError, setDateError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const tpsSaved = useTpsSaved(props.clientId);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const iso = parseUkDate(checkedOn);
    if (!iso) return setDateError('Enter the date the TPS was checked, like 25/12/2026.');
    if (iso > todayIso()) return setDateError('That date is in the future.');
    setBusy(true);
    api('tps.screen', { clientId: props.clientId, phone: props.phone, checkedOn: iso, registered, source, reference }).then(
      (list) => {
        tpsSaved(list);
        props.onSaved();
      },
      (err: unknown) => {
        setBusy(false);
        setError(messageOf(err));
      },
    );
  };

  return (
    <form className="tps-form" onSubmit={submit} aria-label={`TPS screening of ${formatUkPhone(props.phone)}`}>
      <h4 className="tps-form__title">TPS screening of {formatUkPhone(props.phone)}</h4>
      {error ? <Alert kind="error">{error}</Alert> : null}
      <div className="form-grid">
        <DateField
          label="Checked on"
          value={checkedOn}
          onChange={(v) => {
            setCheckedOn(v);
            setDateError(undefined);
          }}
          error={dateError}
        />
        <SelectField label="Checked with" value={source} onChange={setSource} options={SOURCE_OPTIONS} />
        <TextField label="Reference" hint="Optional: the screening service’s batch or reference." value={reference} onChange={setReference} />
      </div>
      <Checkbox checked={registered} onChange={setRegistered}>
        The number is on the TPS
      </Checkbox>
      <div className="form-actions">
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          Save screening
        </button>
      </div>
    </form>
  );
}
