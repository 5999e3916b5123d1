import { useState } from 'react';
import { api, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { formatDate } from '../../dates';

export function splitRecoveryKey(key: string): string[] {
  return key.split(/[\s-]+/).filter(Boolean);
}

function KeyGroups(props: { groups: string[]; className: string; testId?: string }) {
  return (
    <p className={props.className} data-testid={props.testId}>
      {props.groups.map((g, i) => (
        <span key={i}>
          {i > 0 ? ' ' : null}
          <span className="recovery-key__group">{g}</span>
        </span>
      ))}
    </p>
  );
}

/** Step 3 of set-up: the recovery key, shown once, printable, confirmed before going on. */
export function RecoveryKeyStep(props: { recoveryKey: string; clinicName: string; onConfirmed: () => void }) {
  const [stored, setStored] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const groups = splitRecoveryKey(props.recoveryKey);
  const [today] = useState(() => formatDate(new Date()));

  async function confirm() {
    setBusy(true);
    setProblem(null);
    try {
      await api('vault.confirmRecoveryKey');
      props.onConfirmed();
    } catch (err) {
      setProblem(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="recovery-heading">
      <div className="no-print">
        <h2 id="recovery-heading" className="section-title" tabIndex={-1}>
          Your recovery key
        </h2>
        <p className="lead">
          If the owner password is ever forgotten, this key is the only way back into the vault. It is shown{' '}
          <strong>only this once</strong>. Print it or write it down, and keep it somewhere safe away from
          this computer, such as a locked drawer or safe.
        </p>
        <KeyGroups groups={groups} className="recovery-key" testId="recovery-key" />
        <div className="recovery-actions">
          <button type="button" className="button" onClick={() => window.print()}>
            Print
          </button>
        </div>
        {problem ? <Alert kind="error">{problem}</Alert> : null}
        <label className="checkbox">
          <input type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} />
          <span>I have stored it safely</span>
        </label>
        <div className="form-actions">
          <button
            type="button"
            className="button button--primary"
            disabled={!stored || busy}
            onClick={() => void confirm()}
          >
            Continue
          </button>
        </div>
      </div>

      <div className="print-sheet" aria-hidden="true">
        <p className="print-sheet__eyebrow">Clinic Vault recovery key</p>
        <p className="print-sheet__clinic">{props.clinicName}</p>
        <p className="print-sheet__date">Printed {today}</p>
        <KeyGroups groups={groups} className="recovery-key recovery-key--print" />
        <p className="print-sheet__note">
          Keep this sheet somewhere safe, away from the computer. Anyone with this key and access to the vault
          folder can reset the owner&rsquo;s password.
        </p>
      </div>
    </section>
  );
}
