/**
 * The home page's recent clients (issue #10 item 5): reception gets the
 * clinic's clients of today, a practitioner the clients they opened, newest first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestVault, type TestVault } from '../test-support/temp-vault';
import { newClient, signInAs, signInAsOwner } from '../test-support/test-clients';

let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

const HOUR = 3600_000;
const MINUTES_2 = 120_000;
const names = (r: { clients: { firstName: string }[] }) => r.clients.map((c) => c.firstName);

describe('recent clients', () => {
  it("gives reception today's clients, newest first, and none from yesterday", async () => {
    tv = await createTestVault();
    await tv.api.call('clients.create', newClient({ firstName: 'Yesterday', email: '', mobile: '' }));
    tv.clock.advance(24 * HOUR); // 23/11/2026 09:00
    await signInAsOwner(tv.api);
    const early = await tv.api.call('clients.create', newClient({ firstName: 'Early', email: '', mobile: '' }));
    tv.clock.advance(MINUTES_2); // steps shorter than the auto-lock
    await tv.api.call('clients.create', newClient({ firstName: 'Later', email: '', mobile: '' }));
    await signInAs(tv.api, 'reception');
    tv.clock.advance(MINUTES_2);
    await tv.api.call('clients.update', { clientId: early.id, changes: { occupation: 'Nurse' }, reason: '' });

    const r = await tv.api.call('home.recentClients', {});
    expect(r.scope).toBe('today');
    expect(names(r)).toEqual(['Early', 'Later']);
    expect(Object.keys(r.clients[0]!).sort()).toEqual(['at', 'dateOfBirth', 'firstName', 'id', 'lastName', 'preferredName']);
  });

  it('gives a practitioner the clients they opened, newest first, not those others opened', async () => {
    tv = await createTestVault();
    const ids: Record<string, string> = {};
    for (const name of ['Ann', 'Bea', 'Cat']) {
      ids[name] = (await tv.api.call('clients.create', newClient({ firstName: name, email: '', mobile: '' }))).id;
    }
    await signInAs(tv.api, 'practitioner');
    for (const name of ['Bea', 'Ann', 'Bea']) {
      tv.clock.advance(60_000);
      await tv.api.call('clients.get', { clientId: ids[name]! });
    }
    const r = await tv.api.call('home.recentClients', {});
    expect(r.scope).toBe('mine');
    expect(names(r)).toEqual(['Bea', 'Ann']);
    expect(names(await tv.api.call('home.recentClients', { limit: 1 }))).toEqual(['Bea']);
  });
});
