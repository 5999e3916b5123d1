import type { ReactNode } from 'react';

/** A whole-window message: loading, or a problem that stops the app (no form behind it). */
export function FullScreenMessage(props: {
  title: string;
  tone?: 'error' | 'neutral';
  busy?: boolean;
  children?: ReactNode;
  action?: { label: string; run: () => void | Promise<void> };
}) {
  return (
    <main className="fullscreen" aria-busy={props.busy || undefined}>
      <div className={`fullscreen__card${props.tone === 'error' ? ' fullscreen__card--error' : ''}`}>
        <p className="eyebrow">Clinic Vault</p>
        <h1 className="fullscreen__title">{props.title}</h1>
        {props.children ? (
          <p className="fullscreen__message" role={props.tone === 'error' ? 'alert' : undefined}>
            {props.children}
          </p>
        ) : null}
        {props.action ? (
          <button type="button" className="button button--primary" onClick={() => void props.action?.run()}>
            {props.action.label}
          </button>
        ) : null}
      </div>
    </main>
  );
}
