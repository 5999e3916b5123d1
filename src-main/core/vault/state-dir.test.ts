import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultUserDataDir, stateDirFor } from './state-dir';

describe('the app folder on this PC for the CLI and browser host', () => {
  it("is Electron's userData folder for Clinic Vault on each platform", () => {
    expect(defaultUserDataDir('win32', { APPDATA: 'C:\\Users\\o\\AppData\\Roaming' }, 'C:\\Users\\o')).toBe(join('C:\\Users\\o\\AppData\\Roaming', 'Clinic Vault'));
    expect(defaultUserDataDir('darwin', {}, '/Users/o')).toBe('/Users/o/Library/Application Support/Clinic Vault');
    expect(defaultUserDataDir('linux', {}, '/home/o')).toBe('/home/o/.config/Clinic Vault');
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/o')).toBe('/xdg/Clinic Vault');
  });

  it('is that folder for the default vault, and a folder beside the vault for any other', () => {
    expect(stateDirFor('/home/o/.config/Clinic Vault/vault', '/home/o/.config/Clinic Vault')).toBe('/home/o/.config/Clinic Vault');
    expect(stateDirFor('/srv/clinic/vault', '/home/o/.config/Clinic Vault')).toBe('/srv/clinic/.clinic-vault-state');
  });
});
