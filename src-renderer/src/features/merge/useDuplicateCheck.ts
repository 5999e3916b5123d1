import { useEffect, useState } from 'react';
import { api } from '../../api';
import type { PossibleDuplicate } from '../../../../src-main/contract/duplicate-types';
import { useDebouncedValue } from '../../components/useDebouncedValue';
import type { ClientForm } from '../clients/client-form';
import { duplicateProbeOf, probeKey } from './duplicate-probe';

interface Answer {
  key: string;
  matches: PossibleDuplicate[];
}

/**
 * The possible duplicates of a client form (docs/duplicates.md): checked as
 * the person types (after a pause) and again, at once, when they save.
 * "This is a different person" moves a match to `confirmed`, whose ids go with
 * the save (notDuplicateOf); the core refuses a save that leaves any out.
 */
export function useDuplicateCheck(form: ClientForm, editing?: { clientId: string; saved: ClientForm }) {
  const excludeClientId = editing?.clientId;
  const [answer, setAnswer] = useState<Answer>({ key: '', matches: [] });
  const [confirmed, setConfirmed] = useState<ReadonlySet<string>>(new Set());
  // Editing: matches the record already had are not asked about (the core does the same).
  const [already, setAlready] = useState<ReadonlySet<string>>(new Set());
  const key = useDebouncedValue(probeKey(duplicateProbeOf(form, excludeClientId)), 400);
  const savedKey = editing ? probeKey(duplicateProbeOf(editing.saved, excludeClientId)) : '';

  useEffect(() => {
    if (savedKey === '') return;
    let current = true;
    api('clients.findPossibleDuplicates', JSON.parse(savedKey))
      .then(({ matches }) => {
        if (current) setAlready(new Set(matches.map((m) => m.id)));
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [savedKey]);
  const decided = (id: string) => confirmed.has(id) || already.has(id);

  useEffect(() => {
    if (key === '') return;
    let current = true;
    // The check only helps: if it fails, saving still asks the core, which checks again.
    api('clients.findPossibleDuplicates', JSON.parse(key))
      .then(({ matches }) => {
        if (current) setAnswer({ key, matches });
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [key]);

  // Nothing typed that could match: no prompt, whatever an earlier answer said.
  const matches = key === '' ? [] : answer.matches;

  /** Checks what is typed now; the matches not yet confirmed as different people. */
  const checkNow = async (): Promise<PossibleDuplicate[]> => {
    const nowKey = probeKey(duplicateProbeOf(form, excludeClientId));
    const found = nowKey === '' ? [] : (await api('clients.findPossibleDuplicates', JSON.parse(nowKey))).matches;
    setAnswer({ key: nowKey, matches: found });
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
