import { useState, type FormEvent } from 'react';
import { api, ApiError, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { DateField, TextAreaField, TextField } from '../../components/Field';
import { useFieldErrors } from '../../components/useFieldErrors';
import { formatDay, parseUkDate, todayIso } from '../../dates';
import type { PrivacyNotice } from '../../../../src-main/contract/consent-types';
import { issuesToFieldErrors } from '../../validation';

/** Publishes a new version of the privacy notice: its label, the day it is in force from, and its text. */
export function PublishDialog(props: {
  onClose: () => void;
  onPublished: (notice: PrivacyNotice) => void;
}) {
  const [versionLabel, setVersionLabel] = useState('');
  const [effectiveOn, setEffectiveOn] = useState(formatDay(todayIso()));
  const [text, setText] = useState('');
  const { errors, setErrors, clear } = useFieldErrors();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const found: Record<string, string> = {};
    if (!versionLabel.trim()) found.versionLabel = 'Enter a version label, like v3 or May 2026.';
    const day = parseUkDate(effectiveOn);
    if (!day) found.effectiveOn = 'Enter the date it comes into force, like 01/06/2026.';
    if (!text.trim()) found.text = 'Paste the full text of the notice, as clients are given it.';
    setErrors(found);
    if (Object.keys(found).length > 0 || !day) return;
    setBusy(true);
    try {
      const out = await api('notices.publish', { versionLabel, effectiveOn: day, text });
      props.onPublished(out.notice);
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) setErrors(issuesToFieldErrors(err.issues));
      setProblem(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title="Publish a new privacy notice" onClose={props.onClose} wide>
      <form onSubmit={submit} noValidate className="form-stack">
        {problem ? <Alert kind="error">{problem}</Alert> : null}
        <p className="muted">
          Once published, a version cannot be changed or removed: it is the record of what clients were told.
        </p>
        <div className="form-grid">
          <TextField
            label="Version label"
            hint="Like v3 or May 2026."
            value={versionLabel}
            onChange={(v) => {
              setVersionLabel(v);
              clear('versionLabel');
            }}
            error={errors.versionLabel}
            maxLength={40}
            autoFocus
          />
          <DateField
            label="In force from"
            hint="DD/MM/YYYY"
            value={effectiveOn}
            onChange={(v) => {
              setEffectiveOn(v);
              clear('effectiveOn');
            }}
            error={errors.effectiveOn}
          />
        </div>
        <TextAreaField
          label="Full text"
          hint="Exactly as clients are given it."
          value={text}
          onChange={(v) => {
            setText(v);
            clear('text');
          }}
          error={errors.text}
          rows={10}
        />
        <div className="form-actions">
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Publishing…' : 'Publish'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
