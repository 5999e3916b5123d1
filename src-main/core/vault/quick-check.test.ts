/**
 * The owner's quick check after sign-in: it runs in the background once a
 * day, records its result and an audit entry with counts, and a damaged page
 * becomes a warning on the owner's status. Other roles do not run it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type CoreApi, openCore } from '../app';
import { addUnreadTable, flipByte, middleOfPage } from '../test-support/page-damage';
import { OWNER, type TestVault, addStaffMember, createTestVault, testStateDir } from '../test-support/temp-vault';
import { vaultPaths } from '../platform/vault-paths';

let tv: TestVault | null = null;
let api: CoreApi | null = null;
afterEach(() => {
  api?.close();
  api = null;
  tv?.cleanup();
  tv = null;
});

/** The test vault, reopened the way the app opens it: with the sign-in quick check on. */
function appCore(t: TestVault): CoreApi {
  t.api.close();
  api?.close();
  api = openCore({ vaultDir: t.vaultDir, stateDir: testStateDir(t.vaultDir), appVersion: '0.0.0-test', clock: t.clock, kdfCost: 'test', quickCheckAtSignIn: true });
  return api;
}

async function signInAs(core: CoreApi, username: string, password: string) {
  await core.call('session.signIn', { username, password });
  await core.core.backgroundWork();
}

async function quickChecks(core: CoreApi) {
  const page = await core.call('audit.list', { action: 'vault.quick_check', limit: 50 });
  return page.entries.map((e) => e.detail);
}

describe('quick check at owner sign-in', () => {
  it('runs once a day in the background and audit-logs its counts', async () => {
    tv = await createTestVault();
    const core = appCore(tv);
    await signInAs(core, OWNER.username, OWNER.password);
    const first = await quickChecks(core);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ ok: true, damagedPages: 0 });
    expect(first[0]!.pages).toBeGreaterThan(0);
    expect((await core.call('app.status', undefined)).quickCheckDamage).toBeNull();

    tv.clock.advance(60 * 60 * 1000);
    await signInAs(core, OWNER.username, OWNER.password);
    expect(await quickChecks(core)).toHaveLength(1);

    tv.clock.advance(24 * 60 * 60 * 1000);
    await signInAs(core, OWNER.username, OWNER.password);
    expect(await quickChecks(core)).toHaveLength(2);
  });

  it('runs weekly instead once a run has taken 2 s or more', async () => {
    tv = await createTestVault();
    const core = appCore(tv);
    await signInAs(core, OWNER.username, OWNER.password);
    // As a slow PC would have recorded it.
    const { vault } = core.core.requireSession();
    const last = JSON.parse(vault.settings.getFlag('quick_check')!) as { ms: number };
    vault.settings.setFlag('quick_check', JSON.stringify({ ...last, ms: 2_500 }));

    tv.clock.advance(2 * 24 * 60 * 60 * 1000);
    await signInAs(core, OWNER.username, OWNER.password);
    expect(await quickChecks(core)).toHaveLength(1);
    tv.clock.advance(5 * 24 * 60 * 60 * 1000);
    await signInAs(core, OWNER.username, OWNER.password);
    expect(await quickChecks(core)).toHaveLength(2);
  });

  it('a damaged page becomes a warning on the owner status', async () => {
    tv = await createTestVault();
    tv.api.close();
    const page = await addUnreadTable(tv.vaultDir, tv.recoveryKey);
    flipByte(vaultPaths(tv.vaultDir).database, middleOfPage(page));
    const core = appCore(tv);
    await signInAs(core, OWNER.username, OWNER.password);
    expect((await quickChecks(core))[0]).toMatchObject({ ok: false, damagedPages: 1 });
    expect((await core.call('app.status', undefined)).quickCheckDamage).toEqual({
      checkedAt: tv.clock.now().toISOString(),
      ok: false,
      damagedPageCount: 1,
    });
  });

  it('does not run for reception, and reception sees no warning', async () => {
    tv = await createTestVault();
    const rachel = await addStaffMember(tv.api, 'reception');
    const core = appCore(tv);
    await signInAs(core, rachel.username, rachel.password);
    expect((await core.call('app.status', undefined)).quickCheckDamage).toBeNull();
    await signInAs(core, OWNER.username, OWNER.password);
    // The owner's sign-in is the first to run it.
    expect(await quickChecks(core)).toHaveLength(1);
  });

  it('does not block sign-in: the session answers before the check has recorded anything', async () => {
    tv = await createTestVault();
    const core = appCore(tv);
    await core.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    expect(await quickChecks(core)).toHaveLength(0);
    await core.core.backgroundWork();
    expect(await quickChecks(core)).toHaveLength(1);
  });

  it('stops quietly, recording nothing, when the vault locks part-way', async () => {
    tv = await createTestVault();
    const core = appCore(tv);
    await core.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    await core.call('session.lock', undefined);
    await core.core.backgroundWork();
    await core.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    await core.core.backgroundWork();
    // Only the second sign-in's run finished and was recorded.
    expect(await quickChecks(core)).toHaveLength(1);
  });
});
