/**
 * Test helpers: a fresh vault folder per test, a clock tests can move, and a
 * set-up clinic with an owner signed in. Real SQLCipher files, cheap KDF.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type CoreApi, openCore } from '../app';
import type { Clock } from '../platform/ports';
import type { MethodInput } from '../../contract/schemas';

export class FakeClock implements Clock {
  constructor(private ms = Date.parse('2026-11-22T09:00:00.000Z')) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export const OWNER = { username: 'olivia', displayName: 'Olivia Owner', password: 'correct horse battery' };

export const SETUP_INPUT: MethodInput<'vault.setup'> = {
  clinic: {
    clinicName: 'Riverside Aesthetics',
    addressLines: ['1 High Street', 'Bristol'],
    postcode: 'BS1 4DJ',
    phone: '0117 496 0000',
    email: 'hello@riverside.example',
    icoRegistrationNumber: 'ZA123456',
    dataProtectionContact: 'Olivia Owner',
    bankHolidayRegion: 'england-and-wales',
    autoLockMinutes: 5,
  },
  owner: OWNER,
};

export function makeTempDir(prefix = 'cv-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestVault {
  api: CoreApi;
  clock: FakeClock;
  vaultDir: string;
  recoveryKey: string;
  /** Closes the core (releasing its lock) and opens a new one on the same folder, locked. */
  reopen(): CoreApi;
  cleanup(): void;
}

/** This PC's app folder for a test vault: beside it, so reopening the same vault finds the same records. */
export function testStateDir(vaultDir: string): string {
  return join(dirname(vaultDir), 'app-state');
}

export function openTestCore(vaultDir: string, clock: Clock, stateDir = testStateDir(vaultDir)): CoreApi {
  return openCore({ vaultDir, stateDir, appVersion: '0.0.0-test', clock, kdfCost: 'test' });
}

/** A new vault in a temp folder, set up, with the owner signed in. */
export async function createTestVault(): Promise<TestVault> {
  const tmp = makeTempDir();
  const vaultDir = join(tmp.dir, 'vault');
  const clock = new FakeClock();
  let api = openTestCore(vaultDir, clock);
  const { recoveryKey } = await api.call('vault.setup', SETUP_INPUT);
  const tv: TestVault = {
    get api() {
      return api;
    },
    clock,
    vaultDir,
    recoveryKey,
    reopen() {
      api.close();
      api = openTestCore(vaultDir, clock);
      return api;
    },
    cleanup() {
      api.close();
      tmp.cleanup();
    },
  };
  return tv;
}

/** Adds a member of staff as the signed-in owner and returns their id. */
export async function addStaffMember(
  api: CoreApi,
  role: 'owner' | 'practitioner' | 'reception',
  username = role === 'reception' ? 'rachel' : role === 'practitioner' ? 'priya' : 'oscar',
  password = `${username}-password-123`,
): Promise<{ id: string; username: string; password: string }> {
  const member = await api.call('staff.add', { username, displayName: `${username} test`, role, password });
  return { id: member.id, username, password };
}

/** Runs fn and returns the AppError code it threw (fails the test if it did not throw). */
export async function errorCodeOf(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (err) {
    return (err as { code?: string }).code ?? `non-app error: ${String(err)}`;
  }
  throw new Error('expected an error, but the call succeeded');
}
