/**
 * The queue's rows from clients' facts (issue #13 item 2, table-driven):
 * which rows appear in which window, why, and what holds and reviews do.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PERIODS } from './policy-store';
import { queueRows } from './queue-rows';
import { clinicalRetention, personalRetention } from './rules';
import { addDays } from '../time/london-time';
import type { ClientRetentionFacts } from './retention-types';

const TODAY = '2026-11-22';

function client(over: Partial<ClientRetentionFacts>): ClientRetentionFacts {
  return {
    clientId: 'c1',
    dateOfBirth: '1980-01-01',
    lastTreatedOn: null,
    hasClinical: false,
    lastInteractionOn: '2026-10-01',
    personalErased: false,
    held: false,
    closedRequests: [],
    reviewedUntil: {},
    ...over,
  };
}

describe('queueRows', () => {
  it.each([
    // facts, window, expected [category, rule, triggerDate, retainUntil, due]
    ['adult last treated 11 years ago', { hasClinical: true, lastTreatedOn: '2015-09-01', lastInteractionOn: '2015-09-01' }, 0, [
      ['clinical', 'clinical-after-last-treatment', '2015-09-01', '2025-09-01', 'passed'],
      ['personal', 'personal-after-last-interaction', '2015-09-01', '2018-09-01', 'passed'],
    ]],
    ['treated as a child of 12, 11 years ago: kept to the 25th birthday', { hasClinical: true, lastTreatedOn: '2015-09-01', dateOfBirth: '2003-05-01', lastInteractionOn: '2015-09-01' }, 0, [
      ['personal', 'personal-after-last-interaction', '2015-09-01', '2018-09-01', 'passed'],
    ]],
    ['the same child, seen in the 90-day window after the 25th birthday passes', { hasClinical: true, lastTreatedOn: '2015-09-01', dateOfBirth: '2002-01-15', lastInteractionOn: '2015-09-01' }, 90, [
      ['clinical', 'clinical-under-18-until-25', '2002-01-15', '2027-01-15', 'within-90'],
      ['personal', 'personal-after-last-interaction', '2015-09-01', '2018-09-01', 'passed'],
    ]],
    ['never treated, last interaction 3 years and a day ago', { lastInteractionOn: '2023-11-21' }, 0, [
      ['personal', 'personal-after-last-interaction', '2023-11-21', '2026-11-21', 'passed'],
    ]],
    ['never treated, kept until today: not yet due', { lastInteractionOn: '2023-11-22' }, 0, []],
    ['never treated, due within 30 days', { lastInteractionOn: '2023-12-10' }, 30, [
      ['personal', 'personal-after-last-interaction', '2023-12-10', '2026-12-10', 'within-30'],
    ]],
    ['due in 60 days: not in the 30-day window', { lastInteractionOn: '2024-01-21' }, 30, []],
    ['due in 60 days: in the 90-day window', { lastInteractionOn: '2024-01-21' }, 90, [
      ['personal', 'personal-after-last-interaction', '2024-01-21', '2027-01-21', 'within-90'],
    ]],
    ['erased contact data: only the clinical record is left to come due', { hasClinical: true, lastTreatedOn: '2015-01-01', lastInteractionOn: '2015-01-01', personalErased: true }, 0, [
      ['clinical', 'clinical-after-last-treatment', '2015-01-01', '2025-01-01', 'passed'],
    ]],
    ['a closed request four years ago', { lastInteractionOn: '2026-01-01', closedRequests: [{ requestId: 'r1', closedOn: '2022-10-01' }] }, 0, [
      ['requests', 'request-after-closing', '2022-10-01', '2025-10-01', 'passed'],
    ]],
  ] as const)('%s', (_name, over, window, expected) => {
    const rows = queueRows([client(over)], DEFAULT_PERIODS, TODAY, window);
    expect(rows.map((r) => [r.category, r.rule, r.triggerDate, r.retainUntil, r.due])).toEqual(expected);
  });

  it('lists a held client, marked held', () => {
    const rows = queueRows([client({ lastInteractionOn: '2020-01-01', held: true })], DEFAULT_PERIODS, TODAY, 0);
    expect(rows).toEqual([expect.objectContaining({ category: 'personal', held: true })]);
  });

  it('hides a reviewed row until its review date, then brings it back saying it was reviewed', () => {
    const facts = client({ lastInteractionOn: '2020-01-01', reviewedUntil: { personal: '2027-05-22' } });
    expect(queueRows([facts], DEFAULT_PERIODS, TODAY, 90)).toEqual([]);
    expect(queueRows([facts], DEFAULT_PERIODS, '2027-05-22', 0)).toEqual([]);
    expect(queueRows([facts], DEFAULT_PERIODS, '2027-05-23', 0)).toEqual([expect.objectContaining({ category: 'personal', reviewedUntil: '2027-05-22', due: 'passed' })]);
  });

  it('a review of one category leaves the others in the queue', () => {
    const facts = client({ hasClinical: true, lastTreatedOn: '2015-01-01', lastInteractionOn: '2015-01-01', reviewedUntil: { clinical: '2027-01-01' } });
    expect(queueRows([facts], DEFAULT_PERIODS, TODAY, 0).map((r) => r.category)).toEqual(['personal']);
  });

  it('filters by category', () => {
    const facts = client({ hasClinical: true, lastTreatedOn: '2015-01-01', lastInteractionOn: '2015-01-01', closedRequests: [{ requestId: 'r1', closedOn: '2020-01-01' }] });
    expect(queueRows([facts], DEFAULT_PERIODS, TODAY, 0).map((r) => r.category)).toEqual(['clinical', 'personal', 'requests']);
    expect(queueRows([facts], DEFAULT_PERIODS, TODAY, 0, 'clinical').map((r) => r.category)).toEqual(['clinical']);
    expect(queueRows([facts], DEFAULT_PERIODS, TODAY, 0, 'requests')).toEqual([expect.objectContaining({ requestId: 'r1' })]);
  });

  it('follows the owner’s policy: a longer personal period takes the client out', () => {
    const facts = client({ lastInteractionOn: '2022-01-01' });
    expect(queueRows([facts], DEFAULT_PERIODS, TODAY, 0)).toHaveLength(1);
    expect(queueRows([facts], { ...DEFAULT_PERIODS, personalMonthsAfterLastInteraction: 72 }, TODAY, 0)).toEqual([]);
  });
});

describe('queueRows at the window’s edge', () => {
  it('gives exactly the rows the rules give, for every day across a month end and a leap day', () => {
    // The fast pre-check must never drop or add a row: compare with the rules day by day.
    const start = Date.UTC(2023, 9, 1);
    const facts = Array.from({ length: 200 }, (_, i) => {
      const day = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
      return client({ clientId: `c${i}`, hasClinical: true, lastTreatedOn: addDays(day, -3650), lastInteractionOn: day });
    });
    for (const today of ['2026-11-22', '2026-12-31', '2027-02-28', '2027-03-01']) {
      for (const window of [0, 30, 90] as const) {
        const rows = queueRows(facts, DEFAULT_PERIODS, today, window);
        const limit = addDays(today, window);
        const expected = facts.flatMap((f) =>
          [clinicalRetention(f.lastTreatedOn!, f.dateOfBirth, DEFAULT_PERIODS), personalRetention(f.lastInteractionOn, DEFAULT_PERIODS)]
            .filter((d) => d.retainUntil < limit)
            .map((d) => `${f.clientId} ${d.rule} ${d.retainUntil}`),
        );
        expect(rows.map((r) => `${r.clientId} ${r.rule} ${r.retainUntil}`).sort()).toEqual(expected.sort());
      }
    }
  });
});
