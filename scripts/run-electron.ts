/**
 * `npm start` and `npm run dev`: electron-vite's preview (build, then open the
 * built app) or dev (hot reload), once the Electron binary is there, fetching it
 * the first time (scripts/electron-binary.ts). Arguments after `--` go to the
 * app, so `npm start -- --vault DIR` opens that vault (src-main/main/launch-options.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { electronPackageDir, ensureElectronBinary, missingElectronAdvice } from './electron-binary';

const [mode, ...appArgs] = process.argv.slice(2);
if (mode !== 'preview' && mode !== 'dev') {
  process.stderr.write('usage: node --import tsx scripts/run-electron.ts preview|dev [app arguments]\n');
  process.exit(2);
}

const root = process.cwd();
const electron = ensureElectronBinary(electronPackageDir(root), (dir) => {
  process.stdout.write('Fetching the Electron binary (once, about 100 MB)…\n');
  return spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'inherit' }).status === 0;
});
if (!electron.found) {
  process.stderr.write(missingElectronAdvice(electron.reason));
  process.exit(1);
}

const electronVite = createRequire(join(root, 'package.json')).resolve('electron-vite/bin/electron-vite.js');
const child = spawn(process.execPath, [electronVite, mode, ...(appArgs.length > 0 ? ['--', ...appArgs] : [])], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
