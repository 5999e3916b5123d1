/**
 * The desktop app as the Electron e2e specs run it: the shipped app
 * (src-main/main/desktop-app.ts) with the cheap key derivation, so a test vault
 * opens in milliseconds. It is built to out/main/e2e-fast-kdf.js only when
 * CLINIC_E2E_BUILD=1 (electron.vite.config.ts; e2e/global-setup.ts sets it),
 * electron-builder.yml excludes it from packages, and `npm run dist` rebuilds
 * out/ without it. A packaged app has no use for it, so even if one carried
 * it, it would start with production costs.
 */
import path from 'node:path';
import { app } from 'electron';
import { startDesktopApp } from '../main/desktop-app';

startDesktopApp({ kdfCost: app.isPackaged ? 'production' : 'test', outDir: path.join(import.meta.dirname, '..') });
