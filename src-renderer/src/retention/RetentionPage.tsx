import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { api, messageOf } from '../api';
import { Alert } from '../components/Alert';
import { PageHeader } from '../components/PageHeader';
import { SelectField, TextAreaField, TextField } from '../components/Field';
import { useToast } from '../components/Toast';
import { formatDay } from '../dates';
import {
  HOLD_KIND_LABELS,
  RETENTION_CATEGORIES,
  RETENTION_CATEGORY_LABELS,
  RETENTION_RULES,
  type QueueRowView,
  type RetentionCategory,
  type WithinDays,
} from '../../../src-main/contract/retention-types';
import { RetentionBatchActions } from './RetentionBatchActions';
import { RetentionPolicyEditor } from './RetentionPolicyEditor';
import { DUE_LABELS, RULE_LABELS, TRIGGER_LABELS } from './retention-labels';
import { refreshRetention, retentionKeys, useHoldsPastReview } from './retention-queries';
import './retention.css';

const rowKey = (r: QueueRowView) => `${r.clientId}|${r.category}|${r.requestId ?? ''}`;

/**
 * The retention queue (docs/retention.md): every client and category whose
 * retention date has passed, or passes within 30 or 90 days, with the rule,
 * the date it counts from and the resulting date. The owner selects rows and
 * keeps them longer (Review), or destroys or anonymises them (the batch
 * actions). Held clients are listed, marked, and cannot be selected for
 * anything but review.
 */
