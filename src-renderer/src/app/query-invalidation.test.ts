import { describe, expect, it } from 'vitest';
import type { QueryKey } from '@tanstack/react-query';
import type { ClientRecord } from '../../../src-main/contract/record-types';
import { invalidateConsent } from '../features/consent/useConsentChanged';
import { recordSaved } from '../features/record/useClientRecord';
import { queryKeys } from './query-keys';
import { newSessionQueryClient } from './SessionQueries';

/** A session cache holding one answer under each key (what screens would have read). */
function cacheWith(keys: QueryKey[]) {
  const client = newSessionQueryClient();
  for (const key of keys) client.setQueryData(key, { read: JSON.stringify(key) });
  const stale = (key: QueryKey) => client.getQueryState(key)?.isInvalidated ?? false;
  return { client, stale };
}

const A = 'cl_a';
const B = 'cl_b';

describe('what a write invalidates (docs/renderer-data.md)', () => {
  it('a saved record replaces the cached record, refreshes the rest of that client and every client list, and leaves other clients alone', () => {
    const { client, stale } = cacheWith([
      queryKeys.clientRecord(A),
      queryKeys.clinicalAlerts(A),
      queryKeys.changeHistory(A),
      queryKeys.tps(A),
      queryKeys.clientSearch('costa', 20),
      queryKeys.recentClients,
      queryKeys.clientRecord(B),
      queryKeys.settings,
    ]);
    const saved = { id: A, firstName: 'Beatriz' } as unknown as ClientRecord;
    recordSaved(client, saved);

    expect(client.getQueryData(queryKeys.clientRecord(A))).toEqual(saved);
    // Asking for the record again would log a second opening nobody made.
    expect(stale(queryKeys.clientRecord(A))).toBe(false);
    for (const key of [
      queryKeys.clinicalAlerts(A),
      queryKeys.changeHistory(A),
      queryKeys.tps(A),
      queryKeys.clientSearch('costa', 20),
      queryKeys.recentClients,
    ])
      expect(stale(key), JSON.stringify(key)).toBe(true);
    expect(stale(queryKeys.clientRecord(B))).toBe(false);
    expect(stale(queryKeys.settings)).toBe(false);
  });

  it('a consent write refreshes that client’s consents, TPS numbers, photos and the marketing counts, and nothing else', () => {
    const { client, stale } = cacheWith([
      queryKeys.consentCurrent(A),
      queryKeys.consentHistory(A),
      queryKeys.tps(A),
      queryKeys.photos(A),
      [...queryKeys.marketing, 'counts'],
      queryKeys.clientRecord(A),
      queryKeys.medical(A),
      queryKeys.consentCurrent(B),
      queryKeys.consentPurposes,
    ]);
    invalidateConsent(client, A);

    for (const key of [
      queryKeys.consentCurrent(A),
      queryKeys.consentHistory(A),
      queryKeys.tps(A),
      queryKeys.photos(A),
      [...queryKeys.marketing, 'counts'],
    ])
      expect(stale(key), JSON.stringify(key)).toBe(true);
    for (const key of [
      queryKeys.clientRecord(A),
      queryKeys.medical(A),
      queryKeys.consentCurrent(B),
      queryKeys.consentPurposes,
    ])
      expect(stale(key), JSON.stringify(key)).toBe(false);
  });

  it('every read about one client sits under that client, so one invalidation reaches all of it', () => {
    const perClient = [
      queryKeys.clientRecord(A),
      queryKeys.clinicalAlerts(A),
      queryKeys.medical(A),
      queryKeys.lifestyle(A),
      queryKeys.treatments(A),
      queryKeys.photos(A),
      queryKeys.consentCurrent(A),
      queryKeys.consentHistory(A),
      queryKeys.tps(A),
      queryKeys.changeHistory(A),
      queryKeys.recordOpenings(A),
    ];
    const { client, stale } = cacheWith([...perClient, queryKeys.clientRecord(B)]);
    void client.invalidateQueries({ queryKey: queryKeys.client(A) });
    for (const key of perClient) expect(stale(key), JSON.stringify(key)).toBe(true);
    expect(stale(queryKeys.clientRecord(B))).toBe(false);
  });
});
