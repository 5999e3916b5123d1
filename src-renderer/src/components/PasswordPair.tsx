import { TextField } from './Field';

/** A new password and its confirmation, with the length rule shown up front. */
export function PasswordPair(props: {
  password: string;
  confirm: string;
  onPassword: (v: string) => void;
  onConfirm: (v: string) => void;
  passwordError?: string | undefined;
  confirmError?: string | undefined;
  passwordLabel?: string;
  confirmLabel?: string;
}) {
  return (
    <>
      <TextField
        label={props.passwordLabel ?? 'New password'}
        type="password"
        autoComplete="new-password"
        value={props.password}
        onChange={props.onPassword}
        hint="At least 12 characters. A few unrelated words make a strong, memorable password."
        error={props.passwordError}
      />
      <TextField
        label={props.confirmLabel ?? 'Confirm new password'}
        type="password"
        autoComplete="new-password"
        value={props.confirm}
        onChange={props.onConfirm}
        error={props.confirmError}
      />
    </>
  );
}
