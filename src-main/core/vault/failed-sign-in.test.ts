/**
 * Issue #8 item 10: an unknown username, a removed member and a wrong password
 * fail alike. Their timing is measured in bench/keys.ts; here, that none of
 * them reaches the database (with vault.db replaced by garbage, each still
 * gets the same WRONG_CREDENTIALS, never DATABASE_DAMAGED) and that each is
 * answered and recorded the same way.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../contract/errors';
import { OWNER, addStaffMember, createTestVault, type TestVault } from '../test-support/temp-vault';
import { vaultPaths } from '../platform/vault-paths';

let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

describe('failed sign-ins', () => {
  it('an unknown username, a removed member and a wrong password get the same answer without opening the database', async () => {
    tv = await createTestVault();
    const priya = await addStaffMember(tv.api, 'practitioner');
    await tv.api.call('staff.remove', { staffId: priya.id });
    tv.api.close();
    writeFileSync(vaultPaths(tv.vaultDir).database, Buffer.alloc(64 * 1024, 0x5a));
    const api = tv.reopen();
    const attempts = [
      { username: 'nobody', password: 'some password 1' },
      { username: priya.username, password: priya.password },
      { username: OWNER.username, password: 'not the password' },
    ];
    for (const attempt of attempts) {
      rmSync(vaultPaths(tv.vaultDir).signInThrottle, { force: true }); // the delay after repeated failures is another test's
      expect(await api.dispatch('session.signIn', attempt), attempt.username).toEqual({
        ok: false,
        error: { code: 'WRONG_CREDENTIALS', message: ERROR_MESSAGES.WRONG_CREDENTIALS },
      });
    }
    expect((await api.call('app.status', undefined)).startupError).toBeNull();
  });
});
