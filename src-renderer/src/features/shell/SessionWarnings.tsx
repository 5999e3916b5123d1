import { useState } from 'react';
import { api, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import type { SessionInfo, SessionWarning } from '../../../../src-main/contract/types';

type Rollback = Extract<SessionWarning, { kind: 'rollback_unconfirmed' }>;

export function rollbackWarning(session: SessionInfo): Rollback | null {
  return session.warnings.find((w): w is Rollback => w.kind === 'rollback_unconfirmed') ?? null;
}

/**
 * The audit log no longer matches its signed checkpoints (docs/audit-anchoring.md): a banner until it is resolved.
 * The core's message already starts "The audit log has been tampered with", so the title does not repeat it.
 * It asks for a vault check: whoever may run one gets a button to it (unless already on that page),
 * anyone else is sent to the owner.
 */
export function TamperBanner(props: { session: SessionInfo; page: string; onOpenCheck?: () => void }) {
  const tampered = props.session.warnings.filter((w) => w.kind === 'audit_tampered');
  if (tampered.length === 0) return null;
  return (
    <Alert kind="error" title="Security warning">
      {tampered.map((w) => (
        <p key={w.message} data-testid="audit-tamper-warning">
          {w.message}
        </p>
      ))}
      {props.onOpenCheck ? (
        props.page === 'vault-check' ? null : (
          <p>
            <button type="button" className="button button--small" onClick={props.onOpenCheck}>
              Open the vault check
            </button>
          </p>
        )
      ) : (
        <p>Tell the clinic owner straight away.</p>
      )}
    </Alert>
  );
}

/**
 * Shown to the owner after signing in to a database older than the last one
 * used: nothing else can be done until they accept it or sign out.
 */
export function RollbackDialog(props: {
  warning: Rollback;
  onAccepted: (session: SessionInfo) => void;
  onSignOut: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const accept = () => {
    setBusy(true);
    api('vault.acceptRollback').then(props.onAccepted, (err: unknown) => {
      setProblem(messageOf(err));
      setBusy(false);
    });
  };
  return (
    <Dialog title="This database is older than the last one used" onClose={() => undefined}>
      <p data-testid="rollback-warning">{props.warning.message}</p>
      <p>
        If you restored a backup on purpose, accept it and carry on. If not, sign out and find out who
        replaced the vault before anyone uses it: records changed since then (such as a withdrawn consent) are
        missing from it.
      </p>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      <div className="form-actions">
        <button type="button" className="button button--quiet" onClick={props.onSignOut} disabled={busy}>
          Sign out
        </button>
        <button type="button" className="button" onClick={accept} disabled={busy}>
          Accept this database
        </button>
      </div>
    </Dialog>
  );
}
