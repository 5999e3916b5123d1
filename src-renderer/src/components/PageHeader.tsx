import { useEffect, useRef, type ReactNode } from 'react';

/** A page's title. It takes focus when the page opens, so keyboard and screen-reader users land on it. */
export function PageHeader(props: {
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  /** Shown above the title (e.g. a way back to a list). */
  before?: ReactNode;
  /** 'auto' when the title is a person's name, which may be in a right-to-left script. */
  dir?: 'auto';
  /** False when the page puts focus somewhere more useful itself (a search box, a form's first field). */
  takeFocus?: boolean;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  const takeFocus = props.takeFocus ?? true;
  useEffect(() => {
    if (takeFocus) ref.current?.focus({ preventScroll: true });
    document.title = `${props.title} · Clinic Vault`;
  }, [props.title, takeFocus]);
  return (
    <header className="page-header">
      <div className="page-header__main">
        {props.before}
        <h1 ref={ref} tabIndex={-1} className="page-header__title" dir={props.dir}>
          {props.title}
        </h1>
        {props.children ? <p className="page-header__lead">{props.children}</p> : null}
      </div>
      {props.actions ? <div className="page-header__actions">{props.actions}</div> : null}
    </header>
  );
}
