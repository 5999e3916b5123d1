import { useEffect, useState } from 'react';
import type { ClientSearchHit } from '../../../src-main/contract/record-types';
import { api, messageOf } from '../api';
import { useDebouncedValue } from './useDebouncedValue';

/** The answer to one settled query: `for` is the text it answers, so a list for words since changed is never used. */
export interface ClientSearchAnswer {
  for: string;
  hits: ClientSearchHit[];
}

/**
 * Search-as-you-type for the client list, the home page and the audit
 * filter: the query settles for `delayMs`, then one clients.search runs. A
 * late answer to an earlier query is dropped (the `live` flag), an error is
 * kept for the caller to show, and the highlighted row resets with each new
 * answer. Below `minLength` characters nothing is asked (0: the empty query
 * is asked too, for the list's recently active clients).
 */
export function useClientSearch(query: string, opts: { limit: number; minLength?: number; delayMs?: number }) {
  const minLength = opts.minLength ?? 1;
  const settled = useDebouncedValue(query.trim(), opts.delayMs ?? 150);
  const [found, setFound] = useState<ClientSearchAnswer | null>(null);
  const [active, setActive] = useState(-1);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (settled.length < minLength) return;
    let live = true;
    api('clients.search', { query: settled, limit: opts.limit }).then(
      (r) => {
        if (!live) return;
        setProblem(null);
        setFound({ for: settled, hits: r.results });
        setActive(-1);
      },
      (err: unknown) => live && setProblem(messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, [settled, minLength, opts.limit]);

  return { settled, found, setFound, active, setActive, problem, asked: settled.length >= minLength };
}
