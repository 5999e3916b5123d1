import type { ReactNode } from 'react';

/** Errors interrupt (role=alert); confirmations are polite (role=status). */
export function Alert(props: {
  kind: 'error' | 'success' | 'info' | 'warning';
  title?: string;
  children: ReactNode;
}) {
  const role = props.kind === 'error' ? 'alert' : 'status';
  return (
    <div className={`alert alert--${props.kind}`} role={role}>
      {props.title ? <p className="alert__title">{props.title}</p> : null}
      <div className="alert__body">{props.children}</div>
    </div>
  );
}
