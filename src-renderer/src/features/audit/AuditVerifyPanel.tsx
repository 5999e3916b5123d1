import { useState } from 'react';
import { api, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import type { AuditVerifyResult } from '../../../../src-main/contract/types';
import { auditVerifyMessage } from './audit-actions';

/** Re-checks every entry's seal and reports the first break, if any. */
export function AuditVerifyPanel() {
  const [result, setResult] = useState<AuditVerifyResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function verify() {
    setBusy(true);
    setProblem(null);
    setResult(null);
    try {
      setResult(await api('audit.verify'));
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="verify-bar">
      <button type="button" className="button" onClick={() => void verify()} disabled={busy}>
        {busy ? 'Verifying…' : 'Verify audit chain'}
      </button>
      {result ? <Alert kind={result.ok ? 'success' : 'error'}>{auditVerifyMessage(result)}</Alert> : null}
      {problem ? <Alert kind="error">{problem}</Alert> : null}
    </div>
  );
}
