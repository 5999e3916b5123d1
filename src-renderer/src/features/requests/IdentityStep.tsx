import { useState } from 'react';
import { messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { DateField, TextField } from '../../components/Field';
import { formatDay, parseUkDate, todayIso } from '../../dates';
import type { SubjectRequest } from '../../../../src-main/contract/request-types';
import { formatUkDate } from '../../../../src-main/contract/uk-formats';
import { useRequestWrite } from './request-queries';

/**
 * Step 1: is the person who they say they are (UK GDPR Art 12(6)) and, for
 * someone asking on their behalf, is their authority recorded. Reception can
 * record the ID asked for and received; the owner records the authority.
 */
export function IdentityStep(props: { request: SubjectRequest; canManage: boolean }) {
  const r = props.request;
  const identity = useRequestWrite('requests.recordIdentity');
  const update = useRequestWrite('requests.update');
  const [asked, setAsked] = useState(r.identity.requestedOn ? formatDay(r.identity.requestedOn) : formatDay(todayIso()));
  const [arrived, setArrived] = useState(formatDay(todayIso()));
  const [authority, setAuthority] = useState(r.requester.kind === 'third_party' ? (r.requester.authority ?? '') : '');
  const [proof, setProof] = useState(r.requester.kind === 'third_party' ? (r.requester.proof ?? '') : '');
  const [problem, setProblem] = useState<string | null>(null);
  const open = r.status === 'open';

  async function run(fn: () => Promise<unknown>) {
    setProblem(null);
    try {
      await fn();
    } catch (err) {
      setProblem(messageOf(err));
    }
  }

  function recordAsked() {
    const day = parseUkDate(asked);
    if (!day) return setProblem('Enter the day ID was asked for as DD/MM/YYYY.');
    void run(() => identity.mutateAsync({ id: r.id, identityRequestedOn: day }));
  }
  function recordArrived() {
    const day = parseUkDate(arrived);
    if (!day) return setProblem('Enter the day the ID arrived as DD/MM/YYYY.');
    void run(() => identity.mutateAsync({ id: r.id, identityReceivedOn: day }));
  }
  function recordAuthority() {
    if (r.requester.kind !== 'third_party') return;
    void run(() =>
      update.mutateAsync({ id: r.id, changes: { requester: { ...r.requester, authority: authority || null, proof: proof || null } as typeof r.requester } }),
    );
  }

  const waitingForId = r.identity.requestedOn !== null && r.identity.receivedOn === null;
  return (
    <section className="card" aria-labelledby="identity-step-title" data-testid="identity-step">
      <h2 id="identity-step-title" className="card__title">
        Identity
      </h2>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      <p data-testid="identity-state">
        {r.identityVerified ? 'Identity settled: the request can go ahead.' : r.identityProblem}
      </p>
      {r.identity.requestedOn ? (
        <p className="muted">
          ID asked for on {formatUkDate(r.identity.requestedOn)}
          {r.identityNeeded ? ` (${r.identityNeeded})` : ''}
          {r.identity.receivedOn ? `, arrived ${formatUkDate(r.identity.receivedOn)}.` : '.'}
        </p>
      ) : null}
      {open && waitingForId ? (
        <div className="request-inline">
          <DateField label="ID arrived on" value={arrived} onChange={setArrived} />
          <button type="button" className="button button--primary" onClick={recordArrived} disabled={identity.isPending}>
            Record ID received
          </button>
        </div>
      ) : null}
      {open && !r.identity.requestedOn ? (
        <div className="request-inline">
          <DateField label="ID asked for on" value={asked} onChange={setAsked} hint="The clock stops until it arrives." />
          <button type="button" className="button" onClick={recordAsked} disabled={identity.isPending}>
            Record that ID was asked for
          </button>
        </div>
      ) : null}
      {open && props.canManage && r.requester.kind === 'third_party' ? (
        <div className="form-grid request-authority">
          <p className="form-grid__full">
            Asked by <bdi dir="auto">{r.requester.name}</bdi> ({r.requester.relationship}).
          </p>
          <TextField label="Their authority" value={authority} onChange={setAuthority} hint="What gives them the right to ask." />
          <TextField label="Proof seen" value={proof} onChange={setProof} />
          <div className="form-grid__full">
            <button type="button" className="button" onClick={recordAuthority} disabled={update.isPending}>
              Save authority
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