export function RetentionPage(props: { onOpenClient: (clientId: string) => void }) {
  const [withinDays, setWithinDays] = useState<WithinDays>(0);
  const [category, setCategory] = useState<RetentionCategory | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reviewing, setReviewing] = useState(false);
  const [editingPolicy, setEditingPolicy] = useState(false);
  const queries = useQueryClient();
  const queue = useQuery({
    queryKey: retentionKeys.queue(withinDays, category),
    queryFn: () => api('retention.queue', { withinDays, ...(category ? { category } : {}) }),
  });
  const holds = useHoldsPastReview(true);
  const rows = useMemo(() => queue.data?.rows ?? [], [queue.data]);
  const chosen = rows.filter((r) => selected.has(rowKey(r)));
  const allChosen = rows.length > 0 && chosen.length === rows.length;

  function toggle(r: QueueRowView, on: boolean) {
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(rowKey(r));
      else next.delete(rowKey(r));
      return next;
    });
  }
  const done = () => {
    setSelected(new Set());
    setReviewing(false);
    refreshRetention(queries);
  };

  return (
    <>
      <PageHeader
        title="Retention"
        actions={
          <button type="button" className="button" onClick={() => setEditingPolicy((v) => !v)} aria-expanded={editingPolicy}>
            {editingPolicy ? 'Close the policy' : 'Retention policy…'}
          </button>
        }
      >
        Clients whose data has been kept as long as the clinic’s policy says. Review each one: keep it longer with a reason,
        or destroy it. Clients under a legal hold are listed but nothing can be destroyed.
      </PageHeader>
      {editingPolicy ? <RetentionPolicyEditor onSaved={() => refreshRetention(queries)} /> : null}
      {holds.data && holds.data.holds.length > 0 ? (
        <Alert kind="warning" title="Legal holds to review">
          <ul className="retention-holds" data-testid="holds-past-review">
            {holds.data.holds.map((h) => (
              <li key={h.id}>
                <button type="button" className="link-button" onClick={() => props.onOpenClient(h.clientId)}>
                  <bdi dir="auto">{h.displayName}</bdi>
                </button>
                : {HOLD_KIND_LABELS[h.kind]}, review date {formatDay(h.reviewOn)} has come.
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <div className="retention-filters card">
        <SelectField
          label="Data"
          value={category ?? 'all'}
          onChange={(v) => {
            setCategory(v === 'all' ? null : (v as RetentionCategory));
            setSelected(new Set());
          }}
          options={[{ value: 'all', label: 'All categories' }, ...RETENTION_CATEGORIES.map((c) => ({ value: c, label: RETENTION_CATEGORY_LABELS[c] }))]}
        />
        <SelectField
          label="Due"
          value={String(withinDays)}
          onChange={(v) => {
            setWithinDays(Number(v) as WithinDays);
            setSelected(new Set());
          }}
          options={[
            { value: '0', label: 'Date passed' },
            { value: '30', label: 'Passed, or passes within 30 days' },
            { value: '90', label: 'Passed, or passes within 90 days' },
          ]}
        />
      </div>
      {queue.error ? <Alert kind="error">{messageOf(queue.error)}</Alert> : null}
      {queue.isPending ? <p className="loading">Working out the queue…</p> : null}
      {queue.data ? (
        <>
          <ul className="request-counts retention-counts" aria-label="Rows per rule" data-testid="retention-counts">
            {RETENTION_RULES.map((rule) => (
              <li key={rule} className="request-counts__item">
                <span className="request-counts__n">{queue.data.counts[rule].toLocaleString('en-GB')}</span>
                <span className="request-counts__label">{RULE_LABELS[rule]}</span>
              </li>
            ))}
          </ul>
          <p className="muted" data-testid="retention-summary">
            {queue.data.clients.toLocaleString('en-GB')} {queue.data.clients === 1 ? 'client' : 'clients'} as of {formatDay(queue.data.asOf)}, under policy
            version {queue.data.policyVersion}.
          </p>
          {rows.length === 0 ? (
            <p className="card empty">Nothing is due in this window.</p>
          ) : (
            <>
              <div className="retention-actions">
                <span aria-live="polite">{chosen.length ? `${chosen.length} selected` : 'Select rows to act on them.'}</span>
                <button type="button" className="button" disabled={!chosen.length} onClick={() => setReviewing(true)}>
                  Review: keep longer…
                </button>
                <RetentionBatchActions selected={chosen} onDone={done} />
              </div>
              {reviewing ? <ReviewForm rows={chosen} onCancel={() => setReviewing(false)} onDone={done} /> : null}
              <table className="table retention-table" data-testid="retention-queue">
                <thead>
                  <tr>
                    <th scope="col">
                      <input
                        type="checkbox"
                        aria-label="Select all rows"
                        checked={allChosen}
                        onChange={(e) => setSelected(e.target.checked ? new Set(rows.map(rowKey)) : new Set())}
                      />
                    </th>
                    <th scope="col">Client</th>
                    <th scope="col">Data</th>
                    <th scope="col">Rule</th>
                    <th scope="col">Counts from</th>
                    <th scope="col">Kept until</th>
                    <th scope="col">Due</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={rowKey(r)} data-client-id={r.clientId} data-category={r.category} className={r.held ? 'retention-row--held' : undefined}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Select ${r.displayName}, ${RETENTION_CATEGORY_LABELS[r.category].toLowerCase()}`}
                          checked={selected.has(rowKey(r))}
                          onChange={(e) => toggle(r, e.target.checked)}
                        />
                      </td>
                      <td>
                        <button type="button" className="link-button" onClick={() => props.onOpenClient(r.clientId)}>
                          <bdi dir="auto">{r.displayName}</bdi>
                        </button>
                        {r.held ? (
                          <span className="badge badge--hold" data-testid="held-marker">
                            Legal hold
                          </span>
                        ) : null}
                        {r.requestReference ? <span className="muted"> {r.requestReference}</span> : null}
                      </td>
                      <td>{RETENTION_CATEGORY_LABELS[r.category]}</td>
                      <td>{RULE_LABELS[r.rule]}</td>
                      <td>
                        <span className="muted">{TRIGGER_LABELS[r.triggerKind]}: </span>
                        {formatDay(r.triggerDate)}
                      </td>
                      <td data-testid="retain-until">{formatDay(r.retainUntil)}</td>
                      <td>
                        {DUE_LABELS[r.due]}
                        {r.reviewedUntil ? <span className="muted"> (reviewed to {formatDay(r.reviewedUntil)})</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      ) : null}
    </>
  );
}

/** Keep the selected rows N more months, with a reason: one call per category. */
function ReviewForm(props: { rows: QueueRowView[]; onCancel: () => void; onDone: () => void }) {
  const [months, setMonths] = useState('12');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const toast = useToast();
  const review = useMutation({
    mutationFn: async (n: number) => {
      const byCategory = new Map<RetentionCategory, Set<string>>();
      for (const r of props.rows) byCategory.set(r.category, (byCategory.get(r.category) ?? new Set()).add(r.clientId));
      let keptUntil = '';
      for (const [category, ids] of byCategory) keptUntil = (await api('retention.review', { clientIds: [...ids], category, months: n, reason })).keptUntil;
      return keptUntil;
    },
    onSuccess: (keptUntil) => {
      toast(`Kept until ${formatDay(keptUntil)}. ${props.rows.length === 1 ? 'It leaves' : 'They leave'} the queue until then.`);
      props.onDone();
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const n = Number(months);
    if (!Number.isInteger(n) || n < 1 || n > 120) return setError('Enter a whole number of months from 1 to 120.');
    review.mutate(n);
  }
  return (
    <form className="card form-stack retention-review" onSubmit={submit} noValidate aria-label="Keep longer">
      <p>
        Keep the {props.rows.length} selected {props.rows.length === 1 ? 'row' : 'rows'} longer. Say why: the reason is kept with the decision.
      </p>
      {review.error ? <Alert kind="error">{messageOf(review.error)}</Alert> : null}
      <TextField label="Keep for how many more months" value={months} onChange={(v) => { setMonths(v); setError(undefined); }} inputMode="numeric" error={error} />
      <TextAreaField label="Reason" value={reason} onChange={setReason} rows={2} />
      <div className="form-actions">
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={review.isPending || !reason.trim()}>
          Keep longer
        </button>
      </div>
    </form>
  );
}
