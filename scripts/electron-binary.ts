/**
 * Is the Electron binary there, and if not, can it be fetched? Electron's npm
 * package does not download its binary during `npm install`: `electron .`
 * fetches it on first use, but electron-vite reads node_modules/electron/path.txt
 * itself and stops with a bare "Electron uninstall" (after building everything).
 * So scripts/run-electron.ts asks here first: fetch it once with the package's
 * own installer (node_modules/electron/install.js, the `install-electron` command), and if that fails
 * (offline, a proxy, a blocked download) say what to do instead.
 *
 * The lookup is the one electron-vite makes (ELECTRON_EXEC_PATH, else path.txt
 * naming a file under dist/), plus checking that the file it names exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

/** Where the electron package is installed, or null when it is not installed at all. */
export function electronPackageDir(fromDir: string): string | null {
  try {
    return dirname(createRequire(join(fromDir, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

export function findElectronBinary(electronDir: string | null, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const override = env.ELECTRON_EXEC_PATH;
  if (override) {
    return existsSync(override) ? { found: true, path: override } : { found: false, reason: `ELECTRON_EXEC_PATH names ${override}, which does not exist` };
  }
  if (!electronDir) return { found: false, reason: 'the electron package is not in node_modules: run npm install' };
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (!relative) return { found: false, reason: 'the Electron binary has not been downloaded yet' };
  const binary = join(electronDir, 'dist', relative);
  if (!existsSync(binary)) return { found: false, reason: `node_modules/electron/dist/${relative} is missing` };
  return { found: true, path: binary };
}

/**
 * The binary, fetching it first when only the download is missing. `download`
 * runs electron's installer and says whether it succeeded; it is not tried when
 * ELECTRON_EXEC_PATH points elsewhere or the package itself is absent, since
 * fetching cannot fix either.
 */
export function ensureElectronBinary(electronDir: string | null, download: (electronDir: string) => boolean, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const first = findElectronBinary(electronDir, env);
  if (first.found || env.ELECTRON_EXEC_PATH || !electronDir) return first;
  if (!download(electronDir)) return { found: false, reason: 'downloading the Electron binary failed (see the message above)' };
  return findElectronBinary(electronDir, env);
}

/** What `npm start` prints instead of starting, for a person who has just run `npm install`. */
export function missingElectronAdvice(reason: string): string {
  return [
    '',
    `Clinic Vault cannot open as a desktop app yet: ${reason}.`,
    '',
    'To fetch the Electron binary (about 100 MB, once), run:',
    '    node node_modules/electron/install.js',
    'then npm start again. Behind a proxy, set ELECTRON_GET_USE_PROXY=1 and HTTPS_PROXY first;',
    'where GitHub is blocked, set ELECTRON_MIRROR to a mirror you can reach, or ELECTRON_EXEC_PATH',
    'to an Electron 45 binary you already have.',
    '',
    'Meanwhile the same app runs in your browser:',
    '    npm run dev:web              (prints the address to open)',
    '    npm run dev:web -- --demo    (a demo clinic of made-up clients)',
    '',
  ].join('\n');
}
