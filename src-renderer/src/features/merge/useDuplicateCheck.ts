import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api';
import { queryKeys } from '../../app/query-keys';
import type { PossibleDuplicate } from '../../../../src-main/contract/duplicate-types';
import { useDebouncedValue } from '../../components/useDebouncedValue';
import type { ClientForm } from '../clients/client-form';
import { duplicateProbeOf, probeKey, type DuplicateProbe } from './duplicate-probe';

/**
 * The possible duplicates of a client form (docs/duplicates.md): checked as
 * the person types (after a pause) and again, at once, when they save.
 * "This is a different person" moves a match to `confirmed`, whose ids go with
 * the save (notDuplicateOf); the core refuses a save that leaves any out.
 */
/** One duplicate probe, asked of the core (clients.findPossibleDuplicates) and cached under the client lists. */
function duplicatesQuery(key: string) {
  return {
    queryKey: queryKeys.possibleDuplicates(key),
    queryFn: async () => (await api('clients.findPossibleDuplicates', JSON.parse(key) as DuplicateProbe)).matches,
  };
}

export function useDuplicateCheck(form: ClientForm, editing?: { clientId: string; saved: ClientForm }) {
  const queryClient = useQueryClient();
  const excludeClientId = editing?.clientId;
  const [confirmed, setConfirmed] = useState<ReadonlySet<string>>(new Set());
  const key = useDebouncedValue(probeKey(duplicateProbeOf(form, excludeClientId)), 400);
  const savedKey = editing ? probeKey(duplicateProbeOf(editing.saved, excludeClientId)) : '';
  // The check only helps: if it fails, saving still asks the core, which checks again and refuses
  // with its own message. So a failed check shows nothing here.
  // Editing: matches the record already had are not asked about (the core does the same).
  const before = useQuery({ ...duplicatesQuery(savedKey), enabled: savedKey !== '' });
  // A save checks what is typed at once (checkNow); its answer is shown until the paused check catches up.
  const [checked, setChecked] = useState<{ key: string; whilePaused: string } | null>(null);
  const shownKey = checked && checked.whilePaused === key ? checked.key : key;
  const now = useQuery({ ...duplicatesQuery(shownKey), enabled: shownKey !== '', placeholderData: keepPreviousData });
  const already = new Set((before.data ?? []).map((m) => m.id));
  const decided = (id: string) => confirmed.has(id) || already.has(id);

  // Nothing typed that could match: no prompt, whatever an earlier answer said.
  const matches = shownKey === '' ? [] : (now.data ?? []);

  /** Checks what is typed now; the matches not yet confirmed as different people. */
  const checkNow = async (): Promise<PossibleDuplicate[]> => {
    const nowKey = probeKey(duplicateProbeOf(form, excludeClientId));
    const found = nowKey === '' ? [] : await queryClient.fetchQuery({ ...duplicatesQuery(nowKey), staleTime: 0 });
    setChecked({ key: nowKey, whilePaused: key });
    return found.filter((m) => !decided(m.id));
  };

  const confirmDifferent = (id: string) => setConfirmed((prev) => new Set([...prev, id]));

  return {
    /** Matches still to decide about. */
    open: matches.filter((m) => !decided(m.id)),
    /** Ids confirmed as a different person (sent with the save). */
    notDuplicateOf: [...confirmed],
    confirmDifferent,
    checkNow,
  };
}
