import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, messageOf } from '../../api';
import { queryKeys } from '../../app/query-keys';
import { Alert } from '../../components/Alert';
import { Checkbox } from '../../components/Checkbox';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { useFieldErrors } from '../../components/useFieldErrors';
import type { TreatmentType } from '../../../../src-main/contract/record-types';
import { treatmentTypeInputSchema } from '../../../../src-main/contract/record-schemas';
import { check, issuesToFieldErrors } from '../../validation';
import { useTreatmentTypes } from '../record/useTreatments';

/** The owner's list of treatments offered: which are injectable, and which the under-18 rule covers. */
export function TreatmentCatalogue() {
  const list = useTreatmentTypes();
  const types = list.data ?? null;
  const problem = list.error ? messageOf(list.error) : null;
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<TreatmentType | 'new' | null>(null);
  // The add-treatment form reads the same list.
  const load = () => queryClient.invalidateQueries({ queryKey: queryKeys.treatmentTypes });

  return (
    <section className="card card--table settings-catalogue" aria-labelledby="catalogue-heading">
      <div className="card__head">
        <div>
          <h2 id="catalogue-heading" className="card__title">
            Treatment catalogue
          </h2>
          <p className="card__lead">
            The treatments practitioners choose from. Injectables need a product, batch and expiry; botulinum
            toxin and fillers are refused for anyone under 18 without a doctor&rsquo;s approval.
          </p>
        </div>
        <button type="button" className="button" onClick={() => setEditing('new')}>
          Add treatment type
        </button>
      </div>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      {notice ? (
        <div className="card__alert">
          <Alert kind="success">{notice}</Alert>
        </div>
      ) : null}
      {types === null && !problem ? <p className="loading card__pad">Loading the catalogue…</p> : null}
      {types && types.length === 0 ? (
        <p className="empty">No treatment types yet. Add the first with Add treatment type.</p>
      ) : null}
      {types && types.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">Treatment types</caption>
          <thead>
            <tr>
              <th scope="col">Treatment</th>
              <th scope="col">Injectable</th>
              <th scope="col">Toxin or filler</th>
              <th scope="col">In use</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {types.map((t) => (
              <tr key={t.id} className={t.active ? undefined : 'table__row--muted'}>
                <th scope="row" className="table__name">
                  {t.name}
                </th>
                <td>{t.injectable ? 'Yes' : 'No'}</td>
                <td>
                  {t.toxinOrFiller ? (
                    <span className="badge badge--warning">18+ only</span>
                  ) : t.injectable && !t.toxinOrFillerAnswered ? (
                    <span className="badge badge--warning">Answer needed: 18+ only until then</span>
                  ) : (
                    'No'
                  )}
                </td>
                <td>{t.active ? 'Yes' : 'No longer offered'}</td>
                <td className="table__actions">
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`Edit ${t.name}`}
                    onClick={() => setEditing(t)}
                  >
                    Edit
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {editing ? (
        <TreatmentTypeDialog
          type={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setNotice(`${saved.name} saved.`);
            void load();
          }}
        />
      ) : null}
    </section>
  );
}

function TreatmentTypeDialog(props: {
  type: TreatmentType | null;
  onClose: () => void;
  onSaved: (t: TreatmentType) => void;
}) {
  const [name, setName] = useState(props.type?.name ?? '');
  const [injectable, setInjectable] = useState(props.type?.injectable ?? false);
  // No answer until the owner gives one: an unticked box is how a toxin once escaped the under-18 rule.
  const answered = props.type ? props.type.toxinOrFillerAnswered || props.type.toxinOrFiller : false;
  const [toxinOrFiller, setToxinOrFiller] = useState<boolean | null>(answered ? props.type!.toxinOrFiller : null);
  const fixed = props.type?.builtIn ?? false;
  const [active, setActive] = useState(props.type?.active ?? true);
  const { errors, setErrors, clear } = useFieldErrors();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const input = {
      ...(props.type ? { id: props.type.id } : {}),
      name,
      injectable: injectable || toxinOrFiller === true,
      // Only asked of an injectable: a toxin or filler always is one.
      toxinOrFiller: injectable || toxinOrFiller === true ? toxinOrFiller : false,
      active,
    };
    const found = check(treatmentTypeInputSchema, input);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      props.onSaved(await api('treatmentTypes.save', input));
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) setErrors(issuesToFieldErrors(err.issues));
      setProblem(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title={props.type ? `Edit ${props.type.name}` : 'Add treatment type'} onClose={props.onClose}>
      <form onSubmit={submit} noValidate className="form-stack">
        {problem ? <Alert kind="error">{problem}</Alert> : null}
        <TextField
          label="Treatment name"
          value={name}
          onChange={(v) => {
            setName(v);
            clear('name');
          }}
          error={errors.name}
          autoFocus
        />
        <div className="form-stack form-stack--tight">
          {fixed ? (
            <p className="field__hint">
              A built-in treatment: whether it is injectable and under the under-18 rule is fixed (2021 Act).
            </p>
          ) : null}
          <Checkbox
            checked={injectable || toxinOrFiller === true}
            disabled={fixed || toxinOrFiller === true}
            onChange={(v) => {
              setInjectable(v);
              clear('injectable');
            }}
          >
            Injectable: product, batch number and expiry are required
          </Checkbox>
          {errors.injectable ? <p className="field__error">{errors.injectable}</p> : null}
          {injectable || toxinOrFiller === true ? (
            <fieldset className="form-stack form-stack--tight" aria-describedby="toxin-question-hint">
              <legend className="field__label">Does it contain botulinum toxin, or is it a dermal filler?</legend>
              <p id="toxin-question-hint" className="field__hint">
                If yes, it is refused for anyone under 18 without a doctor&rsquo;s approval. Skin boosters and other
                injected fillers count as fillers.
              </p>
              {([true, false] as const).map((yes) => (
                <label key={String(yes)} className="checkbox checkbox--inline">
                  <input
                    type="radio"
                    name="toxin-or-filler"
                    checked={toxinOrFiller === yes}
                    disabled={fixed}
                    onChange={() => {
                      setToxinOrFiller(yes);
                      clear('toxinOrFiller');
                    }}
                  />
                  <span>{yes ? 'Yes: botulinum toxin or a dermal filler' : 'No'}</span>
                </label>
              ))}
              {errors.toxinOrFiller ? <p className="field__error">{errors.toxinOrFiller}</p> : null}
            </fieldset>
          ) : null}
          <Checkbox checked={active} onChange={setActive}>
            Offered: practitioners can choose it
          </Checkbox>
        </div>
        <div className="form-actions">
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
