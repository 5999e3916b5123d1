import { useEffect, useRef, type ReactNode } from 'react';

/** A page's title. It takes focus when the page opens, so keyboard and screen-reader users land on it. */
export function PageHeader(props: { title: string; children?: ReactNode; actions?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
    document.title = `${props.title} · Clinic Vault`;
  }, [props.title]);
  return (
    <header className="page-header">
      <div>
        <h1 ref={ref} tabIndex={-1} className="page-header__title">
          {props.title}
        </h1>
        {props.children ? <p className="page-header__lead">{props.children}</p> : null}
      </div>
      {props.actions ? <div className="page-header__actions">{props.actions}</div> : null}
    </header>
  );
}
