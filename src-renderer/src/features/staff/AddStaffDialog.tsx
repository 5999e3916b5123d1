import { useState, type FormEvent } from 'react';
import { api, ApiError, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { useFieldErrors } from '../../components/useFieldErrors';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { PasswordPair } from '../../components/PasswordPair';
import { ROLE_LABELS, ROLES, type Role } from '../../../../src-main/contract/permissions';
import { newStaffSchema } from '../../../../src-main/contract/schemas';
import type { StaffMember } from '../../../../src-main/contract/types';
import { check, checkNewPassword, issuesToFieldErrors } from '../../validation';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

const ROLE_HINTS: Record<Role, string> = {
  owner: 'Everything, including staff, settings and the audit log.',
  practitioner: 'Client records, including medical histories, treatment notes and photos.',
  reception: "Clients' contact details and bookings; no clinical notes.",
};

export function AddStaffDialog(props: { onClose: () => void; onAdded: (member: StaffMember) => void }) {
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('reception');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { errors, setErrors, clear } = useFieldErrors();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const input = { displayName, username, role, password };
    const found = {
      ...check(newStaffSchema, input),
      ...checkNewPassword(password, confirm, 'password', 'confirm'),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      props.onAdded(await api('staff.add', input));
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) setErrors(issuesToFieldErrors(err.issues));
      setProblem(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title="Add staff member" onClose={props.onClose}>
      <form onSubmit={submit} noValidate className="form-stack">
        {problem ? <Alert kind="error">{problem}</Alert> : null}
        <TextField
          label="Full name"
          value={displayName}
          onChange={(v) => {
            setDisplayName(v);
            clear('displayName');
          }}
          error={errors.displayName}
        />
        <TextField
          label="Username"
          hint="What they will type to sign in."
          value={username}
          onChange={(v) => {
            setUsername(v);
            clear('username');
          }}
          error={errors.username}
        />
        <SelectField
          label="Role"
          value={role}
          onChange={setRole}
          options={ROLE_OPTIONS}
          hint={ROLE_HINTS[role]}
        />
        <PasswordPair
          passwordLabel="Initial password"
          confirmLabel="Confirm initial password"
          password={password}
          confirm={confirm}
          onPassword={(v) => {
            setPassword(v);
            clear('password');
          }}
          onConfirm={(v) => {
            setConfirm(v);
            clear('confirm');
          }}
          passwordError={errors.password}
          confirmError={errors.confirm}
        />
        <p className="form-note">Give them the password in person. They can change it after signing in.</p>
        <div className="form-actions">
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Adding…' : 'Add staff member'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
