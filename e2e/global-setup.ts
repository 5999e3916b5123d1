/**
 * Builds the app once before the specs run, so they never test a stale
 * renderer. `electron-vite build` needs no Electron binary. Set
 * CLINIC_E2E_SKIP_BUILD=1 when the build has just been made.
 *
 * CLINIC_E2E_BUILD=1 adds the Electron specs' entry, out/main/e2e-fast-kdf.js
 * (the app with cheap key derivation; electron.vite.config.ts). For Electron
 * mode with SKIP_BUILD, build with `CLINIC_E2E_BUILD=1 npx electron-vite build`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function globalSetup(): void {
  const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
  mkdirSync(join(root, 'e2e-artifacts'), { recursive: true });
  if (process.env.CLINIC_E2E_SKIP_BUILD === '1') return;
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CLINIC_E2E_BUILD: '1' },
  });
  if (result.status !== 0) {
    throw new Error(`electron-vite build failed:\n${result.stdout}\n${result.stderr}`);
  }
}
