import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type SetStateAction } from 'react';
import type { ClientSearchHit } from '../../../src-main/contract/record-types';
import { api, messageOf } from '../api';
import { queryKeys } from '../app/query-keys';
import { useDebouncedValue } from './useDebouncedValue';

/** The answer to one settled query: `for` is the text it answers, so a list for words since changed is never used. */
export interface ClientSearchAnswer {
  for: string;
  hits: ClientSearchHit[];
}

/**
 * Search-as-you-type for the client list, the home page, the audit filter and
 * the merge dialog: the query settles for `delayMs`, then one clients.search
 * runs, keyed by the settled words (app/query-keys.ts), so an answer to earlier
 * words is never taken for the current ones. While the next answer comes the
 * previous list stays (keepPreviousData), still marked with the words it
 * answers (`found.for`), so callers show or open only a list that answers what
 * is typed. An error is kept for the caller to show; the highlighted row resets
 * with each new answer. Below `minLength` characters nothing is asked (0: the
 * empty query is asked too, for the list's recently active clients).
 */
export function useClientSearch(query: string, opts: { limit: number; minLength?: number; delayMs?: number }) {
  const minLength = opts.minLength ?? 1;
  const settled = useDebouncedValue(query.trim(), opts.delayMs ?? 150);
  const asked = settled.length >= minLength;
  const search = useQuery({
    queryKey: queryKeys.clientSearch(settled, opts.limit),
    queryFn: async (): Promise<ClientSearchAnswer> => ({
      for: settled,
      hits: (await api('clients.search', { query: settled, limit: opts.limit })).results,
    }),
    enabled: asked,
    placeholderData: keepPreviousData,
  });
  const found = search.data ?? null;
  // The highlighted row belongs to one answer: a new answer starts with none highlighted.
  const [highlight, setHighlight] = useState({ for: '', index: -1 });
  const active = found && highlight.for === found.for ? highlight.index : -1;
  const setActive = (next: SetStateAction<number>) =>
    setHighlight({ for: found?.for ?? '', index: typeof next === 'function' ? next(active) : next });

  return {
    settled,
    found,
    active,
    setActive,
    problem: search.error && asked ? messageOf(search.error) : null,
    asked,
  };
}
