import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, messageOf } from '../api';
import { Alert } from '../components/Alert';
import { Checkbox } from '../components/Checkbox';
import { TextField } from '../components/Field';
import { useToast } from '../components/Toast';
import { formatDay } from '../dates';
import {
  RETENTION_CATEGORY_LABELS,
  RETENTION_PERIOD_FIELDS,
  type RetentionPeriods,
  type RetentionPolicyPreview,
} from '../../../src-main/contract/retention-types';
import { retentionKeys } from './retention-queries';

const FIELD_LABELS: Record<keyof RetentionPeriods, string> = {
  clinicalMonthsAfterLastTreatment: 'Clinical records, photos and treatment consents: months after the last treatment',
  childUntilBirthday: 'Treated under 18: kept at least until this birthday',
  childAged17UntilBirthday: 'Treated at 17: kept at least until this birthday',
  personalMonthsAfterLastInteraction: 'Other personal data: months after the last interaction',
  requestMonthsAfterClosing: 'Request records: months after the request closed',
};

type Texts = Record<keyof RetentionPeriods, string>;

/**
 * The owner's retention policy: change a period, see which clients it moves
 * into or out of the queue, then save it as a new version. A period under 12
 * months needs the explicit tick (the core refuses it otherwise).
 */
export function RetentionPolicyEditor(props: { onSaved: () => void }) {
  const policy = useQuery({ queryKey: retentionKeys.policy, queryFn: () => api('retention.policy.get') });
  const [texts, setTexts] = useState<Texts | null>(null);
  const [preview, setPreview] = useState<RetentionPolicyPreview | null>(null);
  const [confirmShort, setConfirmShort] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  const p = policy.data;
  const shown: Texts | null = texts ?? (p ? (Object.fromEntries(RETENTION_PERIOD_FIELDS.map((f) => [f, String(p[f])])) as Texts) : null);

  function proposed(): RetentionPeriods | null {
    if (!shown) return null;
    const out = {} as RetentionPeriods;
    for (const f of RETENTION_PERIOD_FIELDS) {
      const n = Number(shown[f]);
      if (!/^\d+$/.test(shown[f].trim()) || n < 1) {
        setError(`${FIELD_LABELS[f]}: enter a whole number.`);
        return null;
      }
      out[f] = n;
    }
    setError(null);
    return out;
  }
  const check = useMutation({ mutationFn: (periods: RetentionPeriods) => api('retention.policy.preview', { policy: periods }), onSuccess: setPreview });
  const save = useMutation({
    mutationFn: (periods: RetentionPeriods) => api('retention.policy.set', { policy: periods, confirmShort }),
    onSuccess: (saved) => {
      toast(`Retention policy saved as version ${saved.version}.`);
      setTexts(null);
      setPreview(null);
      setConfirmShort(false);
      void policy.refetch();
      props.onSaved();
    },
  });

  return (
    <section className="card form-stack retention-policy" aria-labelledby="retention-policy-title" data-testid="retention-policy">
      <h2 id="retention-policy-title" className="card__title">
        Retention policy{p ? `, version ${p.version}` : ''}
      </h2>
      {p ? (
        <p className="muted">
          {p.savedBy ? `Saved ${formatDay(p.savedAt.slice(0, 10))}.` : 'The defaults Clinic Vault starts with.'} Each saved change becomes a new version;
          destruction certificates name the version they applied.
        </p>
      ) : null}
      {policy.error ? <Alert kind="error">{messageOf(policy.error)}</Alert> : null}
      {shown ? (
        <form
          className="form-stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const periods = proposed();
            if (periods) check.mutate(periods);
          }}
        >
          <div className="retention-policy__fields">
            {RETENTION_PERIOD_FIELDS.map((f) => (
              <TextField
                key={f}
                label={FIELD_LABELS[f]}
                value={shown[f]}
                inputMode="numeric"
                onChange={(v) => {
                  setTexts({ ...shown, [f]: v });
                  setPreview(null);
                }}
              />
            ))}
          </div>
          {error ? <Alert kind="error">{error}</Alert> : null}
          {check.error ? <Alert kind="error">{messageOf(check.error)}</Alert> : null}
          {save.error ? <Alert kind="error">{messageOf(save.error)}</Alert> : null}
          {preview ? <PolicyPreview preview={preview} /> : null}
          {preview && preview.short.length > 0 ? (
            <Alert kind="warning" title="A period under 12 months">
              <p>Records would be destroyed very soon after they were last used. Tick to confirm that is what the clinic means.</p>
              <Checkbox checked={confirmShort} onChange={setConfirmShort}>
                I confirm a period under 12 months
              </Checkbox>
            </Alert>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button" disabled={check.isPending}>
              See what changes
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={!preview || save.isPending || (preview.short.length > 0 && !confirmShort)}
              onClick={() => {
                const periods = proposed();
                if (periods) save.mutate(periods);
              }}
            >
              Save as a new version
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

function PolicyPreview(props: { preview: RetentionPolicyPreview }) {
  const { joining, leaving } = props.preview;
  return (
    <div className="retention-preview" data-testid="policy-preview" aria-live="polite">
      <p>
        <strong>{joining.length}</strong> {joining.length === 1 ? 'row joins' : 'rows join'} the queue and <strong>{leaving.length}</strong>{' '}
        {leaving.length === 1 ? 'leaves' : 'leave'} it today.
      </p>
      {[
        ['Joining', joining],
        ['Leaving', leaving],
      ].map(([title, list]) =>
        (list as RetentionPolicyPreview['joining']).length ? (
          <details key={title as string}>
            <summary>{title as string}</summary>
            <ul>
              {(list as RetentionPolicyPreview['joining']).slice(0, 200).map((c) => (
                <li key={`${c.clientId}-${c.category}`}>
                  <bdi dir="auto">{c.displayName}</bdi> ({RETENTION_CATEGORY_LABELS[c.category].toLowerCase()})
                </li>
              ))}
            </ul>
          </details>
        ) : null,
      )}
    </div>
  );
}
