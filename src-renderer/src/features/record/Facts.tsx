import type { ReactNode } from 'react';

/** A read-only list of labelled values. Empty values say so, quietly. */
export function Facts(props: { items: { label: string; value: ReactNode; wide?: boolean }[] }) {
  return (
    <dl className="facts">
      {props.items.map((item) => (
        <div key={item.label} className={`facts__item${item.wide ? ' facts__item--wide' : ''}`}>
          <dt className="facts__label">{item.label}</dt>
          <dd className="facts__value">
            {isEmpty(item.value) ? <span className="muted">Not recorded</span> : item.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function isEmpty(value: ReactNode): boolean {
  return value === null || value === undefined || value === '' || value === false;
}

/** Free text kept as typed: line breaks kept, long words wrapped, any script's direction respected. */
export function Prose(props: { text: string }) {
  if (!props.text.trim()) return null;
  return (
    <div className="prose" dir="auto">
      {props.text}
    </div>
  );
}

/** Prose for a Facts value, or '' (shown as "Not recorded") when there is no text. */
export function prose(text: string): ReactNode {
  return text.trim() ? <Prose text={text} /> : '';
}
