/**
 * The dashboard and the register's lists (issue #12 item 4): open requests by
 * due date, with the overdue, the due this week and the waiting (clock
 * stopped) ones apart, and the counts the home page shows.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestVault, createTestVault } from '../test-support/temp-vault';

let tv: TestVault;
beforeEach(async () => {
  tv = await createTestVault(); // Sunday 22/11/2026
});
afterEach(() => tv?.cleanup());

const add = async (personName: string, receivedOn: string, more: Record<string, unknown> = {}) =>
  (await tv.api.call('requests.add', { personName, types: ['access'], channel: 'email', receivedOn, ...more })).request;

describe('request dashboard', () => {
  it('puts each open request in one group, by due date, and counts them', async () => {
    const overdue = await add('Overdue', '2026-10-01'); // due 02/11 (01/11 a Sunday)
    const thisWeek = await add('This week', '2026-10-26'); // due 26/11
    const later = await add('Later', '2026-11-20'); // due 21/12
    const soonest = await add('Sooner this week', '2026-10-23'); // due 23/11
    const waiting = await add('Waiting for ID', '2026-11-10', { identityRequestedOn: '2026-11-11' });
    const closed = await add('Closed', '2026-10-01');
    await tv.api.call('requests.update', { id: closed.id, changes: { status: 'closed', outcome: 'complied', responseSentOn: '2026-10-20' } });

    const board = await tv.api.call('requests.dashboard', {});
    const names = (list: { displayName: string }[]) => list.map((r) => r.displayName);
    expect(board.today).toBe('2026-11-22');
    expect(names(board.overdue)).toEqual(['Overdue']);
    expect(names(board.dueThisWeek)).toEqual(['Sooner this week', 'This week']);
    expect(names(board.waiting)).toEqual(['Waiting for ID']);
    expect(names(board.open)).toEqual(['Later']);
    expect(board.counts).toEqual({ open: 5, overdue: 1, dueThisWeek: 2, waiting: 1 });
    expect(board.overdue[0]).toMatchObject({ id: overdue.id, dueDate: '2026-11-02', daysLeft: -20 });
    expect(board.dueThisWeek.map((r) => r.id)).toEqual([soonest.id, thisWeek.id]);
    expect(board.open[0]!.id).toBe(later.id);
    expect(board.waiting[0]!.id).toBe(waiting.id);
  });

  it('a clarification asked moves a request to waiting until it is answered', async () => {
    const r = await add('Needs clarifying', '2026-11-02');
    await tv.api.call('requests.update', { id: r.id, changes: { clarificationAskedOn: '2026-11-03' } });
    expect((await tv.api.call('requests.dashboard', {})).counts).toMatchObject({ waiting: 1, dueThisWeek: 0 });
    await tv.api.call('requests.update', { id: r.id, changes: { clarificationAnsweredOn: '2026-11-05' } });
    // 02/12 + 3 stopped days = Saturday 05/12, rolled to Monday 07/12.
    const board = await tv.api.call('requests.dashboard', {});
    expect(board.open.map((x) => [x.id, x.dueDate])).toEqual([[r.id, '2026-12-07']]);
  });

  it('lists the overdue, those due within some days, and closed ones on request', async () => {
    const a = await add('A', '2026-10-01');
    const b = await add('B', '2026-11-10');
    expect((await tv.api.call('requests.list', { overdue: true })).map((r) => r.id)).toEqual([a.id]);
    expect((await tv.api.call('requests.list', { dueWithinDays: 30 })).map((r) => r.id)).toEqual([a.id, b.id]);
    expect((await tv.api.call('requests.list', { dueWithinDays: 5 })).map((r) => r.id)).toEqual([a.id]);
    // Looking ahead: on 11/12 B (due 10/12) is overdue too.
    expect((await tv.api.call('requests.list', { overdue: true, asOf: '2026-12-11' })).map((r) => r.id)).toEqual([a.id, b.id]);
    await tv.api.call('requests.update', { id: a.id, changes: { status: 'closed', outcome: 'no_data_held' } });
    expect((await tv.api.call('requests.list', {})).map((r) => r.id)).toEqual([b.id]);
    expect((await tv.api.call('requests.list', { status: 'all' })).map((r) => r.id)).toEqual([a.id, b.id]);
  });
});
