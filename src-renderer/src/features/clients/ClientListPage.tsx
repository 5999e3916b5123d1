import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { Alert } from '../../components/Alert';
import { PageHeader } from '../../components/PageHeader';
import { useClientSearch } from '../../components/useClientSearch';
import { formatDay } from '../../dates';
import type { ClientSearchHit } from '../../../../src-main/contract/record-types';
import { formatUkPhone } from '../../../../src-main/contract/uk-formats';
import { fullName, knownAs } from './client-names';

/** Long enough to skip the keystrokes of a word being typed, short enough to feel instant. */
const SEARCH_DEBOUNCE_MS = 150;
const RESULT_LIMIT = 50;

const MATCH_LABELS: Record<ClientSearchHit['matchedOn'], string | null> = {
  name: null,
  // Shown so the desk knows why a name it did not type is in the list.
  'name-part': 'Part of the name',
  'similar-name': 'A similar spelling',
  recent: null,
  phone: 'Phone',
  email: 'Email',
  postcode: 'Postcode',
  dob: 'Date of birth',
};

/**
 * The client list: one search box, searched as you type (names, phone numbers,
 * emails, postcodes, dates of birth; ranked by the app), recently active
 * clients when it is empty. Arrow keys move through the results, Enter opens one.
 */
export function ClientListPage(props: {
  query: string;
  onQueryChange: (query: string) => void;
  /** Changes whenever Ctrl+K or / asks for the search box. */
  focusRequest: number;
  canAdd: boolean;
  onOpen: (clientId: string) => void;
  onNew: () => void;
}) {
  const { query } = props;
  // The empty query is asked too: it lists the recently active clients.
  const { found: results, active, setActive, problem } = useClientSearch(query, { limit: RESULT_LIMIT, minLength: 0, delayMs: SEARCH_DEBOUNCE_MS });
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();

  useEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    input.focus();
    input.select();
  }, [props.focusRequest]);

  const hits = results?.hits ?? [];
  const activeHit = active >= 0 ? hits[active] : undefined;
  const optionId = (id: string) => `${listId}-option-${id}`;

  useEffect(() => {
    if (!activeHit) return;
    document.getElementById(optionId(activeHit.id))?.scrollIntoView({ block: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- optionId only depends on listId
  }, [activeHit]);

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (hits.length > 0) setActive((i) => Math.min(i + 1, hits.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (hits.length > 0) setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      // Never open a result for words that have since been changed.
      if (results?.for !== query.trim()) return;
      const hit = activeHit ?? hits[0];
      if (hit) props.onOpen(hit.id);
    } else if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      props.onQueryChange('');
    }
  }

  const searching = query.trim() !== '';
  const stale = results !== null && results.for !== query.trim();

  return (
    <>
      <PageHeader
        title="Clients"
        takeFocus={false}
        actions={
          props.canAdd ? (
            <button type="button" className="button button--primary" onClick={props.onNew}>
              New client
            </button>
          ) : undefined
        }
      >
        Find a client by name, phone number, email, postcode or date of birth.
      </PageHeader>

      <div className="client-search">
        <label htmlFor={`${listId}-search`} className="visually-hidden">
          Find a client
        </label>
        <input
          ref={inputRef}
          id={`${listId}-search`}
          className="input client-search__input"
          type="search"
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeHit ? optionId(activeHit.id) : undefined}
          aria-describedby={`${listId}-keys`}
          placeholder="Search clients: name, phone, email, postcode or date of birth"
          autoComplete="off"
          spellCheck={false}
          dir="auto"
          value={query}
          onChange={(e) => props.onQueryChange(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <p id={`${listId}-keys`} className="client-search__keys">
          <kbd>Ctrl</kbd>+<kbd>K</kbd> or <kbd>/</kbd> searches from anywhere. <kbd>↑</kbd> <kbd>↓</kbd> move,{' '}
          <kbd>Enter</kbd> opens.
        </p>
      </div>

      {problem ? <Alert kind="error">{problem}</Alert> : null}

      {results === null && !problem ? <p className="loading">Loading clients…</p> : null}

      {results !== null ? (
        <section className={`card card--table client-results${stale ? ' client-results--stale' : ''}`}>
          <h2 className="client-results__title" aria-live="polite">
            {searching
              ? `${hits.length === RESULT_LIMIT ? `First ${RESULT_LIMIT}` : hits.length} ${hits.length === 1 ? 'match' : 'matches'}`
              : hits.length > 0
                ? 'Recently active clients'
                : 'Clients'}
          </h2>
          {hits.length > 0 ? (
            <>
              <div className="client-row client-row--head" aria-hidden="true">
                <span>Name</span>
                <span>Date of birth</span>
                <span>Postcode</span>
                <span>Mobile</span>
                <span>Last visit</span>
              </div>
              <ul id={listId} role="listbox" aria-label="Clients" className="client-list">
                {hits.map((hit, i) => {
                  const preferred = knownAs(hit);
                  const matched = MATCH_LABELS[hit.matchedOn];
                  return (
                    <li
                      key={hit.id}
                      id={optionId(hit.id)}
                      role="option"
                      aria-selected={i === active}
                      className={`client-row${i === active ? ' client-row--active' : ''}`}
                      onClick={() => props.onOpen(hit.id)}
                      onMouseMove={() => i !== active && setActive(i)}
                    >
                      <span className="client-row__name">
                        <bdi className="client-row__full" dir="auto">
                          {fullName(hit)}
                        </bdi>
                        {preferred ? (
                          <span className="client-row__sub">
                            Known as <bdi dir="auto">{preferred}</bdi>
                          </span>
                        ) : null}
                        {matched ? (
                          <span className="client-row__sub">Matched on {matched.toLowerCase()}</span>
                        ) : null}
                        {hit.legalHold ? (
                          <span className="client-row__sub" data-testid="search-hold-marker">
                            <span className="badge badge--warning">Legal hold</span>
                          </span>
                        ) : null}
                      </span>
                      <span className="client-row__cell">
                        <span className="visually-hidden">Born </span>
                        {formatDay(hit.dateOfBirth)}
                      </span>
                      <span className="client-row__cell">
                        <span className="visually-hidden">Postcode </span>
                        {hit.postcode || <span className="muted">—</span>}
                      </span>
                      <span className="client-row__cell">
                        <span className="visually-hidden">Mobile </span>
                        {formatUkPhone(hit.mobile) || <span className="muted">—</span>}
                      </span>
                      <span className="client-row__cell">
                        <span className="visually-hidden">Last visit </span>
                        {hit.lastVisitOn === undefined ? (
                          <span className="muted">—</span>
                        ) : hit.lastVisitOn ? (
                          formatDay(hit.lastVisitOn)
                        ) : (
                          <span className="muted">No visits</span>
                        )}
                      </span>
                    </li>
                  );
                })}
              </ul>
            </>
          ) : searching ? (
            <p className="empty">
              No clients match &ldquo;<bdi dir="auto">{results.for}</bdi>&rdquo;. Check the spelling, or try a
              phone number, postcode or date of birth.
              {props.canAdd ? ' If they are new, add them with New client.' : ''}
            </p>
          ) : (
            <p className="empty">
              {props.canAdd
                ? 'No clients yet. Add the first one with New client.'
                : 'No clients yet. Clients added by reception or a practitioner will appear here.'}
            </p>
          )}
        </section>
      ) : null}
    </>
  );
}
