/**
 * vault.seedSynthetic through the dispatcher, as any caller (CLI, app, a script
 * in the renderer) reaches it: only the owner may seed, only an empty vault is
 * filled, and each seed is in the audit log with counts only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newClient, signInAs, signInAsOwner } from '../test-support/test-clients';
import { type TestVault, createTestVault, errorCodeOf } from '../test-support/temp-vault';

let tv: TestVault;
beforeEach(async () => {
  tv = await createTestVault();
});
afterEach(() => tv.cleanup());

/** Clients in the database, counted under the dispatcher (any session will do). */
const clientsStored = () => (tv.api.core.requireSession().vault.db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
const seedsLogged = async () => (await tv.api.call('audit.list', { limit: 500, action: 'synthetic.generated' })).entries.length;

describe('vault.seedSynthetic', () => {
  it('fills an empty vault for the owner and logs counts only', async () => {
    const result = await tv.api.dispatch('vault.seedSynthetic', { clients: 30, seed: 4 });
    expect(result).toMatchObject({ ok: true, value: { seed: 4, clients: 30 } });
    expect(clientsStored()).toBe(30);
    const log = await tv.api.call('audit.list', { limit: 5, action: 'synthetic.generated' });
    expect(log.entries).toHaveLength(1);
    expect(Object.keys(log.entries[0]!.detail ?? {}).sort()).toEqual(['clients', 'photos', 'seed', 'treatments']);
  });

  it.each(['reception', 'practitioner'] as const)('refuses %s, seeds nothing, and logs the refusal', async (role) => {
    await signInAs(tv.api, role);
    const result = await tv.api.dispatch('vault.seedSynthetic', { clients: 10 });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(clientsStored()).toBe(0);
    await signInAsOwner(tv.api);
    expect(await seedsLogged()).toBe(0);
    const denied = await tv.api.call('audit.list', { limit: 10, action: 'access.denied' });
    expect(denied.entries.map((e) => e.detail)).toContainEqual({ method: 'vault.seedSynthetic' });
  });

  it('refuses a vault that already has a client, and adds nobody', async () => {
    const real = await tv.api.call('clients.create', newClient());
    const result = await tv.api.dispatch('vault.seedSynthetic', { clients: 10 });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('This vault already has 1 client.') as string },
    });
    expect(clientsStored()).toBe(1);
    expect(await seedsLogged()).toBe(0);
    const search = await tv.api.call('clients.search', { query: real.lastName, limit: 50 });
    expect(search.results.map((h) => h.id)).toEqual([real.id]);
  });

  it('refuses a second seed once the first has filled the vault', async () => {
    await tv.api.call('vault.seedSynthetic', { clients: 5 });
    expect(await errorCodeOf(() => tv.api.call('vault.seedSynthetic', { clients: 5 }))).toBe('CONFLICT');
    expect(clientsStored()).toBe(5);
    expect(await seedsLogged()).toBe(1);
  });

  it('refuses nonsense sizes with a field message', async () => {
    const result = await tv.api.dispatch('vault.seedSynthetic', { clients: 0 });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ field: 'clients' }] } });
    expect(await errorCodeOf(() => tv.api.call('vault.seedSynthetic', { clients: 2.5 }))).toBe('VALIDATION');
  });

  it('is not signed-in-only: nobody signed in is refused', async () => {
    await tv.api.call('session.signOut', undefined);
    expect((await tv.api.dispatch('vault.seedSynthetic', { clients: 5 })).ok).toBe(false);
  });
});
