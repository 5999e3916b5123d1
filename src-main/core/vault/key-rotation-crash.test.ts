/**
 * A rotation killed (SIGKILL, in a child process) at each of its steps, and in
 * the middle of the page-wise re-encryption (db/rekey.ts), leaves a vault that
 * opens with every current password and holds all its data.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newClient, anotherPerson } from '../test-support/test-clients';
import { OWNER, addStaffMember, createTestVault, type TestVault } from '../test-support/temp-vault';
import { copyTestVault } from '../test-support/vault-copy';
import { rekeyTempPath } from '../db/rekey';
import { databaseVersions, readKeyring } from './keyring';
import { vaultPaths } from '../platform/vault-paths';

const CHILD = join(import.meta.dirname, '..', 'test-support', 'rotation-crash-child.ts');

const KILL_POINTS = ['keyring-extended', 'database-closed', 'rekeying:start', 'rekeying:middle', 'rekeying:end', 'reopened', 'keyring-trimmed'];

/** Enough clients that vault.db spans several of the re-encryption's steps, so it can die in the middle. */
const FILLER_CLIENTS = 600;
const names = ['Hartley', 'Okafor', 'Nowak', 'Patel'];

// One vault with three members and 604 clients, built once (creating the clients is most of a test's time);
// each kill point gets its own byte-for-byte copy of it.
let fixture: TestVault;
let priya: { username: string; password: string };
let rachel: { username: string; password: string };
beforeAll(async () => {
  fixture = await createTestVault();
  priya = await addStaffMember(fixture.api, 'practitioner');
  rachel = await addStaffMember(fixture.api, 'reception');
  for (const [i, lastName] of names.entries()) await fixture.api.call('clients.create', newClient({ lastName, ...anotherPerson(i), email: `${lastName.toLowerCase()}@example.co.uk` }));
  for (let i = 0; i < FILLER_CLIENTS; i++) await fixture.api.call('clients.create', newClient({ lastName: `Filler${i}`, ...anotherPerson(10 + i), email: `filler${i}@example.co.uk` }));
  fixture.api.close();
});
afterAll(() => fixture.cleanup());

let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

describe('a key rotation killed part-way', () => {
  for (const killAt of KILL_POINTS) {
    it(`at ${killAt}: every current password opens the vault, with all its data`, async () => {
      tv = copyTestVault(fixture);
      tv.api.close(); // the child takes the vault's process lock

      const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, tv.vaultDir, killAt], {
        env: { ...process.env, CLINIC_TEST_USER: OWNER.username, CLINIC_TEST_PASSWORD: OWNER.password },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(child.stderr).toBe('');
      expect(child.signal).toBe('SIGKILL');
      const leftover = rekeyTempPath(vaultPaths(tv.vaultDir).database);
      // Killed part-way through the page-wise re-encryption, its temp copy is still there until the next unlock.
      if (killAt === 'rekeying:middle') expect(existsSync(leftover)).toBe(true);

      const api = tv.reopen();
      for (const [username, password] of [[rachel.username, rachel.password], [priya.username, priya.password], [OWNER.username, OWNER.password]] as const) {
        await api.call('session.signIn', { username, password });
        for (const lastName of names) expect((await api.call('clients.search', { query: lastName, limit: 5 })).results, `${username} finds ${lastName}`).toHaveLength(1);
      }
      expect(databaseVersions(readKeyring(vaultPaths(tv.vaultDir)))).toHaveLength(1);
      expect(existsSync(leftover)).toBe(false);
      expect((await api.call('audit.verify', undefined)).ok).toBe(true);
      // And the key can be rotated again from here.
      await api.call('vault.rotateDatabaseKey', undefined);
      expect(databaseVersions(readKeyring(vaultPaths(tv.vaultDir)))).toHaveLength(1);
    });
  }
});
