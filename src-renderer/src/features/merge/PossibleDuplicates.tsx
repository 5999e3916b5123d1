import { useEffect, useId, useRef } from 'react';
import { DUPLICATE_REASON_LABELS, type PossibleDuplicate } from '../../../../src-main/contract/duplicate-types';
import { formatDay } from '../../dates';
import { formatUkPhone } from '../../../../src-main/contract/uk-formats';
import './merge.css';

/**
 * "Is this someone already on file?": the possible duplicates of the client
 * being added or edited, each with what matched, "Open that record" and
 * "This is a different person". Each new `focusRequest` (a save stopped by it)
 * scrolls it into view and gives its heading focus, so it is where the person
 * is looking: after the form's own handling of the refusal, which runs first.
 */
export function PossibleDuplicates(props: {
  matches: PossibleDuplicate[];
  /** "Open that record"; left out where the page cannot open another record (editing one). */
  onOpen?: (clientId: string) => void;
  onDifferent: (clientId: string) => void;
  disabled?: boolean;
  focusRequest?: number;
}) {
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const handled = useRef(0);
  // Run again when the list comes back: a refused save re-checks, and the list may re-render meanwhile.
  useEffect(() => {
    if (!props.focusRequest || handled.current === props.focusRequest || !heading.current) return;
    handled.current = props.focusRequest;
    heading.current.closest('section')?.scrollIntoView({ block: 'center' });
    heading.current.focus({ preventScroll: true });
  }, [props.focusRequest, props.matches.length]);
  if (props.matches.length === 0) return null;
  const one = props.matches.length === 1;
  return (
    <section className="duplicate-prompt" aria-labelledby={titleId} role="region">
      <h2 id={titleId} className="duplicate-prompt__title" tabIndex={-1} ref={heading}>
        {one ? 'Is this someone already on file?' : `Is this one of ${props.matches.length} clients already on file?`}
      </h2>
      <p className="duplicate-prompt__intro">
        {one ? 'This client' : 'These clients'} may be the same person.{' '}
        {props.onOpen
          ? 'Open the record to use it instead, or confirm this is a different person to add a new record.'
          : 'If so, save nothing and use “Merge a duplicate…” to bring the records together; otherwise confirm this is a different person.'}
      </p>
      <ul className="duplicate-prompt__list">
        {props.matches.map((m) => (
          <li key={m.id} className="duplicate-prompt__match">
            <div>
              <p className="duplicate-prompt__name">
                <bdi dir="auto">
                  {m.firstName} {m.lastName}
                </bdi>
                {m.preferredName ? (
                  <span className="muted">
                    {' '}
                    (known as <bdi dir="auto">{m.preferredName}</bdi>)
                  </span>
                ) : null}
              </p>
              <p className="duplicate-prompt__facts">
                {[m.dateOfBirth ? `Born ${formatDay(m.dateOfBirth)}` : null, m.postcode || null, m.mobile ? formatUkPhone(m.mobile) : null, m.email || null]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              <p className="duplicate-prompt__reasons">
                Matches on: {m.reasons.map((r) => DUPLICATE_REASON_LABELS[r]).join(', ')}
              </p>
            </div>
            <div className="duplicate-prompt__actions">
              {props.onOpen ? (
                <button type="button" className="button button--primary" onClick={() => props.onOpen?.(m.id)} disabled={props.disabled}>
                  Open that record
                </button>
              ) : null}
              <button type="button" className="button" onClick={() => props.onDifferent(m.id)} disabled={props.disabled}>
                This is a different person
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
