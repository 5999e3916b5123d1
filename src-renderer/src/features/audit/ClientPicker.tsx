import { useId, useState, type KeyboardEvent } from 'react';
import { useClientSearch } from '../../components/useClientSearch';
import { formatDay } from '../../dates';
import type { ClientSearchHit } from '../../../../src-main/contract/record-types';
import { fullName } from '../clients/client-names';

export interface PickedClient {
  id: string;
  name: string;
}

const MAX_HITS = 8;

/**
 * The audit filter's client: found with the same search as the Clients page
 * (name, phone, email, postcode or date of birth), so nobody needs a record's
 * id. Once chosen it shows as the client's name with a button to remove it.
 */
export function ClientPicker(props: { value: PickedClient | null; onChange: (client: PickedClient | null) => void }) {
  const id = useId();
  const listId = `${id}-list`;
  const [query, setQuery] = useState('');
  const { found, active, setActive, problem, asked } = useClientSearch(query, { limit: MAX_HITS, minLength: 2 });
  // Only the answer to what is typed now: never a list for words since changed.
  const hits = found && found.for === query.trim() && asked ? found.hits : [];

  function choose(hit: ClientSearchHit) {
    props.onChange({ id: hit.id, name: fullName(hit) });
    setQuery('');
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' && hits.length > 0) {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, hits.length - 1));
    } else if (e.key === 'ArrowUp' && hits.length > 0) {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter' && hits.length > 0) {
      // Enter picks the highlighted client rather than applying the filters without one.
      e.preventDefault();
      choose(hits[active >= 0 ? active : 0]!);
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      setQuery('');
    }
  }

  if (props.value) {
    return (
      <div className="field client-picker">
        <span className="field__label" id={`${id}-label`}>
          Client
        </span>
        <div className="client-picker__chosen" role="group" aria-labelledby={`${id}-label`}>
          <bdi dir="auto" className="client-picker__name" data-testid="audit-client-filter" title={props.value.name}>
            {props.value.name}
          </bdi>
          <button
            type="button"
            className="button button--small client-picker__remove"
            aria-label={`Remove the client filter (${props.value.name})`}
            title="Remove the client filter"
            onClick={() => props.onChange(null)}
          >
            ×
          </button>
        </div>
      </div>
    );
  }

  const open = hits.length > 0;
  return (
    <div className="field client-picker">
      <label htmlFor={`${id}-input`} className="field__label">
        Client
      </label>
      <input
        id={`${id}-input`}
        className="input"
        type="search"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        placeholder="Name, phone or date of birth"
        autoComplete="off"
        spellCheck={false}
        dir="auto"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {problem ? <p className="field__error">{problem}</p> : null}
      {open ? (
        <ul id={listId} role="listbox" aria-label="Matching clients" className="client-picker__list">
          {hits.map((hit, i) => (
            <li
              key={hit.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`client-picker__option${i === active ? ' client-picker__option--active' : ''}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(hit)}
            >
              <bdi dir="auto">{fullName(hit)}</bdi>
              <span className="client-picker__dob">{hit.dateOfBirth ? formatDay(hit.dateOfBirth) : ''}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
