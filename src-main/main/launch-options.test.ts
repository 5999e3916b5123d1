import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLaunchArgs, resolveVaultDir } from './launch-options';

const cwd = '/home/reception';

describe('parseLaunchArgs', () => {
  it('reads nothing from a plain launch', () => {
    expect(parseLaunchArgs(['/opt/Clinic Vault/clinic-vault'], cwd)).toEqual({
      vaultDir: null,
      noDialogs: false,
      userDataDir: null,
    });
  });

  it('reads --vault DIR and --vault=DIR, resolved against the working directory', () => {
    expect(parseLaunchArgs(['electron', '.', '--vault', 'data/v1'], cwd).vaultDir).toBe(
      path.resolve(cwd, 'data/v1'),
    );
    expect(parseLaunchArgs(['electron', '--vault=/srv/vault'], cwd).vaultDir).toBe('/srv/vault');
  });

  it('ignores --vault without a value', () => {
    expect(parseLaunchArgs(['electron', '--vault'], cwd).vaultDir).toBeNull();
    expect(parseLaunchArgs(['electron', '--vault', '--test-no-dialogs'], cwd).vaultDir).toBeNull();
    expect(parseLaunchArgs(['electron', '--vault='], cwd).vaultDir).toBeNull();
  });

  it('reads the test switches', () => {
    const args = parseLaunchArgs(
      ['electron', '.', '--test-no-dialogs', '--user-data-dir=/tmp/p1'],
      cwd,
    );
    expect(args).toMatchObject({ noDialogs: true, userDataDir: '/tmp/p1' });
  });

  it('has no key-derivation switch: --test-fast-kdf is not an option any more', () => {
    const args = parseLaunchArgs(['electron', '.', '--test-fast-kdf', '--vault', '/srv/vault'], cwd);
    expect(args).toEqual({ vaultDir: '/srv/vault', noDialogs: false, userDataDir: null });
  });

  it('does not mistake a longer flag for --vault', () => {
    expect(parseLaunchArgs(['electron', '--vaultish=/x'], cwd).vaultDir).toBeNull();
  });
});

describe('resolveVaultDir', () => {
  const none = { vaultDir: null, noDialogs: false, userDataDir: null };
  const userData = '/home/reception/.config/Clinic Vault';

  it('prefers the argument, then CLINIC_VAULT_DIR, then <userData>/vault', () => {
    expect(resolveVaultDir({ ...none, vaultDir: '/a' }, { CLINIC_VAULT_DIR: '/b' }, userData)).toBe('/a');
    expect(resolveVaultDir(none, { CLINIC_VAULT_DIR: '/b' }, userData)).toBe('/b');
    expect(resolveVaultDir(none, {}, userData)).toBe(path.join(userData, 'vault'));
  });

  it('treats a blank CLINIC_VAULT_DIR as unset', () => {
    expect(resolveVaultDir(none, { CLINIC_VAULT_DIR: '  ' }, userData)).toBe(path.join(userData, 'vault'));
  });
});
