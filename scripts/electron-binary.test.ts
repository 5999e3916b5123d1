/**
 * `npm start` on a fresh `npm install`: Electron's binary is not downloaded
 * by the install, so the start script finds it missing, fetches it once, and
 * when that fails says how to get it and that `npm run dev:web` works meanwhile,
 * before building anything.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronPackageDir, ensureElectronBinary, findElectronBinary, missingElectronAdvice } from './electron-binary';

const REPO_ROOT = join(__dirname, '..');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cv-electron-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What electron's installer leaves behind: path.txt naming the binary under dist/. */
function installBinary(electronDir: string): void {
  mkdirSync(join(electronDir, 'dist'), { recursive: true });
  writeFileSync(join(electronDir, 'dist', 'electron'), '');
  writeFileSync(join(electronDir, 'path.txt'), 'electron');
}

describe('finding the Electron binary', () => {
  it('is found where electron-vite looks for it', () => {
    installBinary(dir);
    expect(findElectronBinary(dir, {})).toEqual({ found: true, path: join(dir, 'dist', 'electron') });
  });

  it('is missing when the package was installed without its download', () => {
    expect(findElectronBinary(dir, {})).toEqual({ found: false, reason: 'the Electron binary has not been downloaded yet' });
  });

  it('is missing when path.txt names a file that is not there (a half-finished download)', () => {
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(findElectronBinary(dir, {})).toMatchObject({ found: false, reason: expect.stringContaining('dist/electron is missing') as string });
  });

  it('follows ELECTRON_EXEC_PATH, and says so when it names nothing', () => {
    const own = join(dir, 'my-electron');
    writeFileSync(own, '');
    expect(findElectronBinary(null, { ELECTRON_EXEC_PATH: own })).toEqual({ found: true, path: own });
    expect(findElectronBinary(dir, { ELECTRON_EXEC_PATH: join(dir, 'nope') })).toMatchObject({ found: false, reason: expect.stringContaining('ELECTRON_EXEC_PATH') as string });
  });

  it('finds the electron package from the repository', () => {
    expect(electronPackageDir(REPO_ROOT)).toMatch(/node_modules[/\\]electron$/);
    expect(electronPackageDir(dir)).toBeNull();
  });
});

describe('fetching it when missing', () => {
  it('downloads once, then uses what the download left', () => {
    const calls: string[] = [];
    const result = ensureElectronBinary(dir, (d) => (calls.push(d), installBinary(d), true), {});
    expect(calls).toEqual([dir]);
    expect(result).toEqual({ found: true, path: join(dir, 'dist', 'electron') });
  });

  it('does not download when the binary is already there', () => {
    installBinary(dir);
    let calls = 0;
    expect(ensureElectronBinary(dir, () => (calls++, true), {}).found).toBe(true);
    expect(calls).toBe(0);
  });

  it('reports a failed download, and a download that left no binary', () => {
    expect(ensureElectronBinary(dir, () => false, {})).toEqual({ found: false, reason: 'downloading the Electron binary failed (see the message above)' });
    expect(ensureElectronBinary(dir, () => true, {})).toEqual({ found: false, reason: 'the Electron binary has not been downloaded yet' });
  });

  it('does not try to download over an ELECTRON_EXEC_PATH that names nothing', () => {
    let calls = 0;
    expect(ensureElectronBinary(dir, () => (calls++, true), { ELECTRON_EXEC_PATH: join(dir, 'nope') }).found).toBe(false);
    expect(calls).toBe(0);
  });

  it('the advice names the fix and the browser fallback', () => {
    const text = missingElectronAdvice('the Electron binary has not been downloaded yet');
    expect(text).toContain('the Electron binary has not been downloaded yet');
    expect(text).toContain('node node_modules/electron/install.js');
    expect(text).toContain('npm run dev:web');
  });
});

describe('npm start without the binary', () => {
  it('exits 1 with the advice on stderr, before building anything', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/run-electron.ts', 'preview'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ELECTRON_EXEC_PATH: join(dir, 'no-electron-here') },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Clinic Vault cannot open as a desktop app yet');
    expect(r.stderr).toContain('npm run dev:web');
    // electron-vite prints "building" as it starts; nothing of it ran.
    expect(r.stdout).not.toMatch(/vite|building/i);
  });
});
