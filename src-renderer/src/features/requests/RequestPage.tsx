import { useState } from 'react';
import { messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { PageHeader } from '../../components/PageHeader';
import type { RequestWithHistory, SubjectRequest } from '../../../../src-main/contract/request-types';
import { REQUEST_CHANNEL_LABELS } from '../../../../src-main/contract/request-types';
import { formatUkDate } from '../../../../src-main/contract/uk-formats';
import { formatDateTime } from '../../dates';
import { AccessPackStep } from '../access-pack/AccessPackStep';
import { ErasureStep } from '../erasure/ErasureStep';
import { IdentityStep } from './IdentityStep';
import { MarkSentStep } from './MarkSentStep';
import { RequestClockPanel } from './RequestClockPanel';
import { RequestLettersPanel } from './RequestLettersPanel';
import { daysLeftLabel, dueLabel, typesLabel, urgency } from './request-labels';
import { useSubjectRequest } from './request-queries';

type StepId = 'identity' | 'gather' | 'review' | 'health' | 'export' | 'act' | 'sent';
const STEP_LABELS: Record<StepId, string> = {
  identity: 'Identity',
  gather: 'Gather',
  review: 'Review and redact',
  health: 'Health check',
  export: 'Export',
  act: 'Act on it',
  sent: 'Mark sent',
};

/** The steps this request goes through, and how far it has got (from its state and its history). */
function stepsOf(data: RequestWithHistory): { steps: StepId[]; done: Set<StepId> } {
  const r = data.request;
  const access = r.types.includes('access');
  const steps: StepId[] = access ? ['identity', 'gather', 'review', 'health', 'export', 'sent'] : ['identity', 'act', 'sent'];
  const done = new Set<StepId>();
  if (r.identityVerified) done.add('identity');
  const kinds = new Set(data.history.map((h) => h.kind));
  if (kinds.has('pack.exported')) ['gather', 'review', 'health', 'export'].forEach((s) => done.add(s as StepId));
  if (kinds.has('erasure.applied')) done.add('act');
  if (r.responseSentOn || r.status === 'closed') steps.forEach((s) => done.add(s));
  return { steps, done };
}

/**
 * One request: always its due date and the days left, then the steps the
 * owner walks through: identity → gather → review and redact → health check →
 * export → mark sent. Reception sees the request and records the ID; the
 * owner's steps are shown to the owner (the core refuses them to anyone else).
 */
export function RequestPage(props: { requestId: string; canManage: boolean; onBack: () => void }) {
  const query = useSubjectRequest(props.requestId);
  const data = query.data;
  const r = data?.request;

  return (
    <>
      <PageHeader
        title={r ? `${r.reference} · ${r.displayName}` : 'Request'}
        dir="auto"
        before={
          <button type="button" className="link-button" onClick={props.onBack}>
            ← All requests
          </button>
        }
      >
        {r ? `${typesLabel(r)}, by ${REQUEST_CHANNEL_LABELS[r.channel].toLowerCase()}, received ${formatUkDate(r.receivedOn)}.` : null}
      </PageHeader>
      {query.error ? <Alert kind="error">{messageOf(query.error)}</Alert> : null}
      {query.isPending ? <p className="loading">Loading…</p> : null}
      {data && r ? (
        <>
          <DueBanner request={r} />
          {r.warnings.map((w) => (
            <Alert key={w} kind="warning">
              {w}
            </Alert>
          ))}
          <Steps data={data} />
          <IdentityStep request={r} canManage={props.canManage} />
          {props.canManage ? (
            <>
              {r.types.includes('access') ? (
                <AccessPackStep request={r} onChanged={() => void query.refetch()} />
              ) : null}
              {r.types.includes('erasure') ? (
                <ErasureStep request={r} onChanged={() => void query.refetch()} />
              ) : null}
              <MarkSentStep request={r} />
              <RequestClockPanel request={r} />
              <RequestLettersPanel request={r} />
            </>
          ) : null}
          <History data={data} />
        </>
      ) : null}
    </>
  );
}

function DueBanner(props: { request: SubjectRequest }) {
  const r = props.request;
  return (
    <section className={`card request-due request-due--${urgency(r)}`} aria-label="Due date" data-testid="request-due">
      <div>
        <span className="request-due__label">Due</span> <strong className="request-due__date">{dueLabel(r)}</strong>
      </div>
      <div className="request-due__left">{daysLeftLabel(r)}</div>
      {r.deadline.extendedDueDate ? <div className="muted">Extended from {formatUkDate(r.deadline.standardDueDate)}</div> : null}
      {r.status === 'open' && r.deadline.extensionNoticeBy ? (
        <div className="muted">An extension must be told to the person by {formatUkDate(r.deadline.extensionNoticeBy)}</div>
      ) : null}
      {r.deadline.acknowledgeBy ? <div className="muted">Acknowledge the complaint by {formatUkDate(r.deadline.acknowledgeBy)}</div> : null}
    </section>
  );
}

function Steps(props: { data: RequestWithHistory }) {
  const { steps, done } = stepsOf(props.data);
  const current = steps.find((s) => !done.has(s));
  return (
    <ol className="steps request-steps" aria-label="Steps">
      {steps.map((s, i) => (
        <li
          key={s}
          className={`steps__item${done.has(s) ? ' steps__item--done' : ''}${s === current ? ' steps__item--current' : ''}`}
          aria-current={s === current ? 'step' : undefined}
        >
          <span className="steps__number">{i + 1}</span>
          {STEP_LABELS[s]}
          {done.has(s) ? <span className="visually-hidden"> (done)</span> : null}
        </li>
      ))}
    </ol>
  );
}

const KIND_LABELS: Record<string, string> = {
  logged: 'Logged',
  updated: 'Changed',
  'letter.made': 'Letter made',
  'redaction.added': 'Item withheld',
  'pack.exported': 'Access pack exported',
  'erasure.applied': 'Erasure carried out',
  'client.merged': 'Moved to the kept record (two records merged)',
};

function History(props: { data: RequestWithHistory }) {
  const [open, setOpen] = useState(false);
  return (
    <section className="card" aria-labelledby="request-history-title">
      <h2 id="request-history-title" className="card__title">
        History
      </h2>
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? 'Hide' : 'Show'} the {props.data.history.length} recorded {props.data.history.length === 1 ? 'change' : 'changes'}
      </button>
      {open ? (
        <ul className="plain-list request-history">
          {props.data.history.map((h) => (
            <li key={h.seq}>
              <span className="muted">{formatDateTime(h.at)}</span> {KIND_LABELS[h.kind] ?? h.kind}
              {typeof h.detail.fields === 'string' && h.kind === 'updated' ? <span className="muted"> ({h.detail.fields})</span> : null}{' '}
              by {h.staffName}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
