/**
 * Where the CLI and the browser host keep the app's own records on this PC
 * (CoreOptions.stateDir), outside the vault folder. The Electron app passes
 * app.getPath('userData'); these mirror it: the same folder when the vault is
 * the app's default one (userData/vault, see src-main/main/launch-options.ts),
 * so the app and the CLI share one record, and a folder beside the vault
 * otherwise (a vault named with --vault DIR or CLINIC_VAULT_DIR).
 */
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** What Electron's app.getPath('userData') is for productName "Clinic Vault" on each platform. */
export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: Readonly<Record<string, string | undefined>> = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env['APPDATA'] || join(home, 'AppData', 'Roaming'), 'Clinic Vault');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Clinic Vault');
  return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), 'Clinic Vault');
}

export const STATE_FOLDER_BESIDE_VAULT = '.clinic-vault-state';

export function stateDirFor(vaultDir: string, userDataDir: string = defaultUserDataDir()): string {
  const vault = resolve(vaultDir);
  if (vault === resolve(userDataDir, 'vault')) return resolve(userDataDir);
  return join(dirname(vault), STATE_FOLDER_BESIDE_VAULT);
}
