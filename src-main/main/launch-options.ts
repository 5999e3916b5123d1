/**
 * Command-line and environment options for the desktop app, as pure functions
 * (no electron import) so they are unit-tested in plain Node. None of them
 * changes the key-derivation cost: that is fixed by the entry file (index.ts).
 *
 *   --vault DIR | --vault=DIR       the vault folder (else $CLINIC_VAULT_DIR, else <userData>/vault)
 *   --user-data-dir DIR             a separate Electron profile (and single-instance lock) per
 *                                   e2e worker; ignored when packaged
 *   --test-no-dialogs               startup errors go to stderr, not a native modal that would hang
 *                                   a headless e2e run; ignored when packaged
 */
import path from 'node:path';

export interface LaunchArgs {
  vaultDir: string | null;
  noDialogs: boolean;
  userDataDir: string | null;
}

/** Reads `--name value` or `--name=value`; a missing or flag-like value counts as absent. */
function optionValue(argv: readonly string[], name: string): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === name) {
      const next = argv[i + 1];
      return next !== undefined && next !== '' && !next.startsWith('--') ? next : null;
    }
    if (arg?.startsWith(`${name}=`)) {
      const value = arg.slice(name.length + 1);
      return value === '' ? null : value;
    }
  }
  return null;
}

export function parseLaunchArgs(argv: readonly string[], cwd: string): LaunchArgs {
  const vault = optionValue(argv, '--vault');
  const userData = optionValue(argv, '--user-data-dir');
  return {
    vaultDir: vault === null ? null : path.resolve(cwd, vault),
    noDialogs: argv.includes('--test-no-dialogs'),
    userDataDir: userData === null ? null : path.resolve(cwd, userData),
  };
}

/** Argument first (explicit beats ambient), then the environment, then the per-user default. */
export function resolveVaultDir(
  args: LaunchArgs,
  env: Readonly<Record<string, string | undefined>>,
  userDataPath: string,
): string {
  if (args.vaultDir) return args.vaultDir;
  const fromEnv = env['CLINIC_VAULT_DIR']?.trim();
  if (fromEnv) return path.resolve(fromEnv);
  return path.join(userDataPath, 'vault');
}
