/**
 * A folder on this PC. In the desktop app it is picked in the system's folder
 * window and shown read-only: the app writes backups and exports only to
 * folders picked there (src-main/main/folder-grants.ts), so a typed path would
 * be refused anyway. In the loopback browser host, which has no folder window,
 * the path is typed.
 */
import { useId, useState } from 'react';
import type { FolderPurpose } from '../../../src-main/contract/api';
import { folderPicker } from '../api';
import { TextField } from './Field';

export interface FolderFieldProps {
  label: string;
  hint?: string;
  value: string;
  onChange: (folder: string) => void;
  purpose: FolderPurpose;
  error?: string | undefined;
  className?: string;
  autoFocus?: boolean;
}

export function FolderField(props: FolderFieldProps) {
  const pick = folderPicker();
  const id = useId();
  const [busy, setBusy] = useState(false);
  if (!pick) {
    return <TextField label={props.label} hint={props.hint} value={props.value} onChange={props.onChange} error={props.error} className={props.className} autoFocus={props.autoFocus} />;
  }
  const choose = async () => {
    setBusy(true);
    try {
      const folder = await pick(props.purpose);
      if (folder) props.onChange(folder);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={`field${props.error ? ' field--invalid' : ''}${props.className ? ` ${props.className}` : ''}`}>
      <label htmlFor={id} className="field__label">
        {props.label}
      </label>
      {props.hint ? <p className="field__hint">{props.hint}</p> : null}
      <div className="folder-field">
        <input id={id} className="input" value={props.value} placeholder="No folder chosen" readOnly aria-invalid={props.error ? true : undefined} />
        <button type="button" className="button" onClick={() => void choose()} disabled={busy} autoFocus={props.autoFocus}>
          Choose folder…
        </button>
        {props.value ? (
          <button type="button" className="button button--small" onClick={() => props.onChange('')}>
            Clear
          </button>
        ) : null}
      </div>
      {props.error ? <p className="field__error">{props.error}</p> : null}
    </div>
  );
}
